package dev.switchboard.resilience;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The wait an upstream asked for, from whichever of its response headers says so. The result goes to
 * {@link RetryPolicy#afterFailure} (which caps it) and to {@link KeyPool#cooldown} (which cools the key).
 *
 * <p>Order: {@code retry-after-ms} (OpenAI, most precise), then {@code Retry-After}, then the provider's
 * reset headers — but only for limits it reports as spent ({@code remaining} = 0), because a reset time
 * for a limit that still has room says nothing about when to retry. When several are spent, the latest
 * reset wins: the request needs all of them.
 */
public final class ServerDelay {
    /** {remaining header, reset header} pairs, OpenAI (Go durations). */
    private static final String[][] OPENAI = {
        {"x-ratelimit-remaining-requests", "x-ratelimit-reset-requests"},
        {"x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens"},
    };
    /** {remaining header, reset header} pairs, Anthropic (RFC 3339 timestamps). */
    private static final String[][] ANTHROPIC = {
        {"anthropic-ratelimit-requests-remaining", "anthropic-ratelimit-requests-reset"},
        {"anthropic-ratelimit-tokens-remaining", "anthropic-ratelimit-tokens-reset"},
        {"anthropic-ratelimit-input-tokens-remaining", "anthropic-ratelimit-input-tokens-reset"},
        {"anthropic-ratelimit-output-tokens-remaining", "anthropic-ratelimit-output-tokens-reset"},
    };

    private ServerDelay() {
    }

    /**
     * @param header looks a response header up by lower-case name, case-insensitively; null when absent
     *     (e.g. {@code headers::get} on a Vert.x MultiMap)
     */
    public static Optional<Duration> from(UnaryOperator<String> header, Clock clock) {
        Optional<Duration> d = RetryAfter.parseMillis(header.apply("retry-after-ms"));
        if (d.isPresent()) {
            return d;
        }
        d = RetryAfter.parse(header.apply("retry-after"), clock);
        if (d.isPresent()) {
            return d;
        }
        Duration latest = null;
        for (String[] pair : OPENAI) {
            if (spent(header.apply(pair[0]))) {
                latest = later(latest, RateLimitReset.parseOpenAi(header.apply(pair[1])));
            }
        }
        for (String[] pair : ANTHROPIC) {
            if (spent(header.apply(pair[0]))) {
                latest = later(latest, RateLimitReset.parseAnthropic(header.apply(pair[1]), clock));
            }
        }
        return Optional.ofNullable(latest);
    }

    private static boolean spent(String remaining) {
        return remaining != null && remaining.strip().equals("0");
    }

    private static Duration later(Duration current, Optional<Duration> candidate) {
        if (candidate.isEmpty()) {
            return current;
        }
        return current == null || candidate.get().compareTo(current) > 0 ? candidate.get() : current;
    }
}
