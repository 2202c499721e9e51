import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The thinnest relay Netty itself allows, below Vert.x: HTTP/1.1 codecs, one event loop for both sides,
 * keep-alive upstream connections kept per loop, every upstream piece written to the client as it is read
 * and flushed once per read batch. No auth, translation or usage, like RawProxy. It answers what a gateway
 * that dropped Vert.x's HTTP objects for Netty's could save on the same stream.
 *   java -cp switchboard.jar:. NettyRelay <listen-port> <upstream-port>
 */
public final class NettyRelay {
    private final NettyUpstreams upstreams;

    private NettyRelay(int upstreamPort) {
        this.upstreams = new NettyUpstreams(upstreamPort);
    }

    public static void main(String[] a) throws InterruptedException {
        NettyRelay relay = new NettyRelay(Integer.parseInt(a[1]));
        MultiThreadIoEventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        new ServerBootstrap().group(loop).channel(EpollServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), relay.new Inbound());
                    }
                })
                .bind("127.0.0.1", Integer.parseInt(a[0])).sync().channel().closeFuture().sync();
    }

    /** The client's side: one aggregated request at a time per connection. */
    private final class Inbound extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            DefaultFullHttpRequest up = upstreams.post(req.uri(), req.content().retain());
            Channel client = ctx.channel();
            upstreams.acquire(client.eventLoop(), Outbound::new, upstream -> {
                upstream.pipeline().get(Outbound.class).client = client;
                upstream.writeAndFlush(up);
            }, () -> {
                up.release();
                client.close();
            });
        }
    }

    /** The upstream's side: its answer goes to the client piece by piece, flushed once per read batch. */
    private final class Outbound extends SimpleChannelInboundHandler<HttpObject> {
        Channel client;

        Outbound() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpResponse r) {
                HttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status().code()));
                out.headers().set(HttpHeaderNames.CONTENT_TYPE, r.headers().get(HttpHeaderNames.CONTENT_TYPE));
                String length = r.headers().get(HttpHeaderNames.CONTENT_LENGTH);
                if (length != null) {
                    out.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
                } else {
                    out.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                }
                client.write(out);
            }
            if (msg instanceof HttpContent c) {
                client.write(c);
                if (c instanceof LastHttpContent) {
                    client.flush();
                    client = null;
                    upstreams.release(ctx.channel());
                }
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (client != null) {
                client.flush();
            }
        }
    }
}
