package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code switchboard keys create|list|revoke}: virtual keys through a running gateway's admin API. */
@Command(name = "keys", description = "Create, list and revoke virtual keys of a running gateway.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "create", description = "Create a key and print its secret (shown this once only).")
    static final class Create implements Callable<Integer> {
        @Mixin
        AdminConnection connection;

        @Option(names = "--name", required = true, description = "what the key is for")
        String name;

        @Option(names = "--project", description = "project id or name")
        String project;

        @Option(names = "--expires", description = "ISO instant or from now: 30d, 12h")
        String expires;

        @Option(names = "--max-requests", description = "total requests the key may ever make")
        Long maxRequests;

        @Option(names = "--models", split = ",", description = "models or globs the key may use (default: all)")
        List<String> models;

        @Option(names = "--endpoints", split = ",", description = "paths the key may call, e.g. /v1/chat/completions")
        List<String> endpoints;

        @Option(names = "--rpm", description = "requests per minute")
        Long rpm;

        @Option(names = "--tpm", description = "tokens per minute")
        Long tpm;

        @Option(names = "--concurrency", description = "requests in flight at once")
        Long concurrency;

        @Option(names = "--budget-usd", description = "spending cap in USD per budget period")
        BigDecimal budgetUsd;

        @Option(names = "--budget-period", description = "day, week or month (default month)")
        String budgetPeriod;

        @Option(names = "--log-bodies", negatable = true, description = "keep request and response bodies")
        Boolean logBodies;

        @Override
        public Integer call() {
            return Cli.run(() -> {
                ObjectNode body = AdminHttpClient.JSON.createObjectNode().put("name", name);
                putIf(body, "project", project);
                putIf(body, "expires_at", expires);
                if (maxRequests != null) {
                    body.put("max_requests", maxRequests);
                }
                strings(body, "models", models);
                strings(body, "endpoints", endpoints);
                if (rpm != null || tpm != null || concurrency != null) {
                    ObjectNode limits = body.putObject("limits");
                    limits.put("rpm", rpm).put("tpm", tpm).put("concurrency", concurrency);
                }
                if (budgetUsd != null) {
                    ObjectNode budget = body.putObject("budget").put("usd", budgetUsd);
                    putIf(budget, "period", budgetPeriod);
                }
                if (logBodies != null) {
                    body.put("log_bodies", logBodies);
                }
                JsonNode key = connection.connect(System.getenv()).post("/keys", body);
                keyTable().row(row(key)).print(System.out);
                System.out.println();
                System.out.println("secret: " + key.path("secret").asText());
                System.out.println("This is the only time the secret is shown: store it now.");
            });
        }
    }

    @Command(name = "list", description = "List keys (prefixes only; secrets are never shown again).")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        AdminConnection connection;

        @Option(names = "--project", description = "only keys of this project id")
        String project;

        @Option(names = "--all", description = "include revoked keys")
        boolean all;

        @Option(names = "--limit", defaultValue = "100", description = "at most this many (1..1000)")
        int limit;

        @Option(names = "--offset", defaultValue = "0", description = "skip this many")
        long offset;

        @Override
        public Integer call() {
            return Cli.run(() -> {
                JsonNode page = connection.connect(System.getenv()).get("/keys", AdminHttpClient.params(
                        "project", project, "include_revoked", all ? "true" : null, "limit", String.valueOf(limit),
                        "offset", String.valueOf(offset)));
                Table t = keyTable();
                page.path("data").forEach(k -> t.row(row(k)));
                t.print(System.out);
                if (page.path("has_more").asBoolean()) {
                    System.out.println("(more: --offset " + (offset + limit) + ")");
                }
            });
        }
    }

    @Command(name = "revoke", description = "Revoke a key: every instance refuses it within a second.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        AdminConnection connection;

        @Parameters(paramLabel = "ID", description = "the key's id (see keys list)")
        String id;

        @Override
        public Integer call() {
            return Cli.run(() -> {
                if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}")) {
                    throw new CliException("not a key id (ids look like key_…; secrets are not accepted here)");
                }
                JsonNode key = connection.connect(System.getenv()).post("/keys/" + id + "/revoke", null);
                System.out.println("revoked " + key.path("id").asText() + " (" + key.path("name").asText() + ", "
                        + key.path("prefix").asText() + ")");
            });
        }
    }

    static Table keyTable() {
        return new Table("ID", "NAME", "PREFIX", "PROJECT", "EXPIRES", "STATUS", "LAST USED");
    }

    static Object[] row(JsonNode k) {
        return new Object[] {Cli.text(k, "id"), Cli.text(k, "name"), Cli.text(k, "prefix"), Cli.text(k, "project"),
            Cli.text(k, "expires_at"), k.path("revoked").asBoolean() ? "revoked" : "active", Cli.text(k, "last_used_at")};
    }

    private static void putIf(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private static void strings(ObjectNode o, String field, List<String> values) {
        if (values != null) {
            values.stream().map(String::strip).filter(v -> !v.isEmpty()).forEach(o.withArray(field)::add);
        }
    }
}
