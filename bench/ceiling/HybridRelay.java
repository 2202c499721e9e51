import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * RawProxy's Vert.x server with NettyRelay's upstream client: Netty's HTTP client codec on the server's own
 * event loop instead of Vert.x's HttpClient. Between the two bare relays, it tells which side of Vert.x
 * costs a relayed stream what (the server's request and response objects, or the client's).
 *   java -cp switchboard.jar:. HybridRelay <listen-port> <upstream-port>
 */
public final class HybridRelay {
    private final NettyUpstreams upstreams;

    private HybridRelay(int upstreamPort) {
        this.upstreams = new NettyUpstreams(upstreamPort);
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
        DefaultFullHttpRequest up = upstreams.post(uri, Unpooled.wrappedBuffer(body));
        upstreams.acquire(loop, Outbound::new, upstream -> {
            upstream.pipeline().get(Outbound.class).out = out;
            upstream.writeAndFlush(up);
        }, () -> {
            up.release();
            out.setStatusCode(502).end();
        });
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
                    upstreams.release(ctx.channel());
                }
            }
        }
    }
}
