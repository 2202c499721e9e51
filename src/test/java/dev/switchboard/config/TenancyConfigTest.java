package dev.switchboard.config;

import static dev.switchboard.config.ConfigLoaderTest.parse;
import static dev.switchboard.config.ConfigLoaderTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 6's part of the file: store, redis, projects, key limits and budgets, pricing overrides. */
class TenancyConfigTest {
    static final String TENANCY_EXAMPLE = """
            server: { admin_key: "${SWITCHBOARD_ADMIN_KEY}" }
            store: postgresql://switchboard@db.internal:5432/switchboard
            redis: redis://127.0.0.1:6379
            providers: { openai: { base_url: https://api.openai.com/v1, keys: ["${OPENAI_API_KEY}"] } }
            projects:
              web:
                models: ["openai/*"]
                limits: { rpm: 3000, tpm: 1000000, concurrency: 50, budget_usd: 500, budget_period: month }
                log_bodies: true
              batch: ~
            keys:
              - name: ci
                key: ${SWITCHBOARD_KEY_CI}
                project: web
                models: [smart, "openai/gpt-4.1*"]
                endpoints: [/v1/chat/completions, "/v1/responses*"]
                limits: { rpm: 600, tpm: 200000, concurrency: 8, max_requests: 100000, budget_usd: 12.50, budget_period: day }
                expires: 2026-12-31
                log_bodies: false
              - name: nightly
                key: sb-nightly-0123456789abcdef
                project: batch
                expires: 2026-06-30T18:00:00+02:00
            pricing:
              openai/gpt-4.1: { input: 2.00, output: 8.00, cache_read: 0.50 }
              my-local-model: { input: 0, output: 0, cache_write: 0, reasoning: 0.000001 }
            """;

    @Test
    void loadsProjectsKeysLimitsAndPricing() throws Exception {
        GatewayConfig c = parse(TENANCY_EXAMPLE);

        assertThat(c.store()).isEqualTo("postgresql://switchboard@db.internal:5432/switchboard");
        assertThat(c.redis()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(c.server().adminKey()).isEqualTo("admin-0123456789abcdef");

        assertThat(c.projects().keySet()).containsExactly("web", "batch");
        ProjectConfig web = c.projects().get("web");
        assertThat(web.models()).containsExactly("openai/*");
        assertThat(web.limits()).isEqualTo(new TenantLimits(3000, 1_000_000, 50, 0,
                new TenantLimits.Budget(new BigDecimal("500"), BudgetPeriod.MONTH)));
        assertThat(web.logBodies()).isTrue();
        assertThat(c.projects().get("batch")).isEqualTo(new ProjectConfig("batch", List.of(), TenantLimits.NONE, false));

        VirtualKeyConfig ci = c.keys().get(0);
        assertThat(ci.project()).isEqualTo("web");
        assertThat(ci.models()).containsExactly("smart", "openai/gpt-4.1*");
        assertThat(ci.endpoints()).containsExactly("/v1/chat/completions", "/v1/responses*");
        assertThat(ci.limits()).isEqualTo(new TenantLimits(600, 200_000, 8, 100_000,
                new TenantLimits.Budget(new BigDecimal("12.50"), BudgetPeriod.DAY)));
        assertThat(ci.expires()).as("a date is valid through that day, UTC").isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(ci.logBodies()).isFalse();

        VirtualKeyConfig nightly = c.keys().get(1);
        assertThat(nightly.expires()).isEqualTo(Instant.parse("2026-06-30T16:00:00Z"));
        assertThat(nightly.limits()).isEqualTo(TenantLimits.NONE);
        assertThat(nightly.endpoints()).isEmpty();
        assertThat(nightly.logBodies()).as("null inherits the project's setting").isNull();

        assertThat(c.pricing().keySet()).containsExactly("openai/gpt-4.1", "my-local-model");
        assertThat(c.pricing().get("openai/gpt-4.1")).isEqualTo(new ModelPrice("openai/gpt-4.1",
                new BigDecimal("2.00"), new BigDecimal("8.00"), new BigDecimal("0.50"), null, null));
        assertThat(c.pricing().get("my-local-model").reasoning()).isEqualByComparingTo("0.000001");
    }

    @Test
    void defaultsAreEmbeddedStoreNoRedisAndNoLimits() throws Exception {
        GatewayConfig c = parse("""
                providers: { demo: { kind: mock } }
                store: ""
                keys:
                  - { name: a, key: sb-a-0123456789abcdef, limits: { budget_usd: 5 } }
                """);
        assertThat(c.store()).isEqualTo("sqlite:./data/switchboard.db");
        assertThat(c.redis()).isNull();
        assertThat(c.projects()).isEmpty();
        assertThat(c.pricing()).isEmpty();
        VirtualKeyConfig a = c.keys().get(0);
        assertThat(a.limits()).as("a budget without a period is monthly")
                .isEqualTo(new TenantLimits(0, 0, 0, 0, new TenantLimits.Budget(new BigDecimal("5"), BudgetPeriod.MONTH)));
        assertThat(a.project()).isNull();
        assertThat(a.expires()).isNull();
        assertThat(parse("providers: { demo: { kind: mock } }").store()).isEqualTo("sqlite:./data/switchboard.db");
    }

    @Test
    void limitProblemsNamePathAndLine() {
        assertThat(problems("""
                providers: { demo: { kind: mock } }
                projects:
                  web:
                    limits: { concurrency: 0, budget_period: week, burst: 5 }
                keys:
                  - name: a
                    key: sb-a-0123456789abcdef
                    limits: { max_requests: lots, budget_usd: -1, tpm: 1.5 }
                  - name: b
                    key: sb-b-0123456789abcdef
                    limits: 600
                """)).extracting(ConfigProblem::toString).containsExactly(
                "projects.web.limits.burst (line 4): unknown field 'burst' under projects.web.limits",
                "projects.web.limits.concurrency (line 4): must be a whole number from 1 to 1000000",
                "projects.web.limits.budget_period (line 4): needs budget_usd",
                "keys[0].limits.tpm (line 8): must be a whole number from 1 to 2147483647",
                "keys[0].limits.max_requests (line 8): must be a whole number from 1 to 2147483647",
                "keys[0].limits.budget_usd (line 8): must be a number of dollars, 0 or more (e.g. 50 or 0.15)",
                "keys[1].limits (line 11): expected a mapping (key: value), got a scalar");
    }

    @Test
    void keyProblemsNamePathAndLine() {
        assertThat(problems("""
                providers: { demo: { kind: mock } }
                projects:
                  web: { models: [] }
                  Bad_Name: {}
                keys:
                  - name: a
                    key: sb-a-0123456789abcdef
                    project: mobile
                    expires: next tuesday
                    endpoints: [chat/completions]
                    log_bodies: yes
                  - { name: b, key: sb-b-0123456789abcdef, expires: "2026-13-01" }
                """)).extracting(ConfigProblem::toString).containsExactly(
                "projects.web.models (line 3): empty list; leave models out to allow every model",
                "projects.Bad_Name (line 4): invalid project name 'Bad_Name': use lower-case letters, digits, '.', '_' or '-', starting with a letter or digit",
                "keys[0].project (line 8): unknown project 'mobile' (declared: web, Bad_Name)",
                "keys[0].expires (line 9): invalid time 'next tuesday': use a date (2026-12-31, valid through that day UTC) or a timestamp with offset (2026-12-31T18:00:00Z)",
                "keys[0].endpoints[0] (line 10): 'chat/completions' is not a path; write it as the client calls it, e.g. /v1/chat/completions",
                "keys[0].log_bodies (line 11): must be true or false",
                "keys[1].expires (line 12): invalid time '2026-13-01': use a date (2026-12-31, valid through that day UTC) or a timestamp with offset (2026-12-31T18:00:00Z)");
    }

    @Test
    void projectMustBeDeclared() {
        assertThat(problems("""
                providers: { demo: { kind: mock } }
                keys: [{ name: a, key: sb-a-0123456789abcdef, project: web }]
                """)).extracting(ConfigProblem::toString).containsExactly(
                "keys[0].project (line 2): unknown project 'web'; declare it under projects:");
    }

    @Test
    void pricingAndBackendProblems() {
        assertThat(problems("""
                store: mysql://db/switchboard
                redis: 127.0.0.1:6379
                providers: { demo: { kind: mock } }
                pricing:
                  gpt-4.1: { input: -2, outptu: 8 }
                  empty: {}
                  scalar: 3
                  fine: { output: "1e3" }
                projects: [web]
                """)).extracting(ConfigProblem::toString).containsExactly(
                "store (line 1): expected sqlite:<file> or postgresql://user@host:5432/db",
                "redis (line 2): expected redis://host:6379, rediss://host:6380 (TLS) or unix:///path",
                "pricing.gpt-4.1.outptu (line 5): unknown field 'outptu' under pricing.gpt-4.1 (did you mean 'output'?)",
                "pricing.gpt-4.1.input (line 5): must be a number of dollars, 0 or more (e.g. 50 or 0.15)",
                "pricing.empty (line 6): no prices given; set input, output, cache_read, cache_write or reasoning",
                "pricing.scalar (line 7): expected a mapping (key: value), got a scalar",
                "pricing.fine.output (line 8): must be a number of dollars, 0 or more (e.g. 50 or 0.15)",
                "projects (line 9): expected a mapping of names to entries, got a list");
    }

    @Test
    void descriptionShowsTenancyAndMasksSecrets() throws Exception {
        GatewayConfig c = parse(TENANCY_EXAMPLE);
        String text = ConfigDescription.describe(c);
        assertThat(text).contains(
                "store: postgresql://switchboard@db.internal:5432/switchboard",
                "projects (2):",
                "web: models openai/*, limits rpm 3000, tpm 1000000, concurrency 50, budget $500/month, log_bodies",
                "batch: models (all)",
                "ci: " + Secrets.mask("sb-ci-0123456789abcdef") + ", models smart, openai/gpt-4.1*, endpoints /v1/chat/completions, "
                        + "/v1/responses*, project web, limits rpm 600, tpm 200000, concurrency 8, max_requests 100000, "
                        + "budget $12.50/day, expires 2027-01-01T00:00:00Z, log_bodies false",
                "pricing overrides (USD per million tokens):",
                "openai/gpt-4.1: input $2.00 output $8.00 cache_read $0.50");
        assertThat(text + c).doesNotContain("sb-ci-0123456789abcdef").doesNotContain("sb-nightly-0123456789abcdef")
                .doesNotContain("admin-0123456789abcdef");
    }
}
