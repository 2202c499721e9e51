package dev.switchboard.pipeline;

import dev.switchboard.config.GatewayConfig;
import dev.switchboard.format.ChatCodec;
import dev.switchboard.format.Codecs;
import dev.switchboard.format.Json;
import dev.switchboard.format.openai.OpenAiModels;
import dev.switchboard.format.openai.ProbedRequest;
import dev.switchboard.format.openai.RequestProbe;
import dev.switchboard.model.Endpoint;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.UpstreamTransport;
import dev.switchboard.resilience.CircuitBreaker;
import dev.switchboard.resilience.CircuitBreakerRegistry;
import dev.switchboard.resilience.ConcurrencyLimiter;
import dev.switchboard.resilience.HealthSync;
import dev.switchboard.resilience.LatencyTracker;
import dev.switchboard.routing.Candidate;
import dev.switchboard.routing.ModelResolver;
import dev.switchboard.routing.Route;
import dev.switchboard.routing.SessionAffinity;
import dev.switchboard.tenancy.LimitCounters;
import dev.switchboard.tenancy.Permit;
import dev.switchboard.tenancy.TenantAdmission;
import dev.switchboard.usage.CostCalculator;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import dev.switchboard.usage.TokenEstimator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline of one config snapshot, top to bottom: authenticate, decode, route, check
 * permission, then the attempt loop and relay in {@link ProxyCall}. Built once per snapshot by
 * {@link #create}; holds no state of its own between requests.
 */
public final class ProxyPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyPipeline.class);

    private final Authenticator authenticator;
    private final RequestProbe probe;
    private final ModelResolver resolver;
    private final ModelCatalog catalog;
    private final PipelineContext ctx;
    private final Clock clock;
    private final RequestIds ids;
    private final LimitCounters limitCounters;
    /** Local token counts, where a provider reports none (Gemini embeddings, count_tokens elsewhere). */
    private final TokenEstimator tokens;
    private final TokenCounting counting;
    /** Requests waiting for the shared limit counters: in flight, though no call holds a slot yet. */
    private final AtomicInteger awaitingAdmission = new AtomicInteger();

    private ProxyPipeline(Authenticator authenticator, RequestProbe probe, ModelResolver resolver, ModelCatalog catalog,
            PipelineContext ctx, LimitCounters limitCounters, Clock clock, TokenEstimator tokens) {
        this.tokens = tokens;
        this.counting = new TokenCounting(tokens);
        this.limitCounters = limitCounters;
        this.authenticator = authenticator;
        this.probe = probe;
        this.resolver = resolver;
        this.catalog = catalog;
        this.ctx = ctx;
        this.clock = clock;
        this.ids = new RequestIds(clock);
    }

    /**
     * @param health shares key cooldowns and breaker openings with the other instances (one per process,
     *     outliving snapshots); this snapshot's key pools and breakers are bound to it here
     * @param tenants the key directory, limit counters and usage writer (one per process)
     * @param tokens the local tokenizer (one per process: its vocabularies hold about 45 MB and take a few
     *     hundred milliseconds to load, which a snapshot must not pay again)
     */
    public static ProxyPipeline create(GatewayConfig config, boolean devMode, UpstreamTransport http,
            GatewayMetrics metrics, AccessLogSink accessLog, Scheduler scheduler, Clock clock, LongSupplier nanoTime,
            HealthSync health, TenantServices tenants, TokenEstimator tokens) {
        Upstreams upstreams = new Upstreams(config, http, clock, health);
        LatencyTracker latency = new LatencyTracker(LatencyTracker.Config.defaults(), clock);
        ModelResolver resolver = new ModelResolver(config, new MeasuredLatency(latency));
        SessionAffinity affinity = new SessionAffinity(config.defaults().affinityTtl(), SessionAffinity.DEFAULT_MAX_SESSIONS, nanoTime);
        var limits = config.server().limits();
        CircuitBreaker.Listener share = health.breakerListener();
        CircuitBreakerRegistry breakers = new CircuitBreakerRegistry(upstreams::breakerConfig, clock, t -> {
            LOG.warn("circuit {} {} -> {}{}{}", t.breakerId(), t.from(), t.to(),
                    t.openFor() == null ? "" : " for " + t.openFor(), t.shared() ? " (opened by another instance)" : "");
            metrics.circuitTransition(t.breakerId(), t.to().name().toLowerCase());
            share.onTransition(t);
        });
        health.bind(upstreams::keys, breakers);
        Codecs codecs = Codecs.standard(clock, Json.clientFactory(limits.maxJsonDepth(), limits.maxBodyBytes()));
        return new ProxyPipeline(
                new Authenticator(tenants.directory(), devMode),
                new RequestProbe(Json.clientFactory(limits.maxJsonDepth(), limits.maxBodyBytes())),
                resolver,
                new ModelCatalog(config, upstreams, resolver, clock.instant().getEpochSecond()),
                new PipelineContext(upstreams, limits, nanoTime, metrics, new AccessLog(accessLog), breakers, clock,
                        latency, affinity, new ConcurrencyLimiter("instance", limits.maxConcurrent()), scheduler,
                        codecs,
                        new Accounting(new CostCalculator(Prices.of(config)), tenants.usage()),
                        new UsageEstimates(tokens, codecs)),
                tenants.limits(),
                clock,
                tokens);
    }

    /**
     * Requests this pipeline is still working on (calls in flight and requests waiting for admission),
     * so that a shutdown can let them finish, and submit their records, before the usage writer closes.
     */
    public int inFlight() {
        return ctx.instanceLimit().inFlight() + awaitingAdmission.get();
    }

    public void proxy(Endpoint endpoint, byte[] body, ClientExchange client) {
        proxy(Inbound.openAi(endpoint), body, client);
    }

    public void proxy(Inbound inbound, byte[] body, ClientExchange exchange) {
        Endpoint endpoint = inbound.endpoint();
        ClientExchange client = inbound.format() == ClientFormat.GEMINI && inbound.pathStream()
                && !"sse".equals(exchange.query("alt")) ? new JsonArrayFraming(exchange, ctx.limits().maxSseLineBytes()) : exchange;
        long startNanos = ctx.nanoTime();
        RequestId requestId = requestId(client);
        Principal principal = null;
        ProbedRequest probed = null;
        try {
            principal = authenticate(client);
            RequestFacts facts = new RequestFacts(requestId, clock.instant(), startNanos, principal, endpoint);
            probed = probe(inbound, body);
            String model = probed.model();
            Route route = resolver.resolve(model).orElseThrow(() -> new GatewayError(ErrorKind.NOT_FOUND,
                    "The model '" + model + "' does not exist or is not configured", "model", "model_not_found"));
            if (!principal.mayUse(route)) {
                throw new GatewayError(ErrorKind.PERMISSION,
                        "this key may not use model '" + model + "'", "model", "model_not_allowed");
            }
            if (!principal.mayCall(client.path())) {
                throw new GatewayError(ErrorKind.PERMISSION,
                        "this key may not call " + client.path(), null, "endpoint_not_allowed");
            }
            String session = null;
            Candidate affine = null;
            if (route.affinity()) { // several targets: pin a known session to the deployment that served it
                session = SessionIds.of(client, probed);
                if (session != null) {
                    affine = ctx.affinity().lookup(route.requestedModel(), session);
                    if (affine != null) {
                        Route resolved = route;
                        route = SessionAffinity.prefer(route, affine, c -> ctx.breakers().breaker(resolved.breakerId(c)).allow());
                    }
                }
            }
            if (endpoint == Endpoint.COUNT_TOKENS) {
                Route natives = countingRoute(inbound, route);
                if (natives == null) {
                    Map<String, String> headers = jsonHeaders(requestId);
                    headers.put(TokenCounting.ESTIMATED_HEADER, "true");
                    byte[] answer = counting.answer(inbound, body, route.candidates().get(0).upstreamModel());
                    recordLocal(requestId, startNanos, principal, endpoint, probed, 200, "estimated", null, inbound.format());
                    client.respond(200, headers, answer);
                    return;
                }
                route = natives;
            }
            Translation translation = translation(inbound, body, route);
            Admitted next = new Admitted(facts, inbound, probed, translation, route, body, session, affine);
            if (principal.tenant() == null) {
                start(next, client, Permit.NONE);
                return;
            }
            // a rough count from the body's size: only token-per-minute limits use it, and the real
            // count settles the window when the answer is in
            CompletableFuture<TenantAdmission> admission = limitCounters.admit(principal.tenant(), body.length / 4)
                    .toCompletableFuture();
            if (admission.isDone()) {
                admitted(next, client, admission.join());
            } else { // a Redis round trip: continue on the request's own thread
                awaitingAdmission.incrementAndGet();
                admission.whenComplete((a, error) -> client.onContext(() -> {
                    awaitingAdmission.decrementAndGet();
                    admitted(next, client, error == null ? a : new TenantAdmission.Admitted(Permit.NONE));
                }));
            }
        } catch (GatewayError e) {
            // recorded before answering, as every path does: a client holding its answer can count on the record
            recordRejection(requestId, startNanos, principal, endpoint, probed, e, inbound.format());
            reject(e, inbound.format(), requestId, client);
        } catch (RuntimeException e) {
            LOG.error("request {} failed inside the gateway", requestId.own(), e);
            GatewayError internal = new GatewayError(ErrorKind.INTERNAL,
                    "internal gateway error (request id " + requestId.own() + ")");
            recordRejection(requestId, startNanos, principal, endpoint, probed, internal, inbound.format());
            reject(internal, inbound.format(), requestId, client);
        }
    }

    /** Everything decided before the limits were asked; runs the call once they admit it. */
    private record Admitted(RequestFacts facts, Inbound inbound, ProbedRequest probed, Translation translation,
            Route route, byte[] body, String session, Candidate affine) {}

    private void start(Admitted a, ClientExchange client, Permit permit) {
        Optional<ConcurrencyLimiter.Permit> slot = ctx.instanceLimit().tryAcquire();
        if (slot.isEmpty()) {
            permit.settle(0, BigDecimal.ZERO);
            throw new GatewayError(ErrorKind.OVERLOADED, "the gateway is at its concurrency limit; retry shortly", null,
                    "overloaded");
        }
        new ProxyCall(ctx, client, a.facts(), a.inbound(), a.probed(), a.translation(), a.route(), a.body(), a.session(),
                a.affine(), slot.get(), permit).start();
    }

    private void admitted(Admitted a, ClientExchange client, TenantAdmission admission) {
        RequestFacts f = a.facts();
        try {
            switch (admission) {
                case TenantAdmission.Admitted ok -> start(a, client, ok.permit());
                case TenantAdmission.Rejected no -> {
                    GatewayError e = no.rejection().error();
                    Map<String, String> headers = jsonHeaders(f.id());
                    headers.putAll(no.rejection().headers());
                    recordRejection(f.id(), f.startNanos(), f.principal(), f.endpoint(), a.probed(), e,
                            a.inbound().format());
                    client.respond(ctx.errors().status(a.inbound().format(), e), headers,
                            ctx.errors().body(a.inbound().format(), e));
                }
            }
        } catch (GatewayError e) {
            recordRejection(f.id(), f.startNanos(), f.principal(), f.endpoint(), a.probed(), e, a.inbound().format());
            reject(e, a.inbound().format(), f.id(), client);
        }
    }

    /**
     * Gemini carries model and streaming in the URL, so its body need not be read to route; the others
     * are probed without building a tree.
     */
    private ProbedRequest probe(Inbound inbound, byte[] body) {
        if (inbound.format() == ClientFormat.GEMINI) {
            return new ProbedRequest(inbound.pathModel(), -1, -1, inbound.pathStream(), ProbedRequest.StreamOptions.ABSENT);
        }
        return probe.probe(inbound.endpoint() == Endpoint.COUNT_TOKENS ? Endpoint.CHAT : inbound.endpoint(), body);
    }

    /**
     * The canonical form of the request, decoded now when some candidate of the route speaks another
     * format, so that a malformed request is refused before any upstream is tried; null when every
     * candidate speaks the client's format.
     */
    private Translation translation(Inbound inbound, byte[] body, Route route) {
        boolean needed = false;
        for (Candidate c : route.candidates()) {
            Provider p = ctx.upstreams().provider(c.provider());
            needed |= p != null && !UpstreamPayload.passthrough(inbound, p.format());
        }
        if (!needed) {
            return null;
        }
        if (inbound.endpoint() == Endpoint.EMBEDDINGS) {
            return new EmbeddingsTranslation(body, inbound, tokens::count).validate();
        }
        ChatCodec codec = ctx.codecs().client(inbound.format());
        if (codec == null || inbound.endpoint() == Endpoint.COUNT_TOKENS) {
            return null;
        }
        ChatTranslation t = new ChatTranslation(codec, body, inbound);
        t.request();
        return t;
    }

    /** The route's candidates that can count natively (same format as the client), or null when none can. */
    private Route countingRoute(Inbound inbound, Route route) {
        List<Candidate> native_ = new ArrayList<>();
        for (Candidate c : route.candidates()) {
            Provider p = ctx.upstreams().provider(c.provider());
            if (p != null && p.format() == inbound.format().sameWire() && TokenCounting.nativeFor(inbound.format())) {
                native_.add(c);
            }
        }
        return native_.isEmpty() ? null : route.withCandidates(native_);
    }

    /** Refused requests are records too: a 401 storm must show in metrics and the log. */
    private void recordRejection(RequestId requestId, long startNanos, Principal principal, Endpoint endpoint,
            ProbedRequest probed, GatewayError error, ClientFormat format) {
        recordLocal(requestId, startNanos, principal, endpoint, probed, error.status(), "rejected", error.kind(), format);
    }

    /** A call the gateway answered itself, without any upstream. */
    private void recordLocal(RequestId requestId, long startNanos, Principal principal, Endpoint endpoint,
            ProbedRequest probed, int status, String outcome, ErrorKind errorKind, ClientFormat format) {
        double ms = (ctx.nanoTime() - startNanos) / 1_000_000.0;
        ctx.record(new RequestRecord(requestId.own(), requestId.client(), clock.instant(),
                principal == null ? null : principal.name(), endpoint,
                probed == null ? null : probed.model(), null, null, probed != null && probed.stream(),
                status, outcome, 0, null, ms, ms, -1, principal == null ? null : principal.keyId(),
                principal == null ? null : principal.projectId(), format, errorKind), Permit.NONE);
    }

    public void listModels(ClientExchange client) {
        listModels(ClientFormat.OPENAI_CHAT, client);
    }

    /** The models this key may use, in the list shape of the client's API. */
    public void listModels(ClientFormat format, ClientExchange client) {
        RequestId requestId = requestId(client);
        try {
            Principal principal = authenticate(client);
            client.respond(200, jsonHeaders(requestId), ModelLists.list(format, catalog.list(principal)));
        } catch (GatewayError e) {
            reject(e, format, requestId, client);
        }
    }

    public void getModel(String id, ClientExchange client) {
        getModel(ClientFormat.OPENAI_CHAT, id, client);
    }

    public void getModel(ClientFormat format, String id, ClientExchange client) {
        RequestId requestId = requestId(client);
        try {
            Principal principal = authenticate(client);
            String bare = format == ClientFormat.GEMINI && id.startsWith("models/") ? id.substring(7) : id;
            OpenAiModels.Entry entry = catalog.find(principal, bare).orElseThrow(() -> new GatewayError(
                    ErrorKind.NOT_FOUND, "The model '" + bare + "' does not exist", "model", "model_not_found"));
            client.respond(200, jsonHeaders(requestId), ModelLists.one(format, entry));
        } catch (GatewayError e) {
            reject(e, format, requestId, client);
        }
    }

    /**
     * The breakers and keys of this snapshot as JSON, for {@code GET /admin/v1/status}; the admin API
     * checks the admin key before it asks.
     */
    public byte[] statusReport() {
        return StatusReport.render(ctx.breakers(), ctx.upstreams());
    }

    /** Answers with an error in the OpenAI format. */
    public void reject(GatewayError error, ClientExchange client) {
        reject(error, ClientFormat.OPENAI_CHAT, client);
    }

    /** Answers with an error in the client's format. */
    public void reject(GatewayError error, ClientFormat format, ClientExchange client) {
        reject(error, format, requestId(client), client);
    }

    private void reject(GatewayError error, ClientFormat format, RequestId requestId, ClientExchange client) {
        Map<String, String> headers = jsonHeaders(requestId);
        if (error.kind() == ErrorKind.OVERLOADED) {
            headers.put("retry-after", "1"); // a fast refusal is only kind if it says when to come back
        }
        client.respond(ctx.errors().status(format, error), headers, ctx.errors().body(format, error));
    }

    private Principal authenticate(ClientExchange client) {
        String apiKey = client.header("x-api-key");
        if (apiKey == null) {
            apiKey = client.header("x-goog-api-key");
        }
        if (apiKey == null && client.header("authorization") == null) {
            apiKey = client.query("key"); // Gemini's REST examples put the key in the URL
        }
        return authenticator.authenticate(client.header("authorization"), apiKey);
    }

    private static Map<String, String> jsonHeaders(RequestId requestId) {
        Map<String, String> h = new LinkedHashMap<>(4);
        h.put("content-type", "application/json");
        requestId.putHeaders(h);
        return h;
    }

    /** A new id of the gateway's own for every request, beside the client's {@code X-Request-ID} when sane. */
    private RequestId requestId(ClientExchange client) {
        return RequestId.of(ids, client.header(RequestId.HEADER));
    }
}
