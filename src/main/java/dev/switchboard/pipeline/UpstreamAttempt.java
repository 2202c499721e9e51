package dev.switchboard.pipeline;

import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.provider.Chunk;
import dev.switchboard.provider.HeaderLookup;
import dev.switchboard.provider.UpstreamCall;
import dev.switchboard.provider.UpstreamFailure;
import dev.switchboard.provider.UpstreamListener;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTransport;
import dev.switchboard.resilience.CircuitBreaker;
import dev.switchboard.resilience.ConcurrencyLimiter;
import dev.switchboard.resilience.KeyPool;
import dev.switchboard.resilience.ServerDelay;
import dev.switchboard.routing.Candidate;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * One try of a call against one candidate. A 2xx answer commits the call to this attempt, and from then
 * on each chunk goes straight into the relay the call chose; an error answer's body is collected (capped)
 * for the call to judge when it ends. The attempt settles its own key and breaker permit; what is tried
 * next is the call's decision. Callbacks after the call retired the attempt (it moved on to another, or
 * finished) are dropped.
 */
final class UpstreamAttempt implements UpstreamListener {
    private static final int MAX_ERROR_BODY = 1 << 20;
    /** A 429 without any reset hint still rests the key briefly, so the next call tries another. */
    private static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(1);

    /** What an attempt reports to its call, on the call's thread; one of the endings at most once. */
    interface Owner {
        /** A 2xx: the call commits to this attempt and returns the relay that takes the answer to the client. */
        Relay commit(UpstreamAttempt attempt, HeaderLookup headers);

        /** The committed answer is complete. */
        void answered(UpstreamAttempt attempt);

        /** The committed answer broke off after the client got part of it. */
        void brokeOff(UpstreamAttempt attempt, int status, GatewayError error);

        /** An error answer, complete; the key and the breaker permit are already settled by the verdict. */
        void refused(UpstreamAttempt attempt, UpstreamOutcomes.Verdict verdict, byte[] body);

        /** No answer at all (connect, timeout, reset); the breaker already counted it. */
        void failed(UpstreamAttempt attempt, GatewayError error);
    }

    private final Owner owner;
    private final PipelineContext ctx;
    private final AttemptPlan plan;
    private final UpstreamTransport transport;
    private final UpstreamRequest request;
    private final long startNanos;
    private final KeyPool pool;
    /** null when the provider needs no key */
    private final String key;
    private final CircuitBreaker.Permit permit;
    /** This attempt's place in its provider's limit, or null when the provider has none; given back on retiring. */
    private ConcurrencyLimiter.Permit providerSlot;
    private UpstreamCall call;
    /** The call has moved on from this attempt: whatever the upstream still says is stale. */
    private boolean retired;
    /** The upstream answer ended or failed: a client leaving now stops no billable work. */
    private boolean ended;
    private long headersNanos = -1;
    private int status;
    private String contentType;
    private String retryAfter;
    private Optional<Duration> serverDelay = Optional.empty();
    /** Set by the commit; null while the answer is an error (or not there yet). */
    private Relay relay;
    private ByteArrayOutputStream errorBody;

    UpstreamAttempt(Owner owner, PipelineContext ctx, AttemptPlan plan, Admission.Admitted admitted,
            UpstreamTransport transport, UpstreamRequest request) {
        this.owner = owner;
        this.ctx = ctx;
        this.plan = plan;
        this.transport = transport;
        this.request = request;
        this.pool = admitted.pool();
        this.key = admitted.key();
        this.permit = admitted.breaker();
        this.providerSlot = admitted.providerSlot();
        this.startNanos = ctx.nanoTime();
    }

    void send() {
        call = transport.send(request, this);
    }

    @Override
    public void onHeaders(int status, HeaderLookup headers) {
        if (retired) {
            return;
        }
        headersNanos = ctx.nanoTime();
        this.status = status;
        this.contentType = headers.get("content-type");
        this.retryAfter = headers.get("retry-after");
        if (status >= 200 && status < 300) {
            permit.onSuccess();
            relay = owner.commit(this, headers);
        } else {
            serverDelay = ServerDelay.from(headers::get, ctx.clock());
            errorBody = new ByteArrayOutputStream(256);
        }
    }

    @Override
    public void onData(Chunk chunk) {
        if (retired) {
            return;
        }
        if (relay != null) {
            boolean more;
            try {
                more = relay.onData(chunk);
            } catch (RuntimeException e) { // SSE line over its cap, or a broken event
                call.cancel();
                ended = true;
                owner.brokeOff(this, 502,
                        new GatewayError(ErrorKind.UPSTREAM_ERROR, "upstream stream rejected: " + e.getMessage()));
                return;
            }
            if (!more && call != null) {
                call.pause();
            }
        } else if (errorBody.size() + chunk.length() <= MAX_ERROR_BODY) {
            chunk.readTo(errorBody::write);
        }
    }

    @Override
    public void onEnd() {
        if (retired) {
            return;
        }
        ended = true;
        if (relay != null) {
            relay.onEnd();
            owner.answered(this);
            return;
        }
        byte[] error = errorBody.toByteArray();
        owner.refused(this, settle(error), error);
    }

    @Override
    public void onFailure(UpstreamFailure failure) {
        if (retired) {
            return;
        }
        ended = true;
        GatewayError error = UpstreamOutcomes.toError(failure, plan.candidate().provider());
        if (relay != null && relay.complete()) {
            // the client has the whole answer; only the upstream's goodbye went wrong
            relay.onEnd();
            owner.answered(this);
            return;
        }
        if (relay != null) {
            owner.brokeOff(this, status, error);
            return;
        }
        permit.onFailure();
        owner.failed(this, error);
    }

    /** Whose fault an error answer is decides what the key and the breaker are told. */
    private UpstreamOutcomes.Verdict settle(byte[] error) {
        UpstreamOutcomes.Verdict verdict = UpstreamOutcomes.verdict(status, key != null, error);
        switch (verdict) {
            case KEY_RATE_LIMITED, KEY_EXHAUSTED, KEY_REJECTED -> {
                // the key's problem, not the provider's: set the key aside, another may answer
                permit.release();
                setKeyAside(verdict);
            }
            case PROVIDER_FAILING -> permit.onFailure();
            case CLIENT_ERROR -> permit.release(); // says nothing about the provider's health
        }
        return verdict;
    }

    private void setKeyAside(UpstreamOutcomes.Verdict verdict) {
        switch (verdict) {
            case KEY_RATE_LIMITED -> pool.cooldown(key, serverDelay.orElse(DEFAULT_COOLDOWN));
            case KEY_EXHAUSTED -> pool.exhausted(key);
            default -> pool.disable(key, "upstream answered " + status);
        }
    }

    /** Whether the candidate's pool has a usable key now (this one may just have been set aside). */
    boolean anotherKeyReady() {
        return pool.lease().isPresent();
    }

    /** The client is gone: no verdict on the provider, and the upstream stops generating. */
    void abandon() {
        permit.release();
        if (call != null) {
            call.cancel();
        }
    }

    /** The client drained its write queue: read on. */
    void resume() {
        if (call != null) {
            call.resume();
        }
    }

    /**
     * The call has moved on (to another attempt, or to its end): nothing more from this one counts, and
     * its provider slot is given back.
     */
    void retire() {
        retired = true;
        if (providerSlot != null) {
            providerSlot.close();
            providerSlot = null;
        }
    }

    AttemptPlan plan() {
        return plan;
    }

    Candidate candidate() {
        return plan.candidate();
    }

    long startNanos() {
        return startNanos;
    }

    /** When the answer's headers arrived; -1 before. */
    long headersNanos() {
        return headersNanos;
    }

    boolean ended() {
        return ended;
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    String retryAfter() {
        return retryAfter;
    }

    Optional<Duration> serverDelay() {
        return serverDelay;
    }
}
