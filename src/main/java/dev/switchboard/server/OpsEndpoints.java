package dev.switchboard.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.BooleanSupplier;

/** Liveness, readiness and metrics: unauthenticated, cheap, and never touching a provider. */
final class OpsEndpoints {
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier draining;

    OpsEndpoints(PrometheusMeterRegistry registry, BooleanSupplier draining) {
        this.registry = registry;
        this.draining = draining;
    }

    boolean handle(HttpServerRequest request) {
        switch (request.path()) {
            case "/health" -> json(request, 200, "{\"status\":\"ok\"}");
            case "/ready" -> {
                if (draining.getAsBoolean()) {
                    json(request, 503, "{\"status\":\"draining\"}");
                } else {
                    json(request, 200, "{\"status\":\"ready\"}");
                }
            }
            case "/metrics" -> request.response()
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(registry.scrape());
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void json(HttpServerRequest request, int status, String body) {
        request.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
    }
}
