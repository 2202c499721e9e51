package dev.switchboard.server.admin;

import dev.switchboard.config.GatewayConfig;
import dev.switchboard.server.Backends;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The admin REST API under {@code /admin/v1}: projects, keys, provider credentials, usage, request log,
 * audit log, the breaker and key status and the OpenAPI description. Every call needs {@code Authorization: Bearer <server.admin_key>};
 * without an admin key in the config the whole API answers 404.
 *
 * <p>Vert.x stays in this class and {@link AdminHttp}: each call is read off the HTTP objects on the
 * event loop, handed to a resource on the admin worker pool (all JDBC happens there, never on an event
 * loop), and its answer written back on the event loop.
 */
public final class AdminApi implements Handler<HttpServerRequest> {
    public static final String PREFIX = "/admin/v1";
    /** Admin bodies are small JSON objects; a credential is the largest field. */
    static final long MAX_BODY_BYTES = 64 * 1024;
    private static final int WORKERS = 4;

    private final Router router;

    private AdminApi(Router router) {
        this.router = router;
    }

    /**
     * @param config the current config snapshot (admin key, provider names), read per call so a reload applies
     * @param status the current pipeline's breakers and keys as JSON, for {@code GET /admin/v1/status}
     */
    public static AdminApi create(Vertx vertx, Backends backends, Supplier<GatewayConfig> config, Clock systemClock,
            Supplier<byte[]> status) {
        // the store keeps milliseconds: an answer must show the instant a later read will show
        Clock clock = Clock.tick(systemClock, java.time.Duration.ofMillis(1));
        // a shared worker executor is closed with its Vert.x instance
        WorkerExecutor worker = vertx.createSharedWorkerExecutor("switchboard-admin", WORKERS);
        AdminHttp http = new AdminHttp(worker, new AdminAuth(() -> config.get().server().adminKey()));
        Ids ids = new Ids(new SecureRandom());
        AdminChanges changes = new AdminChanges(backends.store().audit(), backends.directory(), backends.changes(), clock);
        ProjectsResource projects = new ProjectsResource(backends.store(), changes, ids, clock);
        KeysResource keys = new KeysResource(backends.store(), backends.virtualKeys(), changes, ids, clock);
        CredentialsResource credentials = new CredentialsResource(backends.store(), backends.cipher(),
                name -> config.get().providers().containsKey(name), changes, ids, clock);
        UsageResource usage = new UsageResource(backends.store(), clock);
        RequestLogResource requests = new RequestLogResource(backends.store(), clock);
        AuditResource audit = new AuditResource(backends.store(), clock);
        byte[] openApi = OpenApi.document();

        Router r = Router.router(vertx);
        r.route().handler(http::authenticate);
        r.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        route(r, http, "GET", "/projects", projects::list);
        route(r, http, "POST", "/projects", projects::create);
        route(r, http, "GET", "/projects/:id", projects::get);
        route(r, http, "PATCH", "/projects/:id", projects::update);
        route(r, http, "DELETE", "/projects/:id", projects::delete);
        route(r, http, "GET", "/keys", keys::list);
        route(r, http, "POST", "/keys", keys::create);
        route(r, http, "GET", "/keys/:id", keys::get);
        route(r, http, "PATCH", "/keys/:id", keys::update);
        route(r, http, "POST", "/keys/:id/revoke", keys::revoke);
        route(r, http, "POST", "/keys/:id/rotate", keys::rotate);
        route(r, http, "GET", "/credentials", credentials::list);
        route(r, http, "POST", "/credentials", credentials::create);
        route(r, http, "DELETE", "/credentials/:id", credentials::delete);
        route(r, http, "GET", "/usage", usage::grouped);
        route(r, http, "GET", "/usage/totals", usage::totals);
        route(r, http, "GET", "/requests", requests::list);
        route(r, http, "GET", "/requests/:id", requests::get);
        route(r, http, "GET", "/audit", audit::list);
        route(r, http, "GET", "/openapi.json", call -> new AdminReply(200, AdminReply.JSON, openApi));
        // breakers and keys are in memory: answered on the event loop, no worker hop
        r.route(PREFIX + "/status").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(http.inline(() -> new AdminReply(200, AdminReply.JSON, status.get())));
        http.errors(r);
        return new AdminApi(r);
    }

    private static void route(Router r, AdminHttp http, String method, String path,
            Function<AdminCall, AdminReply> resource) {
        r.route(HttpMethod.valueOf(method), PREFIX + path).handler(http.blocking(resource));
    }

    /** True for the paths this API answers: everything under {@code /admin/v1}. */
    public static boolean owns(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    @Override
    public void handle(HttpServerRequest request) {
        router.handle(request);
    }
}
