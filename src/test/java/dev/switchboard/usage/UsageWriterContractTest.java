package dev.switchboard.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.store.Store;
import dev.switchboard.store.UsageFilter;
import dev.switchboard.testkit.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer against a real database, including an outage: {@link SqliteUsageWriterTest} and
 * {@link PostgresUsageWriterTest} say how the database is taken down and brought back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UsageWriterContractTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    TestStores db;
    /** Direct access for counting, never cut off. */
    Store direct;

    @TempDir
    Path dir;

    abstract TestStores database();

    /** The sink the writer writes through: the one that goes down. */
    abstract UsageSink sink() throws Exception;

    abstract void takeDatabaseDown() throws Exception;

    abstract void bringDatabaseBack() throws Exception;

    /** Whether the writer runs in write-ahead mode (every record through the spool). */
    boolean writeAhead() {
        return false;
    }

    private String skipReason;

    @BeforeAll
    void open() {
        try {
            db = database();
        } catch (org.opentest4j.TestAbortedException absent) {
            skipReason = absent.getMessage().replaceFirst("^Assumption failed: ", ""); // reported per test
            return;
        }
        direct = Store.open(db.url());
        direct.migrate();
    }

    @AfterAll
    void closeAll() {
        if (direct != null) {
            direct.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void emptyUsage() {
        org.junit.jupiter.api.Assumptions.assumeTrue(skipReason == null, skipReason);
        db.sql("DELETE FROM request_log", "DELETE FROM usage_records");
    }

    long stored() {
        return direct.usage().totals(UsageFilter.ALL).requests();
    }

    WriterSettings settings(int queue, int batch, Duration flush) {
        return new WriterSettings(queue, batch, flush, Duration.ofMillis(100), dir.resolve("spool/usage.jsonl"),
                writeAhead());
    }

    static void submit(UsageWriter w, String prefix, int n) {
        UsageSpoolTest.records(prefix, n).forEach(w::submit);
    }

    @Test
    void writesAFullBatchAtOnceAndTheRestOnFlush() throws Exception {
        try (UsageWriter w = UsageWriter.start(sink(), settings(1000, 50, Duration.ofHours(1)), Clock.systemUTC())) {
            submit(w, "a", 49);
            assertThat(stored()).isZero();
            assertThat(w.stats().queued()).isEqualTo(49); // write-ahead queues them beside the spool
            if (writeAhead()) {
                assertThat(w.stats().spooled()).isEqualTo(49);
            }
            submit(w, "b", 1);
            await().atMost(WAIT).until(() -> stored() == 50);
            submit(w, "c", 10);
            w.flush();
            assertThat(stored()).isEqualTo(60);
            // the spool is only read back after a failure: in steady state records go from memory
            assertThat(w.stats().written()).isEqualTo(60);
            assertThat(w.stats().replayed()).isZero();
            assertThat(w.stats().spoolBytes()).isZero();
        }
    }

    @Test
    void writesOnTheTickWithoutAFullBatch() throws Exception {
        try (UsageWriter w = UsageWriter.start(sink(), settings(1000, 500, Duration.ofMillis(50)), Clock.systemUTC())) {
            submit(w, "a", 7);
            await().atMost(WAIT).until(() -> stored() == 7);
        }
    }

    @Test
    void anOutageSpoolsAndRecoveryStoresEveryRecordExactlyOnce() throws Exception {
        try (UsageWriter w = UsageWriter.start(sink(), settings(1000, 20, Duration.ofMillis(50)), Clock.systemUTC())) {
            submit(w, "before-", 100);
            await().atMost(WAIT).until(() -> stored() == 100);

            takeDatabaseDown();
            for (int round = 0; round < 6; round++) {
                submit(w, "down-" + round + "-", 50);
            }
            await().atMost(WAIT).until(() -> w.stats().queued() == 0 && !w.stats().databaseUp());
            assertThat(stored()).isEqualTo(100);
            assertThat(w.stats().spoolBytes()).isPositive();
            if (writeAhead()) {
                assertThat(w.stats().spooled()).isEqualTo(400);
            } else {
                assertThat(w.stats().spooled()).isBetween(1L, 300L);
            }

            bringDatabaseBack();
            submit(w, "after-", 100);
            await().atMost(WAIT).until(() -> stored() == 500);
            WriterStats s = w.stats();
            assertThat(s.lost()).isZero();
            assertThat(s.failed()).isPositive();
            await().atMost(WAIT).until(() -> w.stats().spoolBytes() == 0);
            if (writeAhead()) {
                // queueing stops at the first failed batch: the outage's records come back from the spool
                assertThat(w.stats().replayed()).isGreaterThanOrEqualTo(300);
            } else {
                assertThat(w.stats().replayed()).isGreaterThanOrEqualTo(w.stats().spooled());
            }
            assertThat(w.stats().databaseUp()).isTrue();
        }
        assertThat(stored()).isEqualTo(500);
    }

    @Test
    void closeWritesWhatIsQueued() throws Exception {
        UsageWriter w = UsageWriter.start(sink(), settings(1000, 1000, Duration.ofHours(1)), Clock.systemUTC());
        submit(w, "a", 30);
        w.close();
        assertThat(stored()).isEqualTo(30);
        w.close();
    }

    @Test
    void closeDuringAnOutageSpoolsAndTheNextStartReplays() throws Exception {
        UsageWriter w = UsageWriter.start(sink(), settings(1000, 1000, Duration.ofHours(1)), Clock.systemUTC());
        takeDatabaseDown();
        submit(w, "a", 40);
        w.close();
        assertThat(w.stats().spooled()).isEqualTo(40);
        assertThat(stored()).isZero();

        bringDatabaseBack();
        // a short tick: the next start replays on its first flush, but the pool may not have a connection
        // again by then (Hikari backs off between connects during an outage, up to seconds); the writer's
        // promise is that a later flush delivers, not that the first one does
        try (UsageWriter next = UsageWriter.start(sink(), settings(1000, 1000, Duration.ofMillis(50)),
                Clock.systemUTC())) {
            await().atMost(WAIT).until(() -> stored() == 40);
            // the stat is counted after the insert commits, so a reader can see the rows first
            await().atMost(WAIT).until(() -> next.stats().replayed() == 40);
        }
    }

    @Test
    void aTornSpoolLineFromAKilledProcessIsSkippedAndTheRestReplayed() throws Exception {
        Path spool = dir.resolve("spool/usage.jsonl");
        Files.createDirectories(spool.getParent());
        StringBuilder text = new StringBuilder();
        for (UsageRecord r : UsageSpoolTest.records("ok-", 3)) {
            text.append(SpoolCodec.encode(r)).append('\n');
        }
        String torn = SpoolCodec.encode(UsageSpoolTest.record("torn"));
        Files.writeString(spool, text + torn.substring(0, torn.length() - 7), StandardCharsets.UTF_8);

        try (UsageWriter w = UsageWriter.start(sink(), settings(1000, 1000, Duration.ofMillis(50)), Clock.systemUTC())) {
            await().atMost(WAIT).until(() -> stored() == 3);
            submit(w, "new-", 2);
            await().atMost(WAIT).until(() -> stored() == 5);
            assertThat(w.stats().corrupt()).isEqualTo(1);
        }
        assertThat(direct.usage().find("torn")).isEmpty();
    }

    @Test
    void aFullQueueSpillsToTheSpoolInsteadOfDropping() throws Exception {
        try (UsageWriter w = UsageWriter.start(sink(), settings(10, 1000, Duration.ofHours(1)), Clock.systemUTC())) {
            submit(w, "a", 100);
            assertThat(w.stats().queued()).isEqualTo(10);
            assertThat(w.stats().spooled()).isEqualTo(writeAhead() ? 100 : 90);
            w.flush();
            assertThat(stored()).isEqualTo(100);
            // write-ahead replays the spool from the first line the queue missed, the queued ten included
            assertThat(w.stats().replayed()).isEqualTo(writeAhead() ? 100 : 90);
            assertThat(w.stats().written()).isEqualTo(writeAhead() ? 0 : 10);
            submit(w, "b", 5);
            assertThat(w.stats().queued()).isEqualTo(5); // and queueing resumes after it
            w.flush();
            assertThat(stored()).isEqualTo(105);
        }
    }

    @Test
    void theSameRequestSubmittedTwiceIsStoredOnce() throws Exception {
        try (UsageWriter w = UsageWriter.start(sink(), settings(1000, 1000, Duration.ofHours(1)), Clock.systemUTC())) {
            w.submit(UsageSpoolTest.record("same"));
            w.flush();
            w.submit(UsageSpoolTest.record("same"));
            w.flush();
            assertThat(stored()).isEqualTo(1);
            assertThat(w.stats().written()).isEqualTo(2);
        }
    }

    @Test
    void bodiesAndCostsReachTheStore() throws Exception {
        UsageRecord r = UsageSpoolTest.record("with-bodies").withCost(new Cost(new java.math.BigDecimal("0.0057")));
        UsageRecord withBodies = new UsageRecord(r.requestId(), "trace\u0000id", r.ts(), r.keyId(), r.keyName(),
                r.projectId(), r.provider(), r.model(), "bad\u0000model", r.endpoint(), r.clientFormat(), r.status(),
                r.errorKind(), r.stream(), r.usage(), r.cost(), r.latencyMs(), r.ttfbMs(), r.attempts(),
                RequestBodies.capture("{\"api_key\":\"s3cret\"}", "{}", 1000));
        try (UsageWriter w = UsageWriter.start(sink(), settings(1000, 1000, Duration.ofHours(1)), Clock.systemUTC())) {
            w.submit(withBodies);
            w.flush();
        }
        var row = direct.usage().find("with-bodies").orElseThrow();
        assertThat(row.costNanos()).isEqualTo(5_700_000L);
        assertThat(row.requestedModel()).isEqualTo("bad\uFFFDmodel");
        assertThat(row.clientRequestId()).isEqualTo("trace\uFFFDid");
        assertThat(row.endpoint()).isEqualTo("chat");
        assertThat(row.clientFormat()).isEqualTo("OPENAI_CHAT");
        assertThat(direct.requestLog().bodies("with-bodies").orElseThrow().requestBody())
                .isEqualTo("{\"api_key\":\"[redacted]\"}");
        assertThat(List.of(row.inputTokens(), row.outputTokens(), row.cacheReadTokens(), row.reasoningTokens()))
                .containsExactly(10L, 5L, 2L, 1L);
    }
}
