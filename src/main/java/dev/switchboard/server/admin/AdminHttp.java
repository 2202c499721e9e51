package dev.switchboard.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.store.StoreException;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the admin API: authentication first (before any body is read), the hop of each call
 * to the worker pool and back, and every answer and refusal as JSON with {@code Cache-Control: no-store}
 * (some answers carry a secret once; no cache may keep it).
 */
final class AdminHttp {
    private static final Logger LOG = LoggerFactory.getLogger(AdminHttp.class);
    static final String ACTOR_HEADER = "X-Switchboard-Actor";
    private static final Pattern ACTOR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.@:+-]{0,63}");

    private final WorkerExecutor worker;
    private final AdminAuth auth;

    AdminHttp(WorkerExecutor worker, AdminAuth auth) {
        this.worker = worker;
        this.auth = auth;
    }

    void authenticate(RoutingContext ctx) {
        AdminProblem refused = auth.check(ctx.request().getHeader("authorization"));
        if (refused != null) {
            send(ctx, refused);
            return;
        }
        ctx.next();
    }

    /** Runs {@code resource} on the worker pool; the answer goes out on the event loop that took the call. */
    Handler<RoutingContext> blocking(Function<AdminCall, AdminReply> resource) {
        return ctx -> {
            AdminCall call;
            try {
                call = call(ctx);
            } catch (AdminProblem p) {
                send(ctx, p);
                return;
            }
            worker.<AdminReply>executeBlocking(() -> resource.apply(call), false).onComplete(result -> {
                if (result.succeeded()) {
                    send(ctx, result.result());
                } else {
                    send(ctx, problem(result.cause(), ctx));
                }
            });
        };
    }

    /** Answers on the event loop that took the call: for answers that read memory only. */
    Handler<RoutingContext> inline(Supplier<AdminReply> answer) {
        return ctx -> send(ctx, answer.get());
    }

    /** The router's own refusals (no such path, wrong method, body too large) in the same JSON shape. */
    void errors(Router router) {
        router.errorHandler(404, ctx -> send(ctx, AdminProblem.notFound("no admin endpoint at " + ctx.request().path())));
        router.errorHandler(405, ctx -> send(ctx, new AdminProblem(405, "invalid_request_error",
                ctx.request().method() + " is not allowed on this admin endpoint", null)));
        router.errorHandler(413, ctx -> send(ctx, new AdminProblem(413, "invalid_request_error",
                "request body exceeds " + AdminApi.MAX_BODY_BYTES + " bytes", null)));
        router.errorHandler(400, ctx -> send(ctx, AdminProblem.invalid("malformed request", null)));
        router.errorHandler(500, ctx -> send(ctx, problem(ctx.failure(), ctx)));
    }

    private static AdminCall call(RoutingContext ctx) {
        String actor = ctx.request().getHeader(ACTOR_HEADER);
        if (actor == null) {
            actor = "admin";
        } else if (!ACTOR.matcher(actor.strip()).matches()) {
            throw AdminProblem.invalid(ACTOR_HEADER + " must be 1..64 letters, digits, spaces or _.@:+-", ACTOR_HEADER);
        } else {
            actor = actor.strip();
        }
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        String type = ctx.request().getHeader("content-type");
        // a form body is parsed away by the body handler: judge by the declared type, not by what is left
        if ((body != null && body.length() > 0) || type != null) {
            if (type == null || !type.strip().toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
                throw new AdminProblem(415, "invalid_request_error",
                        "send the body as JSON with 'Content-Type: application/json'", null);
            }
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        try {
            MultiMap params = ctx.queryParams();
            for (String name : params.names()) {
                query.put(name, new ArrayList<>(params.getAll(name)));
            }
        } catch (RuntimeException e) {
            throw AdminProblem.invalid("malformed query string", null);
        }
        String accept = ctx.request().getHeader("accept");
        boolean csv = accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv");
        return new AdminCall(ctx.pathParams(), query, body == null ? null : body.getBytes(), actor, csv);
    }

    /** Expected refusals keep their message; anything else is logged here and answered without detail. */
    private static AdminProblem problem(Throwable t, RoutingContext ctx) {
        if (t instanceof AdminProblem p) {
            return p;
        }
        if (t instanceof StoreException e) {
            if (isConstraintViolation(e)) {
                return AdminProblem.conflict("the change conflicts with an existing row (a name or id in use)", null);
            }
            // the SQL error text may quote row values: log its kind, not its text
            LOG.warn("admin {} {}: store unavailable: {} ({})", ctx.request().method(), ctx.request().path(),
                    e.getMessage(), sqlState(e));
            return AdminProblem.unavailable("the store is unavailable; try again");
        }
        // exception texts can quote input: the class goes to the log, the trace only at debug level
        LOG.error("admin {} {} failed: {}", ctx.request().method(), ctx.request().path(),
                t == null ? "unknown" : t.getClass().getName());
        LOG.debug("admin failure", t);
        return new AdminProblem(500, "api_error", "internal error in the admin API", null);
    }

    private static boolean isConstraintViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s && ((s.getSQLState() != null && s.getSQLState().startsWith("23"))
                    || String.valueOf(s.getMessage()).contains("SQLITE_CONSTRAINT"))) {
                return true;
            }
        }
        return false;
    }

    private static String sqlState(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                return "SQLState " + s.getSQLState();
            }
        }
        return t.getCause() == null ? "no cause" : t.getCause().getClass().getSimpleName();
    }

    private static void send(RoutingContext ctx, AdminReply reply) {
        if (ctx.response().ended()) {
            return;
        }
        headers(ctx.response().setStatusCode(reply.status()).putHeader("content-type", reply.contentType()))
                .end(Buffer.buffer(reply.body()));
    }

    private static void send(RoutingContext ctx, AdminProblem p) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("error").put("message", p.getMessage()).put("type", p.type()).put("param", p.param());
        HttpServerResponse response = ctx.response();
        if (p.status() == 401) {
            response.putHeader("www-authenticate", "Bearer realm=\"switchboard-admin\"");
        }
        send(ctx, AdminReply.json(p.status(), body));
    }

    private static HttpServerResponse headers(HttpServerResponse r) {
        return r.putHeader("cache-control", "no-store").putHeader("x-content-type-options", "nosniff");
    }
}
