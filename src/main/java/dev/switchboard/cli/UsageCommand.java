package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code switchboard usage --by project --since 7d [--csv]}: spend and tokens from a running gateway. */
@Command(name = "usage", description = "Show usage and cost grouped by key, project, model, provider or day.")
final class UsageCommand implements Callable<Integer> {
    @Mixin
    AdminConnection connection;

    @Option(names = "--by", defaultValue = "project", description = "key, project, model, provider or day (default project)")
    String by;

    @Option(names = "--since", description = "ISO instant, date or relative: 24h, 7d, 2w")
    String since;

    @Option(names = "--until", description = "same forms as --since")
    String until;

    @Option(names = "--key", description = "only this key id")
    String key;

    @Option(names = "--project", description = "only this project id")
    String project;

    @Option(names = "--model", description = "only this model")
    String model;

    @Option(names = "--provider", description = "only this provider")
    String provider;

    @Option(names = "--limit", defaultValue = "100", description = "at most this many groups (1..1000)")
    int limit;

    @Option(names = "--csv", description = "print CSV instead of a table")
    boolean csv;

    @Override
    public Integer call() {
        return Cli.run(() -> {
            Map<String, String> query = AdminHttpClient.params("group_by", by, "since", since, "until", until, "key", key,
                    "project", project, "model", model, "provider", provider, "limit", String.valueOf(limit));
            AdminHttpClient admin = connection.connect(System.getenv());
            if (csv) {
                query.put("format", "csv");
                System.out.print(admin.getText("/usage", query, "text/csv"));
                return;
            }
            JsonNode page = admin.get("/usage", query);
            Table t = new Table(by.toUpperCase(java.util.Locale.ROOT), "NAME", "REQUESTS", "ERRORS", "INPUT", "OUTPUT",
                    "CACHE READ", "REASONING", "COST USD");
            page.path("data").forEach(g -> t.row(Cli.text(g, "group"), Cli.text(g, "label"), Cli.text(g, "requests"),
                    Cli.text(g, "errors"), Cli.text(g, "input_tokens"), Cli.text(g, "output_tokens"),
                    Cli.text(g, "cache_read_tokens"), Cli.text(g, "reasoning_tokens"),
                    g.path("cost_usd").decimalValue().toPlainString()));
            t.print(System.out);
            if (page.path("has_more").asBoolean()) {
                System.out.println("(more groups than --limit " + limit + ")");
            }
        });
    }
}
