package dev.switchboard.pipeline;

import dev.switchboard.format.ChatCodec;
import dev.switchboard.format.anthropic.ThinkingRectifier;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.WireFormat;
import dev.switchboard.provider.Provider;
import dev.switchboard.resilience.Backoff;
import dev.switchboard.resilience.RetryDecision;
import dev.switchboard.routing.Candidate;
import dev.switchboard.routing.Route;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempts one call makes along its route: the candidates in route order, the same candidate again
 * with another key or (the last one only) after a backoff, and once without the thinking blocks an
 * Anthropic upstream refused. Each attempt is prepared here, its body encoded for the candidate's format
 * and its key, provider slot and breaker admitted, for the call to send. Why the last candidate could
 * not be tried is kept for the call's answer when none is left.
 */
final class RouteAttempts {
    private static final Logger LOG = LoggerFactory.getLogger(RouteAttempts.class);
    /** Bounds key rotation plus failover, whatever the route and pools look like. */
    static final int MAX_ATTEMPTS = 10;
    private static final RandomGenerator RANDOM = Backoff.sharedRandom();

    private final PipelineContext ctx;
    private final Route route;
    private final UpstreamPayload payload;
    private final RequestFacts facts;
    /** Told about every attempt prepared here. */
    private final UpstreamAttempt.Owner owner;
    private int index = -1;
    private int attempts;
    /** Tries of the route's last candidate so far: it alone is retried in place, with backoff. */
    private int triesOfLast;
    private GatewayError lastFailure;
    /** The thinking blocks were taken out once already: the rectifier runs at most once per call. */
    private boolean rectified;

    RouteAttempts(PipelineContext ctx, Route route, UpstreamPayload payload, RequestFacts facts,
            UpstreamAttempt.Owner owner) {
        this.ctx = ctx;
        this.route = route;
        this.payload = payload;
        this.facts = facts;
        this.owner = owner;
    }

    /** The next candidate in route order that can take an attempt; null when none is left. */
    UpstreamAttempt next() {
        while (++index < route.candidates().size()) {
            UpstreamAttempt attempt = prepare(route.candidates().get(index), null);
            if (attempt != null) {
                return attempt;
            }
        }
        return null;
    }

    /** {@code c} once more, else the next candidate that can take an attempt; null when none is left. */
    UpstreamAttempt again(Candidate c) {
        UpstreamAttempt attempt = prepare(c, null);
        return attempt != null ? attempt : next();
    }

    /** A key of {@code refused}'s candidate was set aside: another key, or the next candidate, may answer. */
    boolean mayTryAnotherKey(UpstreamAttempt refused) {
        return attempts < MAX_ATTEMPTS && (refused.anotherKeyReady() || hasNext());
    }

    /** Whether another candidate can be tried after a failing provider. */
    boolean mayFailOver() {
        return hasNext() && attempts < MAX_ATTEMPTS;
    }

    /**
     * When the last candidate failed retryably: the backoff (or the provider's own Retry-After, when
     * short enough) before trying it again, within the attempt cap and the provider's retry budget.
     */
    Optional<Duration> retryDelay(Candidate c, Optional<Duration> serverDelay) {
        if (hasNext() || attempts >= MAX_ATTEMPTS) {
            return Optional.empty(); // another candidate is the faster cure
        }
        RetryDecision decision = ctx.retryPolicy(c.provider(), route).afterFailure(triesOfLast, serverDelay, RANDOM);
        if (!(decision instanceof RetryDecision.Retry retry) || !ctx.retryBudget(c.provider()).tryRetry()) {
            return Optional.empty();
        }
        return Optional.of(retry.delay());
    }

    /**
     * An Anthropic upstream that rejects the conversation's thinking blocks (a signature from another
     * key or model, a block out of place) is asked once more, on the same deployment, without them.
     *
     * @return the corrected attempt, or null when the refusal is not about them (or it cannot be sent)
     */
    UpstreamAttempt withoutThinking(UpstreamAttempt refused, byte[] error) {
        AttemptPlan plan = refused.plan();
        if (plan.wire() != WireFormat.ANTHROPIC || rectified || !ThinkingRectifier.matches(refused.status(), error)) {
            return null;
        }
        Optional<byte[]> fixed = ThinkingRectifier.rectify(plan.body());
        if (fixed.isEmpty()) {
            return null;
        }
        rectified = true;
        ctx.metrics().thinkingRectified(plan.candidate().provider());
        LOG.info("request {}: provider '{}' refused the thinking blocks; retrying once without them",
                facts.requestId(), plan.candidate().provider());
        return prepare(plan.candidate(), fixed.get());
    }

    /** Why no attempt is left, for the client. */
    GatewayError failure() {
        return lastFailure != null ? lastFailure
                : new GatewayError(ErrorKind.UPSTREAM_ERROR, "no provider is available for model '" + route.requestedModel() + "'");
    }

    void noteFailure(GatewayError why) {
        lastFailure = why;
    }

    /** Attempts that went upstream so far. */
    int count() {
        return attempts;
    }

    private boolean hasNext() {
        return index + 1 < route.candidates().size();
    }

    /**
     * One attempt at {@code c} unless it cannot take one: no usable key (all cooling down or disabled), no
     * room under its provider's limit, an open circuit breaker, or the attempt cap reached.
     *
     * @param body the bytes to send instead of the request encoded for {@code c}, or null
     * @return null when {@code c} cannot take an attempt now
     */
    private UpstreamAttempt prepare(Candidate c, byte[] body) {
        Provider provider = ctx.upstreams().provider(c.provider());
        if (provider == null || attempts >= MAX_ATTEMPTS) {
            return null;
        }
        boolean passthrough = payload.passthrough(provider.format());
        ChatCodec wireCodec = ctx.codecs().wire(provider.format());
        boolean askForUsage = payload.asksForUsage(passthrough);
        byte[] upstreamBody;
        try {
            upstreamBody = body != null ? body : payload.bodyFor(provider, wireCodec, c, passthrough, askForUsage);
        } catch (GatewayError cannotCarry) {
            lastFailure = cannotCarry; // this target cannot take the request as asked; another may
            return null;
        }
        Admission admission = Admission.check(ctx, route, c);
        if (admission instanceof Admission.Refused refused) {
            lastFailure = refused.reason();
            return null;
        }
        if (index == route.candidates().size() - 1) {
            triesOfLast++;
        }
        if (triesOfLast <= 1) { // a try in place is a retry, not a request, to the provider's retry budget
            ctx.retryBudget(c.provider()).recordRequest();
        }
        attempts++;
        Admission.Admitted admitted = (Admission.Admitted) admission;
        AttemptPlan plan = new AttemptPlan(c, provider.format(), wireCodec, passthrough, askForUsage, upstreamBody);
        return new UpstreamAttempt(owner, ctx, plan, admitted, ctx.upstreams().transportFor(provider),
                provider.request(payload.op(c, passthrough), upstreamBody, admitted.key(), facts.id().traced()));
    }
}
