package dev.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.resilience.KeyPool.KeyState;
import dev.switchboard.resilience.KeyPool.KeyStatus;
import dev.switchboard.resilience.KeyPool.Lease;
import dev.switchboard.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a key pool tells other instances, and what it takes from them. */
class KeyPoolSharingTest {
    private static final String A = "sk-test-aaaaaaaaaaaaaaaa-key1";
    private static final String B = "sk-test-bbbbbbbbbbbbbbbb-key2";

    record Told(String keyId, KeyState state, Instant until, String reason) {}

    private final ManualClock clock = new ManualClock();
    private final List<Told> told = new ArrayList<>();
    private final KeyPool pool = new KeyPool(List.of(A, B), KeyPool.Config.defaults(), clock,
            (id, state, until, reason) -> told.add(new Told(id, state, until, reason)));

    private Instant in(Duration d) {
        return clock.instant().plus(d);
    }

    private KeyStatus statusOf(int index) {
        return pool.status().get(index);
    }

    @Test
    void fingerprintsAreStableDistinctAndNeverTheKey() {
        assertThat(KeyFingerprint.of(A)).isEqualTo(KeyFingerprint.of(A)).hasSize(32).matches("[0-9a-f]+")
                .isNotEqualTo(KeyFingerprint.of(B)).doesNotContain("key1").doesNotContain(A.substring(A.length() - 4));
    }

    @Test
    void ownRestsAreToldOnceByFingerprint() {
        pool.cooldown(A, Duration.ofSeconds(30));
        pool.cooldown(A, Duration.ofSeconds(10)); // shorter: changes nothing, tells nobody
        pool.cooldown(A, Duration.ofSeconds(30)); // the same end: nothing new either

        assertThat(told).containsExactly(new Told(KeyFingerprint.of(A), KeyState.COOLING_DOWN, in(Duration.ofSeconds(30)), "rate limited"));
        assertThat(told.toString()).doesNotContain(A);

        pool.exhausted(A);
        assertThat(told.getLast()).isEqualTo(new Told(KeyFingerprint.of(A), KeyState.EXHAUSTED, in(Duration.ofHours(1)), "quota exhausted"));
    }

    @Test
    void aDisableIsToldAsARestOfTheExhaustedLengthButLastsHereUntilTheConfigChanges() {
        pool.disable(A, "upstream answered 401 for " + A);

        assertThat(told).containsExactly(new Told(KeyFingerprint.of(A), KeyState.DISABLED, in(Duration.ofHours(1)),
                "upstream answered 401 for " + KeyMask.mask(A)));
        clock.advance(Duration.ofDays(30));
        assertThat(statusOf(0).state()).isEqualTo(KeyState.DISABLED);
        assertThat(statusOf(0).until()).isNull();
        pool.disable(A, "upstream answered 401 for " + A);
        assertThat(told).hasSize(1); // already disabled for the same reason
    }

    @Test
    void sharedRestsApplyByFingerprintAndTellNobody() {
        assertThat(pool.applyShared(KeyFingerprint.of(A), KeyState.COOLING_DOWN, in(Duration.ofSeconds(20)), "rate limited")).isTrue();

        assertThat(told).isEmpty();
        assertThat(statusOf(0)).isEqualTo(new KeyStatus(0, KeyMask.mask(A), KeyState.COOLING_DOWN,
                in(Duration.ofSeconds(20)), "rate limited (shared)"));
        for (int i = 0; i < 4; i++) {
            assertThat(pool.lease().map(Lease::key)).hasValue(B);
        }
        clock.advance(Duration.ofSeconds(20));
        assertThat(statusOf(0).state()).isEqualTo(KeyState.AVAILABLE);
    }

    @Test
    void aSharedDisableExpiresUnlikeAnOwnOne() {
        pool.applyShared(KeyFingerprint.of(A), KeyState.DISABLED, in(Duration.ofMinutes(10)), "upstream answered 401");
        assertThat(statusOf(0).state()).isEqualTo(KeyState.DISABLED);
        assertThat(statusOf(0).until()).isEqualTo(in(Duration.ofMinutes(10)));

        clock.advance(Duration.ofMinutes(10));
        assertThat(statusOf(0).state()).isEqualTo(KeyState.AVAILABLE);
    }

    @Test
    void sharedRestsKeepTheLongerRestAndNeverLiftAnOwnDisable() {
        pool.cooldown(A, Duration.ofSeconds(60));
        assertThat(pool.applyShared(KeyFingerprint.of(A), KeyState.COOLING_DOWN, in(Duration.ofSeconds(5)), "x")).isFalse();
        assertThat(statusOf(0).until()).isEqualTo(in(Duration.ofSeconds(60)));

        pool.disable(B, "401");
        assertThat(pool.applyShared(KeyFingerprint.of(B), KeyState.COOLING_DOWN, in(Duration.ofMinutes(5)), "x")).isFalse();
        clock.advance(Duration.ofMinutes(6));
        assertThat(statusOf(1).state()).isEqualTo(KeyState.DISABLED);
    }

    @Test
    void aPeerCannotBenchAKeyForLongerThanThisPoolWould() {
        pool.applyShared(KeyFingerprint.of(A), KeyState.COOLING_DOWN, in(Duration.ofDays(400)), "x");
        assertThat(statusOf(0).until()).isEqualTo(in(Duration.ofHours(1))); // max(maxCooldown, exhaustedCooldown)
    }

    @Test
    void unknownKeysPastTimesAndNonsenseAreIgnored() {
        assertThat(pool.applyShared("0123456789abcdef0123456789abcdef", KeyState.COOLING_DOWN, in(Duration.ofSeconds(5)), "x")).isFalse();
        assertThat(pool.applyShared(A, KeyState.COOLING_DOWN, in(Duration.ofSeconds(5)), "raw keys are not ids")).isFalse();
        assertThat(pool.applyShared(KeyFingerprint.of(A), KeyState.COOLING_DOWN, clock.instant(), "x")).isFalse();
        assertThat(pool.applyShared(KeyFingerprint.of(A), KeyState.AVAILABLE, in(Duration.ofSeconds(5)), "x")).isFalse();
        assertThat(pool.applyShared(KeyFingerprint.of(A), null, in(Duration.ofSeconds(5)), "x")).isFalse();
        assertThat(pool.applyShared(null, KeyState.COOLING_DOWN, in(Duration.ofSeconds(5)), "x")).isFalse();
        assertThat(pool.status()).allSatisfy(s -> assertThat(s.state()).isEqualTo(KeyState.AVAILABLE));
    }

    @Test
    void aPeersLongReasonIsCut() {
        pool.applyShared(KeyFingerprint.of(A), KeyState.COOLING_DOWN, in(Duration.ofSeconds(5)), "r".repeat(10_000));
        assertThat(statusOf(0).reason()).hasSizeLessThan(250);
    }
}
