package dev.switchboard.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.model.Endpoint;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.ClientFormat;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageSpoolTest {
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path dir;

    static UsageRecord record(String id) {
        return UsageRecord.builder(id, T0).key("k1", "ci", "p1").route("openai", "gpt-4.1", "smart")
                .call(Endpoint.CHAT, ClientFormat.OPENAI_CHAT, true).outcome(200, null, 1)
                .billed(new Usage(10, 5, 2, 0, 1, false), new Cost(new BigDecimal("0.000052"))).timing(120L, 30L)
                .build();
    }

    static List<UsageRecord> records(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> record(prefix + i)).toList();
    }

    @Test
    void codecKeepsEveryField() {
        UsageRecord full = new UsageRecord("r\"1\n", "client's \"trace\"", T0, "k", "name", "p", "claude",
                "claude-sonnet-4-5", "smart", Endpoint.RESPONSES, ClientFormat.ANTHROPIC, 502, ErrorKind.UPSTREAM_ERROR,
                true,
                new Usage(1, 2, 3, 4, 5, true), new Cost(new BigDecimal("1.000000001")), 9L, null, 3,
                new RequestBodies("{\"a\":1}", null, true));
        assertThat(SpoolCodec.decode(SpoolCodec.encode(full))).isEqualTo(full);
        UsageRecord sparse = UsageRecord.builder("r2", T0).build();
        assertThat(SpoolCodec.decode(SpoolCodec.encode(sparse))).isEqualTo(sparse);
        assertThat(SpoolCodec.encode(full)).doesNotContain("\n");
    }

    @Test
    void aLineSpooledBeforeClientRequestIdsExistedStillReadsWithoutOne() {
        // written by the version before the gateway made its own ids: no client_id field; spools outlive upgrades
        String old = "{\"v\":1,\"id\":\"trace-7\",\"ts\":1793527200000,\"key\":\"k1\",\"key_name\":\"ci\","
                + "\"project\":\"p1\",\"provider\":\"openai\",\"model\":\"gpt-4.1\",\"requested_model\":\"smart\","
                + "\"endpoint\":\"CHAT\",\"format\":\"OPENAI_CHAT\",\"status\":200,\"error\":null,\"stream\":true,"
                + "\"in\":10,\"out\":5,\"cache_read\":2,\"cache_write\":0,\"reasoning\":1,\"estimated\":false,"
                + "\"cost_usd\":\"0.000052\",\"latency_ms\":120,\"ttfb_ms\":30,\"attempts\":1}";
        UsageRecord r = SpoolCodec.decode(old);
        assertThat(r.clientRequestId()).isNull();
        assertThat(r).isEqualTo(record("trace-7"));
        UsageRecord traced = UsageRecord.builder("r3", T0).clientRequestId("trace-7").build();
        assertThat(SpoolCodec.decode(SpoolCodec.encode(traced)).clientRequestId()).isEqualTo("trace-7");
    }

    @Test
    void unknownEnumNamesFromAnotherVersionReadAsNull() {
        String line = SpoolCodec.encode(record("r1")).replace("\"OPENAI_CHAT\"", "\"SOMETHING_NEW\"");
        assertThat(SpoolCodec.decode(line).clientFormat()).isNull();
        assertThatThrownBy(() -> SpoolCodec.decode("{\"v\":1,\"id\":\"x\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpoolCodec.decode("{\"v\":2,\"id\":\"x\",\"ts\":1}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replaysInOrderInBatchesThenEmptiesTheFile() throws Exception {
        try (UsageSpool spool = new UsageSpool(dir.resolve("spool.jsonl"))) {
            spool.append(records("a", 5), true);
            spool.append(records("b", 3), false);
            List<List<String>> batches = new ArrayList<>();
            UsageSpool.Replay r = spool.replay(3, b -> batches.add(b.stream().map(UsageRecord::requestId).toList()));
            assertThat(r).isEqualTo(new UsageSpool.Replay(8, 0, null));
            assertThat(batches).containsExactly(List.of("a0", "a1", "a2"), List.of("a3", "a4", "b0"),
                    List.of("b1", "b2"));
            assertThat(spool.pendingBytes()).isZero();
            assertThat(Files.size(dir.resolve("spool.jsonl"))).isZero();
        }
    }

    @Test
    void aFailedBatchIsOfferedAgainAndNothingIsLost() throws Exception {
        try (UsageSpool spool = new UsageSpool(dir.resolve("spool.jsonl"))) {
            spool.append(records("a", 10), true);
            List<String> stored = new ArrayList<>();
            int[] calls = {0};
            UsageSpool.Replay first = spool.replay(4, b -> {
                if (++calls[0] == 2) {
                    throw new IllegalStateException("database went away");
                }
                b.forEach(x -> stored.add(x.requestId()));
            });
            assertThat(first.complete()).isFalse();
            assertThat(first.replayed()).isEqualTo(4);
            assertThat(first.failure()).hasMessage("database went away");
            spool.append(records("b", 2), true);

            UsageSpool.Replay second = spool.replay(4, b -> b.forEach(x -> stored.add(x.requestId())));
            assertThat(second.complete()).isTrue();
            assertThat(stored).containsExactly("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "b0", "b1");
            assertThat(spool.pendingBytes()).isZero();
        }
    }

    @Test
    void compactionDropsTheAcknowledgedHeadAndKeepsTheRest() throws Exception {
        Path file = dir.resolve("spool.jsonl");
        try (UsageSpool spool = new UsageSpool(file)) {
            spool.append(records("a", 10), true);
            long before = Files.size(file);
            int[] calls = {0};
            spool.replay(4, b -> {
                if (++calls[0] == 2) {
                    throw new IllegalStateException("down");
                }
            });
            spool.compact(1);
            assertThat(Files.size(file)).isLessThan(before);
            assertThat(spool.pendingBytes()).isEqualTo(Files.size(file));
            spool.append(records("b", 1), true);

            List<String> rest = new ArrayList<>();
            spool.replay(100, b -> b.forEach(x -> rest.add(x.requestId())));
            assertThat(rest).containsExactly("a4", "a5", "a6", "a7", "a8", "a9", "b0");
            assertThat(Files.size(file)).isZero();
            assertThat(Files.exists(dir.resolve("spool.jsonl.tmp"))).isFalse();
        }
    }

    /*
     * Compaction opens a new file and swaps it for the spool. Whichever open fails (the copy's, or one
     * of the spool's path after the swap), no line may be lost: in particular appends must not go on
     * into the replaced file, which is gone from the directory and so from every later replay.
     */
    @ParameterizedTest
    @ValueSource(strings = {"spool.jsonl", "spool.jsonl.tmp"})
    void aCompactionWhoseFileCannotBeOpenedLosesNothing(String failing) throws Exception {
        Path file = dir.resolve("spool.jsonl");
        boolean[] failOpens = {false};
        ChannelOpener flaky = (path, options) -> {
            if (failOpens[0] && path.getFileName().toString().equals(failing)) {
                throw new IOException("simulated: cannot open " + path);
            }
            return FileChannel.open(path, options);
        };
        try (UsageSpool spool = new UsageSpool(file, flaky)) {
            spool.append(records("a", 10), true);
            int[] calls = {0};
            spool.replay(4, b -> {
                if (++calls[0] == 2) {
                    throw new IllegalStateException("down"); // a0-a3 acknowledged, the rest waits
                }
            });
            failOpens[0] = true;
            try {
                spool.compact(1);
            } catch (IOException compactionFailed) {
                // allowed: a compaction may fail, as long as it loses nothing
            }
            spool.append(records("b", 2), true);
        }
        List<String> replayed = new ArrayList<>();
        try (UsageSpool next = new UsageSpool(file)) {
            next.replay(100, b -> b.forEach(x -> replayed.add(x.requestId())));
        }
        // a0-a3 come back too when the compaction did not happen; the database ignores them
        assertThat(replayed).endsWith("a4", "a5", "a6", "a7", "a8", "a9", "b0", "b1");
        assertThat(Files.exists(dir.resolve("spool.jsonl.tmp"))).isFalse();
    }

    @Test
    void aTornLastLineAfterACrashIsSkippedAndDoesNotSwallowTheNextAppend() throws Exception {
        Path file = dir.resolve("spool.jsonl");
        String whole = SpoolCodec.encode(record("ok-1")) + "\n" + SpoolCodec.encode(record("ok-2")) + "\n";
        String torn = SpoolCodec.encode(record("torn"));
        Files.writeString(file, whole + torn.substring(0, torn.length() / 2), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE_NEW);
        try (UsageSpool spool = new UsageSpool(file)) {
            spool.append(List.of(record("after")), true);
            List<String> stored = new ArrayList<>();
            UsageSpool.Replay r = spool.replay(10, b -> b.forEach(x -> stored.add(x.requestId())));
            assertThat(stored).containsExactly("ok-1", "ok-2", "after");
            assertThat(r.corrupt()).isEqualTo(1);
        }
    }

    @Test
    void oneProcessPerSpool() throws Exception {
        Path file = dir.resolve("spool.jsonl");
        try (UsageSpool first = new UsageSpool(file)) {
            // the JVM holds the lock: a second channel in the same process is refused like another process
            assertThatThrownBy(() -> new UsageSpool(file)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");
        }
        new UsageSpool(file).close();
    }

    /** A writer acknowledges by the positions appends returned, even after the file was emptied or compacted. */
    @Test
    void positionsStayValidAcrossTrimAndCompaction() throws Exception {
        try (UsageSpool spool = new UsageSpool(dir.resolve("spool.jsonl"))) {
            long first = spool.appendLine(line("a"));
            spool.acknowledge(first);
            spool.trim();
            assertThat(Files.size(dir.resolve("spool.jsonl"))).isZero();
            long second = spool.appendLine(line("b"));
            long third = spool.appendLine(line("c"));
            assertThat(second).isGreaterThan(first);
            spool.acknowledge(second);
            spool.compact(1); // drops "b", keeps "c" at a new file offset
            assertThat(spool.pendingBytes()).isEqualTo(third - second);
            List<String> replayed = new ArrayList<>();
            UsageSpool.Replay r = spool.replay(10, batch -> batch.forEach(x -> replayed.add(x.requestId())), third);
            assertThat(r.complete()).isTrue();
            assertThat(replayed).containsExactly("c");
            long fourth = spool.appendLine(line("d"));
            assertThat(spool.replay(10, batch -> batch.forEach(x -> replayed.add(x.requestId())), fourth - 1).replayed())
                    .as("a bound inside a line leaves that line").isZero();
            spool.acknowledge(fourth);
            assertThat(spool.pendingBytes()).isZero();
        }
    }

    /** A bound inside a line acknowledges through the whole lines before it, not through the bound. */
    @Test
    void aBoundInsideALineLeavesThatLineWholeForTheNextPass() throws Exception {
        try (UsageSpool spool = new UsageSpool(dir.resolve("spool.jsonl"))) {
            spool.appendLine(line("a"));
            long second = spool.appendLine(line("b"));
            List<String> replayed = new ArrayList<>();
            UsageSpool.Replay first = spool.replay(10, batch -> batch.forEach(x -> replayed.add(x.requestId())),
                    second - 1);
            assertThat(first.replayed()).isEqualTo(1);
            UsageSpool.Replay rest = spool.replay(10, batch -> batch.forEach(x -> replayed.add(x.requestId())));
            assertThat(replayed).containsExactly("a", "b");
            assertThat(rest.corrupt()).isZero();
        }
    }

    private static byte[] line(String id) {
        return SpoolCodec.line(record(id));
    }

    @Test
    void aSpoolLineIsTheEncodedRecordInUtf8WithItsNewline() {
        UsageRecord r = UsageRecord.builder("r-é", T0).key("k", "naïve \"key\"", "p").build();
        assertThat(new String(SpoolCodec.line(r), StandardCharsets.UTF_8)).isEqualTo(SpoolCodec.encode(r) + "\n");
        assertThat(SpoolCodec.decode(new String(SpoolCodec.line(r), StandardCharsets.UTF_8).strip())).isEqualTo(r);
    }
}
