import io.vertx.core.*;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.*;

/** The thinnest Vert.x proxy: read body, forward, relay the answer. The ceiling for any Vert.x gateway. */
public class RawProxy {
    public static void main(String[] a) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1));
        HttpClient client = vertx.httpClientBuilder().with(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true))
                .with(new PoolOptions().setHttp1MaxSize(1024)).build();
        int up = Integer.parseInt(a[1]);
        vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true)).requestHandler(req -> {
            req.body().onSuccess(body -> client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(up).setURI(req.uri())
                    .putHeader("content-type", "application/json").putHeader("authorization", "Bearer x"))
                .compose(r -> r.send(body)).onSuccess(resp -> {
                    HttpServerResponse out = req.response().setStatusCode(resp.statusCode());
                    out.putHeader("content-type", resp.getHeader("content-type"));
                    String cl = resp.getHeader("content-length");
                    if (cl != null) out.putHeader("content-length", cl); else out.setChunked(true);
                    resp.handler(out::write);
                    resp.endHandler(v -> out.end());
                }).onFailure(t -> req.response().setStatusCode(502).end()));
        }).listen(Integer.parseInt(a[0]), "127.0.0.1");
    }
}
