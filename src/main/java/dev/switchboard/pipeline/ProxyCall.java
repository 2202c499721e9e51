package dev.switchboard.pipeline;

import dev.switchboard.format.ChatCodec;
import dev.switchboard.format.anthropic.ThinkingRectifier;
import dev.switchboard.format.openai.ProbedRequest;
import dev.switchboard.model.Endpoint;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.model.WireFormat;
import dev.switchboard.provider.Chunk;
import dev.switchboard.provider.HeaderLookup;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.UpstreamCall;
import dev.switchboard.provider.UpstreamFailure;
import dev.switchboard.provider.UpstreamListener;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.resilience.Backoff;
import dev.switchboard.tenancy.Permit;
import dev.switchboard.resilience.CircuitBreaker;
import dev.switchboard.resilience.ConcurrencyLimiter;
import dev.switchboard.resilience.KeyPool;
import dev.switchboard.resilience.RetryDecision;
import dev.switchboard.resilience.ServerDelay;
import dev.switchboard.routing.Candidate;
import dev.switchboard.routing.Route;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied request from route to record: the attempt loop, the commit on the first good answer,
 * the relay, and the single record at the end. Everything runs on the request's event-loop thread, so
 * the state needs no locks; callbacks from an abandoned attempt are recognised and ignored.
 */
final class ProxyCall {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyCall.class);
    private static final int MAX_ERROR_BODY = 1 << 20;
    /** Bounds key rotation plus failover, whatever the route and pools look like. */
    private static final int MAX_ATTEMPTS = 10;
    /** A 429 without any reset hint still rests the key briefly, so the next call tries another. */
    private static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(1);
    private static final RandomGenerator RANDOM = Backoff.sharedRandom();

    private final PipelineContext ctx;
    private final ClientExchange client;
    private final RequestFacts facts;
    private final ProbedRequest probe;
    private final Inbound inbound;
    /** The request in canonical form, for attempts whose provider speaks another format. */
    private final Translation translation;
    private final UpstreamPayload payload;
    private final Route route;
    private final byte[] body;
    /** The request's session when its route keeps affinity, else null. */
    private final String session;
    /** The deployment the affinity table named for the session, or null. */
    private final Candidate affine;
    /** This call's place in the instance's concurrency limit, given back by {@link #finish}. */
    private final ConcurrencyLimiter.Permit slot;
    /** The tenant's place in its limits, settled with the real tokens and cost by {@link #finish}. */
    private final Permit limitsPermit;
    /** The current attempt's place in its provider's limit, or null when the provider has none. */
    private ConcurrencyLimiter.Permit providerSlot;

    private int attemptIndex = -1;
    private int attempts;
    private Attempt current;
    private Relay relay;
    private boolean finished;
    /** The usage record is submitted: once, before the bytes that complete the answer (or at the end). */
    private boolean recorded;
    private long firstByteNanos = -1;
    private long upstreamHeadersNanos = -1;
    private GatewayError lastFailure;
    /** A thinking-rectified body to send on the next attempt (same candidate), or null. */
    private byte[] bodyOverride;
    /** The rectifier runs at most once per call. */
    private boolean rectified;
    /** Tries of the route's last candidate so far: it alone is retried in place, with backoff. */
    private int triesOfLast;

    ProxyCall(PipelineContext ctx, ClientExchange client, RequestFacts facts, Inbound inbound, ProbedRequest probe,
            Translation translation, Route route, byte[] body, String session, Candidate affine,
            ConcurrencyLimiter.Permit slot, Permit limitsPermit) {
        this.limitsPermit = limitsPermit;
        this.inbound = inbound;
        this.translation = translation;
        this.payload = new UpstreamPayload(inbound, probe, body, translation);
        this.slot = slot;
        this.session = session;
        this.affine = affine;
        this.ctx = ctx;
        this.client = client;
        this.facts = facts;
        this.probe = probe;
        this.route = route;
        this.body = body;
    }

    void start() {
        client.onClose(this::onClientClosed);
        if (!finished) { // a client that left while its admission was decided is not called upstream for
            nextAttempt();
        }
    }

    private void nextAttempt() {
        while (++attemptIndex < route.candidates().size()) {
            if (tryCandidate(route.candidates().get(attemptIndex))) {
                return;
            }
        }
        GatewayError failure = lastFailure != null ? lastFailure
                : new GatewayError(ErrorKind.UPSTREAM_ERROR, "no provider is available for model '" + route.requestedModel() + "'");
        respondError(failure, current == null ? null : current.candidate);
    }

    /** The same candidate once more, with another of its keys; otherwise the next candidate. */
    private void retryWithAnotherKey(Candidate candidate) {
        if (!tryCandidate(candidate)) {
            nextAttempt();
        }
    }

    /**
     * Sends one attempt to {@code c} unless it cannot take one: no usable key (all cooling down or
     * disabled), an open circuit breaker, or the attempt cap reached.
     *
     * @return true when an attempt is under way
     */
    private boolean tryCandidate(Candidate c) {
        Provider provider = ctx.upstreams().provider(c.provider());
        if (provider == null || attempts >= MAX_ATTEMPTS) {
            return false;
        }
        boolean passthrough = payload.passthrough(provider.format());
        ChatCodec wireCodec = ctx.codecs().wire(provider.format());
        boolean askForUsage = payload.asksForUsage(passthrough);
        byte[] upstreamBody;
        try {
            upstreamBody = bodyOverride != null ? bodyOverride
                    : payload.bodyFor(provider, wireCodec, c, passthrough, askForUsage);
            bodyOverride = null;
        } catch (GatewayError cannotCarry) {
            lastFailure = cannotCarry; // this target cannot take the request as asked; another may
            return false;
        }
        Admission admission = Admission.check(ctx, route, c);
        if (admission instanceof Admission.Refused refused) {
            lastFailure = refused.reason();
            return false;
        }
        Admission.Admitted admitted = (Admission.Admitted) admission;
        if (attemptIndex == route.candidates().size() - 1) {
            triesOfLast++;
        }
        if (triesOfLast <= 1) {
            ctx.retryBudget(c.provider()).recordRequest();
        }
        attempts++;
        releaseProviderSlot();
        providerSlot = admitted.providerSlot();
        UpstreamRequest request = provider.request(payload.op(c, passthrough), upstreamBody, admitted.key(),
                facts.id().traced());
        Attempt attempt = new Attempt(c, askForUsage, ctx.nanoTime(), admitted.pool(), admitted.key(), admitted.breaker(),
                passthrough ? null : wireCodec, provider.format(), wireCodec, upstreamBody);
        current = attempt;
        attempt.call = ctx.upstreams().transportFor(provider).send(request, attempt);
        return true;
    }

    private void onClientClosed() {
        if (finished) {
            return;
        }
        if (current != null) {
            current.permit.release(); // no verdict on the provider: the client left
            if (current.call != null) {
                current.call.cancel();
            }
        }
        finish(499, "client_closed", current == null ? null : current.candidate);
    }

    private void respondError(GatewayError error, Candidate candidate) {
        Map<String, String> headers = baseHeaders(candidate);
        headers.put("content-type", "application/json");
        if (error.kind() == ErrorKind.OVERLOADED) {
            headers.put("retry-after", "1");
        }
        markFirstByte();
        int status = ctx.errors().status(inbound.format(), error);
        finish(status, UpstreamOutcomes.outcomeOf(error.kind()), candidate, error.kind());
        client.respond(status, headers, ctx.errors().body(inbound.format(), error));
    }

    private Map<String, String> baseHeaders(Candidate candidate) {
        Map<String, String> h = new LinkedHashMap<>(8);
        facts.id().putHeaders(h);
        if (candidate != null) {
            h.put("x-switchboard-provider", candidate.provider());
        }
        if (upstreamHeadersNanos >= 0 && current != null) {
            h.put("x-upstream-response-time", Long.toString((upstreamHeadersNanos - current.startNanos) / 1_000_000));
        }
        return h;
    }

    private void markFirstByte() {
        if (firstByteNanos < 0) {
            firstByteNanos = ctx.nanoTime();
        }
    }

    /**
     * When the last candidate failed retryably, tries it again after a backoff (or the provider's own
     * Retry-After, when short enough), within the attempt cap and the provider's retry budget.
     *
     * @return true when a retry is scheduled
     */
    private boolean retryInPlace(Candidate c, Optional<Duration> serverDelay) {
        if (attemptIndex + 1 < route.candidates().size() || attempts >= MAX_ATTEMPTS) {
            return false; // another candidate is the faster cure
        }
        RetryDecision decision = ctx.retryPolicy(c.provider(), route).afterFailure(triesOfLast, serverDelay, RANDOM);
        if (!(decision instanceof RetryDecision.Retry retry) || !ctx.retryBudget(c.provider()).tryRetry()) {
            return false;
        }
        ctx.scheduler().schedule(retry.delay(), () -> {
            if (!finished && !tryCandidate(c)) {
                nextAttempt();
            }
        });
        return true;
    }

    private void releaseProviderSlot() {
        if (providerSlot != null) {
            providerSlot.close();
            providerSlot = null;
        }
    }

    private void finish(int status, String outcome, Candidate candidate) {
        finish(status, outcome, candidate, null);
    }

    /** Ends the call: slots are given back and the record is submitted, unless the relay already did. */
    private void finish(int status, String outcome, Candidate candidate, ErrorKind errorKind) {
        if (finished) {
            return;
        }
        finished = true;
        releaseProviderSlot();
        slot.close();
        record(status, outcome, candidate, errorKind);
    }

    /**
     * The call's one record: metrics, access log, limits settled, usage submitted. Called before the
     * bytes that complete the client's answer are written (relays run it for a committed answer, error
     * answers are recorded before they are sent), so that an answered request is never without its record.
     */
    private void record(int status, String outcome, Candidate candidate, ErrorKind errorKind) {
        if (recorded) {
            return;
        }
        recorded = true;
        long attemptStart = current == null ? -1 : current.startNanos;
        ctx.record(new RequestRecord(
                facts.requestId(), facts.clientRequestId(), facts.startedAt(), facts.principal().name(),
                facts.endpoint(),
                route.requestedModel(),
                candidate == null ? null : candidate.provider(),
                candidate == null ? null : candidate.upstreamModel(),
                probe.stream(), status, outcome, attempts,
                billedUsage(outcome, candidate),
                RequestRecord.millisBetween(facts.startNanos(), ctx.nanoTime()),
                RequestRecord.millisBetween(facts.startNanos(), firstByteNanos),
                RequestRecord.millisBetween(attemptStart, upstreamHeadersNanos),
                facts.principal().keyId(), facts.principal().projectId(), inbound.format(),
                errorKind != null ? errorKind : status >= 400 ? ErrorKind.ofStatus(status) : null), limitsPermit);
    }

    /**
     * The answering attempt's usage as the provider reported it; estimated locally when an answer (or
     * the part of it the client got before it left or the upstream broke off) came without numbers.
     * Attempts that failed before answering are never billed.
     */
    private Usage billedUsage(String outcome, Candidate candidate) {
        Usage seen = relay == null ? null : relay.usage();
        boolean answered = relay != null && "ok".equals(outcome);
        boolean cutShort = relay != null && "stream_error".equals(outcome)
                || "client_closed".equals(outcome) && current != null && (relay != null || !current.ended);
        boolean generates = facts.endpoint() == Endpoint.CHAT || facts.endpoint() == Endpoint.RESPONSES;
        if (candidate == null || !(answered || cutShort) || !generates) {
            return seen; // embeddings and token counts: nothing generated, nothing to estimate
        }
        return ctx.estimates().fill(seen, cutShort, () -> payload.canonical(ctx.codecs()), relay, candidate.upstreamModel());
    }

    /** One try against one candidate; stale callbacks (after failover or close) are dropped. */
    private final class Attempt implements UpstreamListener {
        final Candidate candidate;
        final boolean askedForUsage;
        final long startNanos;
        final KeyPool pool;
        final String key;
        final CircuitBreaker.Permit permit;
        /** The upstream format's codec when this attempt translates, else null. */
        final ChatCodec translatingCodec;
        final WireFormat wire;
        /** The upstream format's codec, translating or not (it also reads Anthropic and Gemini usage). */
        final ChatCodec wireCodec;
        final byte[] sentBody;
        UpstreamCall call;
        /** The upstream answer ended or failed: a client leaving now stops no billable work. */
        boolean ended;
        Optional<Duration> serverDelay = Optional.empty();
        int status;
        String contentType;
        String retryAfter;
        boolean committed;
        ByteArrayOutputStream errorBody;

        Attempt(Candidate candidate, boolean askedForUsage, long startNanos, KeyPool pool, String key,
                CircuitBreaker.Permit permit, ChatCodec translatingCodec, WireFormat wire, ChatCodec wireCodec,
                byte[] sentBody) {
            this.sentBody = sentBody;
            this.translatingCodec = translatingCodec;
            this.wire = wire;
            this.wireCodec = wireCodec;
            this.candidate = candidate;
            this.askedForUsage = askedForUsage;
            this.startNanos = startNanos;
            this.pool = pool;
            this.key = key;
            this.permit = permit;
        }

        private boolean live() {
            return current == this && !finished;
        }

        @Override
        public void onHeaders(int status, HeaderLookup headers) {
            if (!live()) {
                return;
            }
            upstreamHeadersNanos = ctx.nanoTime();
            this.status = status;
            this.contentType = headers.get("content-type");
            this.retryAfter = headers.get("retry-after");
            if (status >= 200 && status < 300) {
                permit.onSuccess();
                ctx.answered(route, candidate, Duration.ofNanos(upstreamHeadersNanos - startNanos), session, affine);
                commit(headers);
            } else {
                serverDelay = ServerDelay.from(headers::get, ctx.clock());
                errorBody = new ByteArrayOutputStream(256);
            }
        }


        private void commit(HeaderLookup headers) {
            committed = true;
            Map<String, String> h = baseHeaders(candidate);
            Runnable answered = () -> record(status, "ok", candidate, null);
            RelayChoice choice = translatingCodec == null
                    ? RelayChoice.passthrough(client, facts.endpoint(), probe.stream(), contentType, headers, askedForUsage,
                            ctx.limits(), h, wire, wireCodec, e -> ctx.errors().streamEvent(inbound.format(), e), answered)
                    : RelayChoice.translated(client, translation, translatingCodec, status, contentType, ctx.limits(), h,
                            e -> respondError(e, candidate), answered);
            relay = choice.relay();
            markFirstByte();
            if (!relay.deferredBegin()) {
                client.begin(status, h, choice.contentLength());
            }
            client.onDrain(() -> {
                if (call != null) {
                    call.resume();
                }
            });
        }

        @Override
        public void onData(Chunk chunk) {
            if (!live()) {
                return;
            }
            if (committed) {
                boolean more;
                try {
                    more = relay.onData(chunk);
                } catch (RuntimeException e) { // SSE line over its cap, or a broken event
                    call.cancel();
                    ended = true;
                    finish(502, "stream_error", candidate, ErrorKind.UPSTREAM_ERROR);
                    relay.onFailure(new GatewayError(ErrorKind.UPSTREAM_ERROR, "upstream stream rejected: " + e.getMessage()));
                    return;
                }
                if (!more && call != null) {
                    call.pause();
                }
            } else if (errorBody.size() + chunk.length() <= MAX_ERROR_BODY) {
                errorBody.writeBytes(chunk.bytes());
            }
        }

        @Override
        public void onEnd() {
            if (!live()) {
                return;
            }
            ended = true;
            if (committed) {
                relay.onEnd();
                finish(status, "ok", candidate);
                return;
            }
            byte[] error = errorBody.toByteArray();
            UpstreamOutcomes.Verdict verdict = UpstreamOutcomes.verdict(status, key != null, error);
            switch (verdict) {
                case KEY_RATE_LIMITED, KEY_EXHAUSTED, KEY_REJECTED -> {
                    // the key's problem, not the provider's: set the key aside and try another
                    permit.release();
                    setKeyAside(verdict);
                    if (attempts < MAX_ATTEMPTS && (pool.lease().isPresent() || attemptIndex + 1 < route.candidates().size())) {
                        retryWithAnotherKey(candidate);
                        return;
                    }
                }
                case PROVIDER_FAILING -> {
                    permit.onFailure();
                    if (attemptIndex + 1 < route.candidates().size() && attempts < MAX_ATTEMPTS) {
                        lastFailure = new GatewayError(ErrorKind.UPSTREAM_ERROR,
                                "provider '" + candidate.provider() + "' answered " + status);
                        nextAttempt();
                        return;
                    }
                    if (retryInPlace(candidate, serverDelay)) {
                        return;
                    }
                }
                case CLIENT_ERROR -> {
                    permit.release(); // says nothing about the provider's health
                    if (rectifyThinking(error)) {
                        return;
                    }
                }
            }
            // the provider's own error, unchanged: its SDK-shaped body is the most useful thing we have
            int clientStatus = status;
            String type = contentType == null ? "application/json" : contentType;
            byte[] answer = error;
            if (translatingCodec != null) {
                // another format's error, in the client's words: same kind, same message
                GatewayError translated = translatingCodec.decodeError(status, error);
                clientStatus = ctx.errors().status(inbound.format(), translated);
                type = "application/json";
                answer = ctx.errors().body(inbound.format(), translated);
            }
            Map<String, String> h = baseHeaders(candidate);
            h.put("content-type", type);
            if (retryAfter != null) {
                h.put("retry-after", retryAfter); // the provider's back-off is the client's too
            }
            markFirstByte();
            finish(clientStatus, "upstream_error", candidate);
            client.respond(clientStatus, h, answer);
        }

        /**
         * An Anthropic upstream that rejects the conversation's thinking blocks (a signature from another
         * key or model, a block out of place) is asked once more, on the same deployment, without them.
         *
         * @return true when the corrected request is under way
         */
        private boolean rectifyThinking(byte[] error) {
            if (wire != WireFormat.ANTHROPIC || rectified || !ThinkingRectifier.matches(status, error)) {
                return false;
            }
            Optional<byte[]> fixed = ThinkingRectifier.rectify(sentBody);
            if (fixed.isEmpty()) {
                return false;
            }
            rectified = true;
            ctx.metrics().thinkingRectified(candidate.provider());
            LOG.info("request {}: provider '{}' refused the thinking blocks; retrying once without them",
                    facts.requestId(), candidate.provider());
            bodyOverride = fixed.get();
            if (!tryCandidate(candidate)) {
                bodyOverride = null;
                return false;
            }
            return true;
        }

        private void setKeyAside(UpstreamOutcomes.Verdict verdict) {
            switch (verdict) {
                case KEY_RATE_LIMITED -> pool.cooldown(key, serverDelay.orElse(DEFAULT_COOLDOWN));
                case KEY_EXHAUSTED -> pool.exhausted(key);
                default -> pool.disable(key, "upstream answered " + status);
            }
        }

        @Override
        public void onFailure(UpstreamFailure failure) {
            if (!live()) {
                return;
            }
            ended = true;
            GatewayError error = UpstreamOutcomes.toError(failure, candidate.provider());
            if (committed && relay.complete()) {
                // the client has the whole answer; only the upstream's goodbye went wrong
                relay.onEnd();
                finish(status, "ok", candidate);
                return;
            }
            if (committed) {
                finish(status, "stream_error", candidate, error.kind()); // the row says the answer broke off
                relay.onFailure(error);
                return;
            }
            permit.onFailure();
            lastFailure = error;
            if (!retryInPlace(candidate, Optional.empty())) {
                nextAttempt();
            }
        }
    }
}
