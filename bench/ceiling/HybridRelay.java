import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * RawProxy's Vert.x server with NettyRelay's upstream client: Netty's HTTP client codec on the server's own
 * event loop instead of Vert.x's HttpClient. Between the two bare relays, it tells which side of Vert.x
 * costs a relayed stream what (the server's request and response objects, or the client's).
 *   java -cp switchboard.jar:. HybridRelay <listen-port> <upstream-port>
 */
public final class HybridRelay {
    private final int upstreamPort;
    private final Map<EventLoop, ArrayDeque<Channel>> idle = new IdentityHashMap<>();

    private HybridRelay(int upstreamPort) {
        this.upstreamPort = upstreamPort;
    }

    public static void main(String[] a) {
        HybridRelay relay = new HybridRelay(Integer.parseInt(a[1]));
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1));
        vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true)).requestHandler(req -> {
            EventLoop loop = ((ContextInternal) vertx.getOrCreateContext()).nettyEventLoop();
            req.body().onSuccess(body -> relay.forward(loop, req.uri(), ((BufferInternal) body).getByteBuf(), req.response()));
        }).listen(Integer.parseInt(a[0]), "127.0.0.1");
    }

    private void forward(EventLoop loop, String uri, ByteBuf body, HttpServerResponse out) {
        DefaultFullHttpRequest up = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri,
                Unpooled.wrappedBuffer(body));
        up.headers().set(HttpHeaderNames.HOST, "127.0.0.1:" + upstreamPort)
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, up.content().readableBytes())
                .set(HttpHeaderNames.AUTHORIZATION, "Bearer x");
        ArrayDeque<Channel> pool = idle.computeIfAbsent(loop, l -> new ArrayDeque<>());
        Channel upstream = pool.pollFirst();
        if (upstream != null && upstream.isActive()) {
            send(upstream, out, up);
            return;
        }
        new Bootstrap().group(loop).channel(EpollSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new Outbound());
                    }
                })
                .connect("127.0.0.1", upstreamPort).addListener((ChannelFutureListener) f -> {
                    if (f.isSuccess()) {
                        send(f.channel(), out, up);
                    } else {
                        up.release();
                        out.setStatusCode(502).end();
                    }
                });
    }

    private static void send(Channel upstream, HttpServerResponse out, DefaultFullHttpRequest up) {
        upstream.pipeline().get(Outbound.class).out = out;
        upstream.writeAndFlush(up);
    }

    /** The upstream's answer goes to the Vert.x response piece by piece. */
    private final class Outbound extends SimpleChannelInboundHandler<HttpObject> {
        HttpServerResponse out;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpResponse r) {
                out.setStatusCode(r.status().code());
                out.putHeader("content-type", r.headers().get(HttpHeaderNames.CONTENT_TYPE));
                String length = r.headers().get(HttpHeaderNames.CONTENT_LENGTH);
                if (length != null) {
                    out.putHeader("content-length", length);
                } else {
                    out.setChunked(true);
                }
            }
            if (msg instanceof HttpContent c) {
                boolean last = c instanceof LastHttpContent;
                if (c.content().isReadable()) {
                    BufferInternal piece = BufferInternal.buffer(c.content().retain());
                    if (last) {
                        out.end(piece);
                    } else {
                        out.write(piece);
                    }
                } else if (last) {
                    out.end();
                }
                if (last) {
                    out = null;
                    idle.get(ctx.channel().eventLoop()).addFirst(ctx.channel());
                }
            }
        }
    }
}
