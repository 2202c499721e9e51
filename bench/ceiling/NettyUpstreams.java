import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The upstream side the bare Netty relays share (NettyRelay, HybridRelay): keep-alive HTTP/1.1
 * connections to one local port, kept per event loop (so no locking), and the POST they forward.
 */
final class NettyUpstreams {
    private final int port;
    private final Map<EventLoop, ArrayDeque<Channel>> idle = new IdentityHashMap<>();

    NettyUpstreams(int port) {
        this.port = port;
    }

    /** The client's body as a POST to the upstream, with the headers the bare Vert.x relay sends. */
    DefaultFullHttpRequest post(String uri, ByteBuf body) {
        DefaultFullHttpRequest up = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri, body);
        up.headers().set(HttpHeaderNames.HOST, "127.0.0.1:" + port)
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.AUTHORIZATION, "Bearer x");
        return up;
    }

    /**
     * Hands {@code then} an idle connection of {@code loop}, or a new one whose pipeline is the client
     * codec and {@code handler}; runs {@code failed} when it cannot connect.
     */
    void acquire(EventLoop loop, Supplier<ChannelHandler> handler, Consumer<Channel> then, Runnable failed) {
        Channel kept = idle.computeIfAbsent(loop, l -> new ArrayDeque<>()).pollFirst();
        if (kept != null && kept.isActive()) {
            then.accept(kept);
            return;
        }
        new Bootstrap().group(loop).channel(EpollSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), handler.get());
                    }
                })
                .connect("127.0.0.1", port).addListener((ChannelFutureListener) f -> {
                    if (f.isSuccess()) {
                        then.accept(f.channel());
                    } else {
                        failed.run();
                    }
                });
    }

    /** The answer on {@code ch} is complete: it is kept for the next call on its loop. */
    void release(Channel ch) {
        idle.get(ch.eventLoop()).addFirst(ch);
    }
}
