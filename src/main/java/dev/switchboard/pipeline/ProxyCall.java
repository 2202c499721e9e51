package dev.switchboard.pipeline;

import dev.switchboard.format.ChatCodec;
import dev.switchboard.format.openai.ProbedRequest;
import dev.switchboard.model.Endpoint;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.provider.HeaderLookup;
import dev.switchboard.resilience.ConcurrencyLimiter;
import dev.switchboard.routing.Candidate;
import dev.switchboard.routing.Route;
import dev.switchboard.tenancy.Permit;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One proxied request from route to record: it sends the attempts {@link RouteAttempts} prepares, one
 * at a time ({@link UpstreamAttempt}), commits to the first good answer, decides what follows a refusal,
 * and submits the single record at the end. Everything runs on the request's event-loop thread, so the
 * state needs no locks.
 */
final class ProxyCall implements UpstreamAttempt.Owner {
    private final PipelineContext ctx;
    private final ClientExchange client;
    private final RequestFacts facts;
    private final ProbedRequest probe;
    private final Inbound inbound;
    /** The request in canonical form, for attempts whose provider speaks another format. */
    private final Translation translation;
    private final UpstreamPayload payload;
    private final Route route;
    private final RouteAttempts attempts;
    /** The request's session when its route keeps affinity, else null. */
    private final String session;
    /** The deployment the affinity table named for the session, or null. */
    private final Candidate affine;
    /** This call's place in the instance's concurrency limit, given back by {@link #finish}. */
    private final ConcurrencyLimiter.Permit slot;
    /** The tenant's place in its limits, settled with the real tokens and cost by {@link #finish}. */
    private final Permit limitsPermit;

    private UpstreamAttempt current;
    private Relay relay;
    private boolean finished;
    /** The usage record is submitted: once, before the bytes that complete the answer (or at the end). */
    private boolean recorded;
    private long firstByteNanos = -1;

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
        this.attempts = new RouteAttempts(ctx, route, payload, facts, this);
    }

    void start() {
        client.onClose(this::onClientClosed);
        if (!finished) { // a client that left while its admission was decided is not called upstream for
            nextAttempt();
        }
    }

    private void nextAttempt() {
        send(attempts.next());
    }

    /** Makes {@code attempt} the call's current one and sends it; null means none is left: the client is told why. */
    private void send(UpstreamAttempt attempt) {
        if (attempt == null) {
            respondError(attempts.failure(), current == null ? null : current.candidate());
            return;
        }
        if (current != null) {
            current.retire();
        }
        current = attempt;
        attempt.send();
    }

    /**
     * When the current attempt's answer headers arrived; -1 when they did not. Never an earlier attempt's:
     * measured from the current attempt's start, that gave negative upstream times after a failover.
     */
    private long upstreamHeadersNanos() {
        return current != null ? current.headersNanos() : -1;
    }

    private void onClientClosed() {
        if (finished) {
            return;
        }
        if (current != null) {
            current.abandon();
        }
        finish(499, "client_closed", current == null ? null : current.candidate());
    }

    @Override
    public Relay commit(UpstreamAttempt a, HeaderLookup headers) {
        Candidate candidate = a.candidate();
        AttemptPlan plan = a.plan();
        ctx.answered(route, candidate, Duration.ofNanos(a.headersNanos() - a.startNanos()), session, affine);
        Map<String, String> h = baseHeaders(candidate);
        int status = a.status();
        Runnable answered = () -> record(status, "ok", candidate, null);
        RelayChoice choice = plan.passthrough()
                ? RelayChoice.passthrough(client, facts.endpoint(), probe.stream(), a.contentType(), headers,
                        plan.askedForUsage(), ctx.limits(), h, plan.wire(), plan.wireCodec(),
                        e -> ctx.errors().streamEvent(inbound.format(), e), answered)
                : RelayChoice.translated(client, translation, plan.wireCodec(), status, a.contentType(), ctx.limits(), h,
                        e -> respondError(e, candidate), answered);
        relay = choice.relay();
        markFirstByte();
        if (!relay.deferredBegin()) {
            client.begin(status, h, choice.contentLength());
        }
        client.onDrain(a::resume);
        return relay;
    }

    @Override
    public void answered(UpstreamAttempt a) {
        finish(a.status(), "ok", a.candidate());
    }

    @Override
    public void brokeOff(UpstreamAttempt a, int status, GatewayError error) {
        finish(status, "stream_error", a.candidate(), error.kind()); // the row says the answer broke off
        relay.onFailure(error);
    }

    @Override
    public void failed(UpstreamAttempt a, GatewayError error) {
        attempts.noteFailure(error);
        if (!retryInPlace(a.candidate(), Optional.empty())) {
            nextAttempt();
        }
    }

    @Override
    public void refused(UpstreamAttempt a, UpstreamOutcomes.Verdict verdict, byte[] error) {
        Candidate candidate = a.candidate();
        switch (verdict) {
            case KEY_RATE_LIMITED, KEY_EXHAUSTED, KEY_REJECTED -> {
                if (attempts.mayTryAnotherKey(a)) {
                    send(attempts.again(candidate));
                    return;
                }
            }
            case PROVIDER_FAILING -> {
                if (attempts.mayFailOver()) {
                    attempts.noteFailure(new GatewayError(ErrorKind.UPSTREAM_ERROR,
                            "provider '" + candidate.provider() + "' answered " + a.status()));
                    nextAttempt();
                    return;
                }
                if (retryInPlace(candidate, a.serverDelay())) {
                    return;
                }
            }
            case CLIENT_ERROR -> {
                UpstreamAttempt corrected = attempts.withoutThinking(a, error);
                if (corrected != null) {
                    send(corrected);
                    return;
                }
            }
        }
        answerWithProviderError(a, error);
    }

    /**
     * The provider's own error, unchanged: its SDK-shaped body is the most useful thing we have. From
     * another format it is told in the client's words: same kind, same message.
     */
    private void answerWithProviderError(UpstreamAttempt a, byte[] error) {
        int clientStatus = a.status();
        String type = a.contentType() == null ? "application/json" : a.contentType();
        byte[] answer = error;
        ChatCodec translating = a.plan().translatingCodec();
        if (translating != null) {
            GatewayError translated = translating.decodeError(a.status(), error);
            clientStatus = ctx.errors().status(inbound.format(), translated);
            type = "application/json";
            answer = ctx.errors().body(inbound.format(), translated);
        }
        Map<String, String> h = baseHeaders(a.candidate());
        h.put("content-type", type);
        if (a.retryAfter() != null) {
            h.put("retry-after", a.retryAfter()); // the provider's back-off is the client's too
        }
        markFirstByte();
        finish(clientStatus, "upstream_error", a.candidate());
        client.respond(clientStatus, h, answer);
    }

    /** Tries the last candidate again after its backoff, when {@link RouteAttempts#retryDelay} allows one. */
    private boolean retryInPlace(Candidate c, Optional<Duration> serverDelay) {
        Optional<Duration> delay = attempts.retryDelay(c, serverDelay);
        if (delay.isEmpty()) {
            return false;
        }
        ctx.scheduler().schedule(delay.get(), () -> {
            if (!finished) {
                send(attempts.again(c));
            }
        });
        return true;
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
        long headersNanos = upstreamHeadersNanos();
        if (headersNanos >= 0 && current != null) {
            h.put("x-upstream-response-time", Long.toString((headersNanos - current.startNanos()) / 1_000_000));
        }
        return h;
    }

    private void markFirstByte() {
        if (firstByteNanos < 0) {
            firstByteNanos = ctx.nanoTime();
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
        if (current != null) {
            current.retire(); // gives back its provider slot
        }
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
        long attemptStart = current == null ? -1 : current.startNanos();
        ctx.record(new RequestRecord(
                facts.requestId(), facts.clientRequestId(), facts.startedAt(), facts.principal().name(),
                facts.endpoint(),
                route.requestedModel(),
                candidate == null ? null : candidate.provider(),
                candidate == null ? null : candidate.upstreamModel(),
                probe.stream(), status, outcome, attempts.count(),
                billedUsage(outcome, candidate),
                RequestRecord.millisBetween(facts.startNanos(), ctx.nanoTime()),
                RequestRecord.millisBetween(facts.startNanos(), firstByteNanos),
                RequestRecord.millisBetween(attemptStart, upstreamHeadersNanos()),
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
                || "client_closed".equals(outcome) && current != null && (relay != null || !current.ended());
        boolean generates = facts.endpoint() == Endpoint.CHAT || facts.endpoint() == Endpoint.RESPONSES;
        if (candidate == null || !(answered || cutShort) || !generates) {
            return seen; // embeddings and token counts: nothing generated, nothing to estimate
        }
        return ctx.estimates().fill(seen, cutShort, () -> payload.canonical(ctx.codecs()), relay, candidate.upstreamModel());
    }
}
