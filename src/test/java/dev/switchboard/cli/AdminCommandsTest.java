package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.GatewayTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard keys …} and {@code switchboard usage …} against a running gateway. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminCommandsTest {
    static final String ADMIN_KEY = "adm-cli-" + "0123456789abcdefghijklmnop";
    static final String CHAT = "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final Pattern SECRET = Pattern.compile("secret: (sk-sb-[0-9A-Za-z]{43})");
    static final Pattern KEY_ID = Pattern.compile("(key_[0-9A-Za-z]{16})");

    GatewayTest gw;
    String url;

    @TempDir
    Path dir;

    @BeforeAll
    void start() {
        gw = GatewayTest.start("""
                server:
                  admin_key: "%s"
                providers:
                  demo: { kind: mock, models: [echo-1] }
                models:
                  echo: [demo/echo-1]
                """.formatted(ADMIN_KEY), Map.of());
        url = gw.baseUrl();
    }

    @AfterAll
    void stop() {
        gw.close();
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private CliRun admin(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = url;
        all[args.length + 2] = "--admin-key";
        all[args.length + 3] = ADMIN_KEY;
        return run(all);
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    @Test
    void keysAreCreatedListedAndRevoked() {
        CliRun created = admin("keys", "create", "--name", "cli-key", "--rpm", "100", "--models", "echo", "--expires", "30d");
        assertThat(created.exit()).as(created.err()).isZero();
        String secret = group(SECRET, created.out());
        String id = group(KEY_ID, created.out());
        assertThat(created.out()).contains("ID", "NAME", "PREFIX", "cli-key", "active", "only time");
        assertThat(gw.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + secret).statusCode()).isEqualTo(200);

        CliRun list = admin("keys", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains(id, "cli-key", secret.substring(0, 10)).doesNotContain(secret);

        CliRun revoked = admin("keys", "revoke", id);
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(revoked.out()).startsWith("revoked " + id);
        assertThat(admin("keys", "list").out()).doesNotContain(id);
        assertThat(admin("keys", "list", "--all").out()).contains(id).contains("revoked");
        assertThat(gw.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + secret).statusCode()).isEqualTo(401);

        CliRun pasted = admin("keys", "revoke", secret + "!");
        assertThat(pasted.exit()).isEqualTo(1);
        assertThat(pasted.err()).doesNotContain(secret);
    }

    @Test
    void usageIsShownAsATableOrCsv() {
        String secret = group(SECRET, admin("keys", "create", "--name", "spender").out());
        for (int i = 0; i < 3; i++) {
            gw.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + secret);
        }
        // the writer may store the three records in more than one batch: wait for all of them, not the first
        await().atMost(Duration.ofSeconds(5)).until(() -> admin("usage", "--by", "key", "--since", "7d").out()
                .lines().anyMatch(l -> l.contains("spender") && l.contains(" 3 ")));
        CliRun table = admin("usage", "--by", "key", "--since", "7d");
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("KEY").contains("REQUESTS", "COST USD");
        assertThat(table.out().lines().filter(l -> l.contains("spender")).findFirst().orElseThrow()).contains(" 3 ");
        CliRun csv = admin("usage", "--by", "project", "--since", "7d", "--csv");
        assertThat(csv.exit()).isZero();
        assertThat(csv.out()).startsWith("group,label,requests,");
        CliRun bad = admin("usage", "--by", "colour");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("400").contains("group_by");
    }

    @Test
    void theConfigGivesTheAddressAndTheAdminKey() throws Exception {
        Path config = dir.resolve("gw.yaml");
        Files.writeString(config, """
                server:
                  listen: 0.0.0.0:%d
                  admin_key: "%s"
                providers:
                  demo: { kind: mock }
                """.formatted(gw.port(), ADMIN_KEY));
        CliRun list = run("keys", "list", "--config", config.toString());
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).startsWith("ID");
    }

    @Test
    void refusalsAndUnreachableGatewaysSayWhy() {
        CliRun wrong = run("keys", "list", "--url", url, "--admin-key", "not-the-key");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("401").contains("invalid admin key").doesNotContain("not-the-key");
        CliRun closed = run("keys", "list", "--url", "http://127.0.0.1:9", "--admin-key", ADMIN_KEY);
        assertThat(closed.exit()).isEqualTo(1);
        assertThat(closed.err()).contains("cannot reach the gateway");
        CliRun missing = run("keys", "create", "--url", url, "--admin-key", ADMIN_KEY);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--name");
    }
}
