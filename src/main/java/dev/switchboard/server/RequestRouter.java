package dev.switchboard.server;

import dev.switchboard.model.Endpoint;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.pipeline.Inbound;
import dev.switchboard.pipeline.ProxyPipeline;
import dev.switchboard.server.admin.AdminApi;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Dispatches on method and path. Hand-written rather than a router library because it is the hot
 * path and the table is small; the pipeline is fetched per request so a reload swaps it atomically.
 */
final class RequestRouter implements Handler<HttpServerRequest> {
    private final Supplier<ProxyPipeline> pipeline;
    private final Supplier<Long> maxBodyBytes;
    private final OpsEndpoints ops;
    private final Handler<HttpServerRequest> admin;

    RequestRouter(Supplier<ProxyPipeline> pipeline, Supplier<Long> maxBodyBytes, OpsEndpoints ops,
            Handler<HttpServerRequest> admin) {
        this.pipeline = pipeline;
        this.maxBodyBytes = maxBodyBytes;
        this.ops = ops;
        this.admin = admin;
    }

    @Override
    public void handle(HttpServerRequest request) {
        String path = request.path();
        HttpMethod method = request.method();
        Endpoint endpoint = switch (path) {
            case "/v1/chat/completions", "/chat/completions" -> Endpoint.CHAT;
            case "/v1/responses", "/responses" -> Endpoint.RESPONSES;
            case "/v1/embeddings", "/embeddings" -> Endpoint.EMBEDDINGS;
            default -> null;
        };
        if (endpoint != null) {
            if (method != HttpMethod.POST) {
                reject(request, new GatewayError(ErrorKind.METHOD_NOT_ALLOWED, "use POST for " + path, null, "method_not_allowed"));
                return;
            }
            proxy(request, Inbound.openAi(endpoint));
            return;
        }
        if (path.equals("/v1/messages") || path.equals("/v1/messages/count_tokens")) {
            Inbound inbound = Inbound.anthropic(path.length() == "/v1/messages".length() ? Endpoint.CHAT : Endpoint.COUNT_TOKENS);
            if (method != HttpMethod.POST) {
                reject(request, inbound.format(), new GatewayError(ErrorKind.METHOD_NOT_ALLOWED, "use POST for " + path));
                return;
            }
            proxy(request, inbound);
            return;
        }
        if (method == HttpMethod.POST && GeminiPaths.isGemini(path)) {
            GeminiPaths.parse(path).ifPresentOrElse(inbound -> proxy(request, inbound), () -> reject(request,
                    ClientFormat.GEMINI, new GatewayError(ErrorKind.NOT_FOUND, "no Gemini method at " + path)));
            return;
        }
        if (AdminApi.owns(path)) {
            admin.handle(request);
            return;
        }
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            // Anthropic and OpenAI share the path; only Anthropic's SDKs send anthropic-version
            ClientFormat listFormat = request.getHeader("anthropic-version") != null ? ClientFormat.ANTHROPIC
                    : ClientFormat.OPENAI_CHAT;
            if (path.equals("/v1/models") || path.equals("/models")) {
                pipeline.get().listModels(listFormat, new VertxClientExchange(request));
                return;
            }
            if (path.equals("/v1beta/models")) {
                pipeline.get().listModels(ClientFormat.GEMINI, new VertxClientExchange(request));
                return;
            }
            if (path.startsWith("/v1beta/models/") && path.length() > "/v1beta/models/".length()) {
                modelById(request, path.substring("/v1beta/models/".length()), ClientFormat.GEMINI);
                return;
            }
            if (path.startsWith("/v1/models/") && path.length() > "/v1/models/".length()) {
                modelById(request, path.substring("/v1/models/".length()), listFormat);
                return;
            }
            if (ops.handle(request)) {
                return;
            }
        }
        reject(request, new GatewayError(ErrorKind.NOT_FOUND, "no route for " + method + " " + path, null, "unknown_url"));
    }

    private void modelById(HttpServerRequest request, String encodedId, ClientFormat format) {
        String id;
        try { // SDKs percent-encode the id, and ids like "demo/echo-1" contain a slash
            id = URLDecoder.decode(encodedId.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            reject(request, format, GatewayError.invalid("malformed model id in the URL", "model"));
            return;
        }
        pipeline.get().getModel(format, id, new VertxClientExchange(request));
    }

    private void proxy(HttpServerRequest request, Inbound inbound) {
        ProxyPipeline p = pipeline.get();
        BodyReader.read(request, maxBodyBytes.get(), (body, error) -> {
            if (error != null) {
                VertxClientExchange client = new VertxClientExchange(request);
                p.reject(error, inbound.format(), client);
                if (error.kind() == ErrorKind.PAYLOAD_TOO_LARGE) {
                    // the rest of the body is never read: the connection cannot be reused
                    request.connection().close();
                }
                return;
            }
            p.proxy(inbound, body, new VertxClientExchange(request));
        });
    }

    private void reject(HttpServerRequest request, GatewayError error) {
        pipeline.get().reject(error, new VertxClientExchange(request));
    }

    private void reject(HttpServerRequest request, ClientFormat format, GatewayError error) {
        pipeline.get().reject(error, format, new VertxClientExchange(request));
    }
}
