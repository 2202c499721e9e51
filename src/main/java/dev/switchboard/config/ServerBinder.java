package dev.switchboard.config;

import java.time.Duration;

/** {@code server:} → {@link ServerConfig}; every setting has a default, so the section is optional. */
final class ServerBinder {
    static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

    /** Far beyond any real request; stops a typo like {@code 32GiB} from disabling the body limit. */
    private static final long MAX_BODY_LIMIT = 1L << 30;

    private ServerBinder() {}

    static ServerConfig bind(Binding b, YamlNode.Entry section) {
        ListenAddress listen = ListenAddress.DEFAULT;
        String adminKey = null;
        LimitsConfig limits = LimitsConfig.DEFAULTS;
        Duration grace = DEFAULT_SHUTDOWN_GRACE;
        Fields f = section == null ? null
                : b.fields(section.value(), "server", section.keyLine(), "listen", "admin_key", "limits", "shutdown_grace");
        if (f != null) {
            ListenAddress l = f.parsed("listen", ListenAddress::parse);
            listen = l != null ? l : listen;
            adminKey = adminKey(b, f);
            limits = limits(b, f);
            Duration g = f.duration("shutdown_grace", false);
            grace = g != null ? g : grace;
        }
        return new ServerConfig(listen.host(), listen.port(), adminKey, limits, grace);
    }

    /** Empty (e.g. {@code ${SWITCHBOARD_ADMIN_KEY:-}}) means the admin API is off; there is no default key. */
    private static String adminKey(Binding b, Fields f) {
        Binding.Text t = f.text("admin_key");
        if (t == null || t.value().isEmpty()) {
            return null;
        }
        if (!Secrecy.headerSafe(t.value())) {
            b.problem(t.path(), t.line(), "contains whitespace or control characters");
            return null;
        }
        if (t.value().length() < Secrecy.MIN_GENERATED_SECRET) {
            b.problem(t.path(), t.line(), "too short: use at least " + Secrecy.MIN_GENERATED_SECRET
                    + " random characters (e.g. openssl rand -hex 24)");
            return null;
        }
        return t.value();
    }

    private static LimitsConfig limits(Binding b, Fields server) {
        YamlNode.Entry e = server.entry("limits");
        if (e == null) {
            return LimitsConfig.DEFAULTS;
        }
        Fields f = b.fields(e.value(), server.path("limits"), e.keyLine(),
                "max_body", "max_header", "max_json_depth", "max_sse_line", "max_concurrent");
        if (f == null) {
            return LimitsConfig.DEFAULTS;
        }
        LimitsConfig d = LimitsConfig.DEFAULTS;
        Long body = f.size("max_body", MAX_BODY_LIMIT);
        Long header = f.size("max_header", 1L << 20);
        Integer depth = f.integer("max_json_depth", 1, 1000);
        Long sseLine = f.size("max_sse_line", 256L << 20);
        Integer concurrent = f.integer("max_concurrent", 1, 1_000_000);
        return new LimitsConfig(
                body != null ? body : d.maxBodyBytes(),
                header != null ? header.intValue() : d.maxHeaderBytes(),
                depth != null ? depth : d.maxJsonDepth(),
                sseLine != null ? sseLine.intValue() : d.maxSseLineBytes(),
                concurrent != null ? concurrent : d.maxConcurrent());
    }
}
