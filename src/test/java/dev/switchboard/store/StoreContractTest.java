package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testkit.TestStores;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The repository cases every dialect must pass; {@link SqliteStoreTest} and {@link PostgresStoreTest}
 * run them against a real engine each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContractTest {
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static final String INJECTION = "x' OR '1'='1'; DROP TABLE usage_records; --";

    private TestStores db;
    Store store;

    abstract TestStores database();

    private String skipReason;

    @BeforeAll
    void openStore() {
        try {
            db = database();
        } catch (org.opentest4j.TestAbortedException absent) {
            skipReason = absent.getMessage().replaceFirst("^Assumption failed: ", ""); // reported per test
            return;
        }
        store = Store.open(db.url());
        assertThat(store.migrate()).isEqualTo(2);
    }

    @AfterAll
    void closeStore() {
        if (store != null) {
            store.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void emptyTables() {
        org.junit.jupiter.api.Assumptions.assumeTrue(skipReason == null, skipReason);
        db.sql("DELETE FROM request_log", "DELETE FROM usage_records", "DELETE FROM audit_log",
                "DELETE FROM credentials", "DELETE FROM virtual_keys", "DELETE FROM projects");
    }

    @Test
    void migratingAgainRunsNothing() {
        assertThat(store.migrate()).isZero();
        assertThat(store.ping()).isTrue();
    }

    // ---- projects

    static ProjectRow project(String id, String name) {
        return new ProjectRow(id, name, List.of("openai/*", "smart"), new Limits(600L, 200_000L, 8, null),
                new Budget(new BigDecimal("50.125"), Budget.Period.MONTH), true, false, T0, T0);
    }

    @Test
    void projectsRoundTripAndUpdate() {
        ProjectRow p = project("prj_1", "alpha");
        store.projects().insert(p);
        assertThat(store.projects().find("prj_1")).contains(p);
        assertThat(store.projects().findByName("alpha")).contains(p);

        ProjectRow changed = new ProjectRow("prj_1", "alpha2", null, Limits.NONE, null, false, true, T0,
                T0.plusSeconds(5));
        assertThat(store.projects().update(changed)).isTrue();
        assertThat(store.projects().find("prj_1")).contains(changed);
        assertThat(store.projects().update(project("nope", "x"))).isFalse();
    }

    @Test
    void projectNamesAreUnique() {
        store.projects().insert(project("prj_1", "alpha"));
        assertThatThrownBy(() -> store.projects().insert(project("prj_2", "alpha"))).isInstanceOf(StoreException.class);
    }

    @Test
    void projectListPages() {
        for (int i = 0; i < 5; i++) {
            store.projects().insert(project("prj_" + i, "name-" + i));
        }
        Slice<ProjectRow> first = store.projects().list(Page.of(2));
        assertThat(first.items()).extracting(ProjectRow::name).containsExactly("name-0", "name-1");
        assertThat(first.more()).isTrue();
        Slice<ProjectRow> last = store.projects().list(new Page(2, 4));
        assertThat(last.items()).extracting(ProjectRow::name).containsExactly("name-4");
        assertThat(last.more()).isFalse();
        assertThat(store.projects().listAll()).hasSize(5);
    }

    // ---- keys

    static KeyRow key(String id, String projectId, String hash) {
        return new KeyRow(id, "key " + id, projectId, hash, "sk-sb-" + id.substring(0, 2), T0.plusSeconds(3600), null,
                List.of("gpt-4.1"), List.of("chat"), new Limits(60L, null, 2, 1000L), null, null, null, T0, T0);
    }

    @Test
    void keysAreFoundByHashRevokedAndRotated() {
        store.projects().insert(project("prj_1", "alpha"));
        KeyRow k = key("key_1", "prj_1", "a".repeat(64));
        store.keys().insert(k);
        assertThat(store.keys().findByHash("a".repeat(64))).contains(k);

        Instant revokedAt = T0.plusSeconds(10);
        assertThat(store.keys().revoke("key_1", revokedAt)).isTrue();
        assertThat(store.keys().revoke("key_1", revokedAt.plusSeconds(1))).isFalse();
        KeyRow revoked = store.keys().find("key_1").orElseThrow();
        assertThat(revoked.revokedAt()).isEqualTo(revokedAt);
        assertThat(revoked.unusableAt(T0)).isTrue();

        assertThat(store.keys().rotate("key_1", "b".repeat(64), "sk-sb-Zz", T0.plusSeconds(20))).isTrue();
        assertThat(store.keys().findByHash("a".repeat(64))).isEmpty();
        assertThat(store.keys().findByHash("b".repeat(64))).map(KeyRow::prefix).contains("sk-sb-Zz");
    }

    @Test
    void keyHashesAreUniqueAndProjectsMustExist() {
        store.projects().insert(project("prj_1", "alpha"));
        store.keys().insert(key("key_1", "prj_1", "a".repeat(64)));
        assertThatThrownBy(() -> store.keys().insert(key("key_2", "prj_1", "a".repeat(64))))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.keys().insert(key("key_3", "missing", "c".repeat(64))))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void keyListingFiltersByProjectAndRevocation() {
        store.projects().insert(project("prj_a", "a"));
        store.projects().insert(project("prj_b", "b"));
        store.keys().insert(key("ka_1", "prj_a", "1".repeat(64)));
        store.keys().insert(key("ka_2", "prj_a", "2".repeat(64)));
        store.keys().insert(key("kb_1", "prj_b", "3".repeat(64)));
        store.keys().revoke("ka_2", T0.plusSeconds(1));

        assertThat(store.keys().list("prj_a", false, Page.FIRST).items()).extracting(KeyRow::id).containsExactly("ka_1");
        assertThat(store.keys().list("prj_a", true, Page.FIRST).items()).extracting(KeyRow::id)
                .containsExactly("ka_1", "ka_2");
        assertThat(store.keys().list(INJECTION, true, Page.FIRST).items()).isEmpty();
        assertThat(store.keys().changedSince(T0.plusSeconds(1))).extracting(KeyRow::id).containsExactly("ka_2");
        assertThat(store.keys().changedSince(null)).hasSize(3);
    }

    @Test
    void keySettingsUpdateAndLastUseNeverMovesBack() {
        store.projects().insert(project("prj_1", "alpha"));
        store.keys().insert(key("key_1", "prj_1", "a".repeat(64)));
        KeyRow k = store.keys().find("key_1").orElseThrow();
        KeyRow changed = new KeyRow(k.id(), "renamed", null, k.keyHash(), k.prefix(), null, null, null, null,
                Limits.NONE, new Budget(new BigDecimal("0.000000001"), Budget.Period.DAY), true, null, k.createdAt(),
                T0.plusSeconds(30));
        assertThat(store.keys().update(changed)).isTrue();
        assertThat(store.keys().find("key_1")).contains(changed);

        store.keys().touchLastUsed(Map.of("key_1", T0.plusSeconds(100)));
        store.keys().touchLastUsed(Map.of("key_1", T0.plusSeconds(50)));
        KeyRow used = store.keys().find("key_1").orElseThrow();
        assertThat(used.lastUsedAt()).isEqualTo(T0.plusSeconds(100));
        assertThat(used.updatedAt()).isEqualTo(T0.plusSeconds(30));
    }

    // ---- credentials

    @Test
    void credentialsKeepBytesAndRotateVersions() {
        byte[] secret = {0, 1, 2, (byte) 0xff, 42};
        CredentialRow c = new CredentialRow("cred_1", "openai", "main", secret, 1, "sk-…cdef", T0);
        store.credentials().insert(c);
        assertThat(store.credentials().find("cred_1")).contains(c);
        assertThat(store.credentials().list("openai")).containsExactly(c);
        assertThat(store.credentials().list(null)).containsExactly(c);
        assertThat(store.credentials().encryptedBefore(2)).containsExactly(c);

        assertThat(store.credentials().reencrypt("cred_1", new byte[] {9, 9}, 2)).isTrue();
        assertThat(store.credentials().encryptedBefore(2)).isEmpty();
        assertThat(store.credentials().find("cred_1").orElseThrow().ciphertext()).containsExactly(9, 9);
        assertThat(c.toString()).doesNotContain("[B@").contains("sk-…cdef");

        assertThatThrownBy(() -> store.credentials().insert(new CredentialRow("cred_2", "openai", "main", secret, 1,
                "x", T0))).isInstanceOf(StoreException.class);
        assertThat(store.credentials().delete("cred_1")).isTrue();
        assertThat(store.credentials().list(null)).isEmpty();
    }

    // ---- usage

    static UsageRow usage(String id, Instant ts, String key, String project, String model, long in, long out,
            Long costNanos) {
        return traced(id, null, ts, key, project, model, in, out, costNanos);
    }

    static UsageRow traced(String id, String clientId, Instant ts, String key, String project, String model, long in,
            long out, Long costNanos) {
        return new UsageRow(id, clientId, ts, key, key == null ? null : "name of " + key, project, "openai", model,
                "smart", "chat", 200, null, false, in, out, 0, 0, 0, false, costNanos, 120L, 40L, 1, "OPENAI_CHAT");
    }

    @Test
    void usageInsertsAreIdempotentByRequestId() {
        UsageRow a = usage("req-1", T0, "k1", "p1", "gpt-4.1", 10, 5, 1000L);
        UsageRow b = usage("req-2", T0, "k1", "p1", "gpt-4.1", 20, 5, 2000L);
        assertThat(store.usage().insertAll(List.of(a, b), List.of())).isEqualTo(2);
        UsageRow aChanged = usage("req-1", T0, "k1", "p1", "gpt-4.1", 999, 999, 999_999L);
        assertThat(store.usage().insertAll(List.of(aChanged, b), List.of())).isZero();
        assertThat(store.usage().find("req-1")).contains(a);
        assertThat(store.usage().totals(UsageFilter.ALL).requests()).isEqualTo(2);
    }

    @Test
    void usageRowsKeepEveryField() {
        UsageRow full = new UsageRow("req-x", "trace-x", T0, "k1", "ci", "p1", "claude", "claude-sonnet-4-5", "smart",
                "chat", 502, "UPSTREAM_ERROR", true, 1000, 200, 300, 100, 50, true, null, null, null, 3, "ANTHROPIC");
        store.usage().insertAll(List.of(full), List.of());
        assertThat(store.usage().find("req-x")).contains(full);
    }

    @Test
    void requestsSharingAClientRequestIdAreEachStoredAndCounted() {
        // the client's X-Request-ID is not the key: a retry, a fixed header or a cheat sends the same one again
        UsageRow first = traced("0000000000a1", "trace-1", T0, "k1", "p1", "gpt-4.1", 10, 5, 1000L);
        UsageRow again = traced("0000000000a2", "trace-1", T0.plusSeconds(1), "k1", "p1", "gpt-4.1", 10, 5, 1000L);
        UsageRow other = traced("0000000000a3", "trace-2", T0.plusSeconds(2), "k1", "p1", "gpt-4.1", 1, 1, 7L);
        assertThat(store.usage().insertAll(List.of(first, again, other), List.of())).isEqualTo(3);

        assertThat(store.usage().findByClientRequestId("trace-1")).containsExactly(first, again);
        UsageTotals traced = store.usage().totals(UsageFilter.ALL.clientRequestId("trace-1"));
        assertThat(traced.requests()).isEqualTo(2);
        assertThat(traced.costNanos()).isEqualTo(2000L);
        assertThat(store.usage().totals(UsageFilter.ALL.key("k1")).costNanos()).isEqualTo(2007L);
        assertThat(store.requestLog().list(UsageFilter.ALL.clientRequestId("trace-1"), Page.FIRST).items())
                .extracting(e -> e.request().requestId()).containsExactly("0000000000a2", "0000000000a1");
        assertThat(store.usage().findByClientRequestId(INJECTION)).isEmpty();
        assertThat(store.usage().totals(UsageFilter.ALL.clientRequestId(INJECTION)).requests()).isZero();
        assertThat(store.usage().totals(UsageFilter.ALL).requests()).isEqualTo(3);
    }

    @Test
    void upgradingFromTheFirstSchemaKeepsItsRowsWithoutAClientRequestId() {
        try (TestStores old = database(); Store upgraded = Store.open(old.url())) {
            assertThat(upgraded.migrateTo("1")).isEqualTo(1);
            // a row of the version that keyed records by the client's id
            old.sql("INSERT INTO usage_records (request_id, ts, status, stream, input_tokens, output_tokens, "
                    + "cache_read_tokens, cache_write_tokens, reasoning_tokens, estimated, attempts) "
                    + "VALUES ('trace-old', 1793527200000, 200, FALSE, 10, 5, 0, 0, 0, FALSE, 1)");
            assertThat(upgraded.migrate()).isEqualTo(1);

            UsageRow kept = upgraded.usage().find("trace-old").orElseThrow();
            assertThat(kept.clientRequestId()).isNull();
            assertThat(kept.inputTokens()).isEqualTo(10);
            UsageRow next = traced("019a3f0c2a00aaaaaaaaaaaaaaaaaaaa", "trace-old", T0, "k1", "p1", "gpt-4.1",
                    1, 1, 1L);
            assertThat(upgraded.usage().insertAll(List.of(next), List.of())).isEqualTo(1);
            assertThat(upgraded.usage().findByClientRequestId("trace-old")).containsExactly(next);
            assertThat(upgraded.usage().totals(UsageFilter.ALL).requests()).isEqualTo(2);
        }
    }

    @Test
    void totalsSumOverTheFilter() {
        store.usage().insertAll(List.of(
                usage("r1", T0, "k1", "p1", "gpt-4.1", 10, 1, 100L),
                usage("r2", T0.plusSeconds(60), "k1", "p1", "gpt-4.1", 20, 2, null),
                usage("r3", T0.plusSeconds(120), "k2", "p1", "gpt-4o", 30, 3, 300L),
                new UsageRow("r4", null, T0.plusSeconds(180), "k1", "n", "p1", "openai", "gpt-4.1", null, "chat", 429,
                        "RATE_LIMITED", false, 0, 0, 0, 0, 0, true, null, 1L, null, 1, null)), List.of());
        UsageTotals k1 = store.usage().totals(UsageFilter.ALL.key("k1"));
        assertThat(k1).isEqualTo(new UsageTotals(3, 1, 30, 3, 0, 0, 0, 100, 1));
        UsageTotals window = store.usage().totals(UsageFilter.ALL.between(T0.plusSeconds(60), T0.plusSeconds(180)));
        assertThat(window.requests()).isEqualTo(2);
        assertThat(window.costUsd()).isEqualByComparingTo("0.0000003");
        assertThat(store.usage().totals(UsageFilter.ALL.key(INJECTION)).requests()).isZero();
        assertThat(store.usage().totals(UsageFilter.ALL).requests()).isEqualTo(4);
    }

    @Test
    void groupsByEachDimension() {
        store.projects().insert(project("p1", "Alpha"));
        Instant day1 = Instant.parse("2026-11-01T23:59:59.999Z");
        Instant day2 = Instant.parse("2026-11-02T00:00:00Z");
        store.usage().insertAll(List.of(
                usage("r1", day1, "k1", "p1", "gpt-4.1", 10, 1, 100L),
                usage("r2", day2, "k1", "p1", "gpt-4o", 20, 2, 500L),
                usage("r3", day2, "k2", "p2", "gpt-4o", 30, 3, 300L),
                usage("r4", day2, null, null, "gpt-4o", 1, 1, null)), List.of());

        List<UsageGroup> byKey = store.usage().grouped(GroupBy.KEY, UsageFilter.ALL, Page.FIRST).items();
        assertThat(byKey).extracting(UsageGroup::group).containsExactly("k1", "k2", null);
        assertThat(byKey.getFirst().label()).isEqualTo("name of k1");
        assertThat(byKey.getFirst().totals().costNanos()).isEqualTo(600);

        List<UsageGroup> byProject = store.usage().grouped(GroupBy.PROJECT, UsageFilter.ALL, Page.FIRST).items();
        assertThat(byProject).extracting(UsageGroup::group).containsExactly("p1", "p2", null);
        assertThat(byProject).extracting(UsageGroup::label).containsExactly("Alpha", "p2", null);

        assertThat(store.usage().grouped(GroupBy.MODEL, UsageFilter.ALL, Page.FIRST).items())
                .extracting(g -> g.group() + "=" + g.totals().requests()).containsExactly("gpt-4o=3", "gpt-4.1=1");
        assertThat(store.usage().grouped(GroupBy.PROVIDER, UsageFilter.ALL, Page.FIRST).items())
                .extracting(g -> g.group() + "=" + g.totals().requests()).containsExactly("openai=4");
        assertThat(store.usage().grouped(GroupBy.DAY, UsageFilter.ALL, Page.FIRST).items())
                .extracting(g -> g.group() + "=" + g.totals().requests())
                .containsExactly("2026-11-01=1", "2026-11-02=3");

        assertThat(store.usage().grouped(GroupBy.DAY, UsageFilter.ALL.model("gpt-4o").project("p1"), Page.FIRST)
                .items()).extracting(g -> g.group() + "=" + g.totals().inputTokens()).containsExactly("2026-11-02=20");
        Slice<UsageGroup> paged = store.usage().grouped(GroupBy.KEY, UsageFilter.ALL, new Page(1, 1));
        assertThat(paged.items()).extracting(UsageGroup::group).containsExactly("k2");
        assertThat(paged.more()).isTrue();
        assertThat(store.usage().grouped(GroupBy.MODEL, UsageFilter.ALL.model(INJECTION).provider(INJECTION),
                Page.FIRST).items()).isEmpty();
        assertThat(store.usage().totals(UsageFilter.ALL).requests()).isEqualTo(4);
    }

    @Test
    void csvExportOfGroups() {
        store.usage().insertAll(List.of(
                usage("r1", T0, "k1", "p1", "gpt-4.1", 10, 1, 1_500_000_000L)), List.of());
        StringWriter out = new StringWriter();
        UsageCsv.write(store.usage().grouped(GroupBy.MODEL, UsageFilter.ALL, Page.FIRST).items(), out);
        assertThat(out.toString()).isEqualTo(UsageCsv.HEADER + "\r\ngpt-4.1,gpt-4.1,1,0,10,1,0,0,0,0,1.5\r\n");
    }

    // ---- request log

    @Test
    void requestLogListsMetadataAndKeptBodies() {
        UsageRow a = usage("r1", T0, "k1", "p1", "gpt-4.1", 1, 1, 1L);
        UsageRow b = usage("r2", T0.plusSeconds(1), "k1", "p1", "gpt-4.1", 1, 1, 1L);
        RequestLogRow bodies = new RequestLogRow("r2", b.ts(), "k1", "p1", "{\"q\":1}", "{\"a\":2}", true);
        store.usage().insertAll(List.of(a, b), List.of(bodies));
        store.usage().insertAll(List.of(b), List.of(new RequestLogRow("r2", b.ts(), "k1", "p1", "other", "", false)));

        List<RequestLogEntry> entries = store.requestLog().list(UsageFilter.ALL.key("k1"), Page.FIRST).items();
        assertThat(entries).extracting(e -> e.request().requestId() + ":" + e.hasBodies())
                .containsExactly("r2:true", "r1:false");
        assertThat(store.requestLog().bodies("r2")).contains(bodies);
        assertThat(store.requestLog().bodies("r1")).isEmpty();
        assertThat(store.requestLog().list(UsageFilter.ALL.key(INJECTION), Page.FIRST).items()).isEmpty();
        assertThat(store.requestLog().purgeBodiesBefore(T0.plusSeconds(2))).isEqualTo(1);
        assertThat(store.usage().totals(UsageFilter.ALL).requests()).isEqualTo(2);
    }

    // ---- audit

    @Test
    void auditLogAppendsAndFilters() {
        List<AuditEntry> appended = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            appended.add(store.audit().append(new AuditEntry(null, T0.plusSeconds(i), i % 2 == 0 ? "admin" : "ops",
                    "key.create", "key", "key_" + i, "{\"name\":\"k" + i + "\"}")));
        }
        assertThat(appended).extracting(AuditEntry::id).doesNotContainNull().doesNotHaveDuplicates();
        Slice<AuditEntry> newest = store.audit().list(AuditFilter.ALL, Page.of(3));
        assertThat(newest.items()).extracting(AuditEntry::targetId).containsExactly("key_3", "key_2", "key_1");
        assertThat(newest.more()).isTrue();
        assertThat(store.audit().list(AuditFilter.ALL.actor("admin"), Page.FIRST).items())
                .extracting(AuditEntry::targetId).containsExactly("key_2", "key_0");
        assertThat(store.audit().list(AuditFilter.ALL.target("key", "key_1"), Page.FIRST).items())
                .containsExactly(appended.get(1));
        assertThat(store.audit().list(AuditFilter.ALL.between(T0.plusSeconds(1), T0.plusSeconds(3)), Page.FIRST)
                .items()).hasSize(2);
        assertThat(store.audit().list(AuditFilter.ALL.action(INJECTION), Page.FIRST).items()).isEmpty();
    }
}
