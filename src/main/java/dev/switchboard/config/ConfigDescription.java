package dev.switchboard.config;

import dev.switchboard.model.Timeouts;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Human-readable summary of a loaded config, printed by {@code switchboard validate}. Every secret is
 * masked: provider keys, virtual keys, the admin key, header values, URL passwords and query strings.
 * The output is meant to be pasted into bug reports.
 */
public final class ConfigDescription {
    private ConfigDescription() {}

    public static String describe(GatewayConfig config) {
        StringBuilder out = new StringBuilder();
        ServerConfig server = config.server();
        line(out, 0, "listen: " + server.listen());
        line(out, 0, "admin api: " + (server.adminKey() == null ? "disabled (no admin_key)"
                : "enabled, key " + Secrets.mask(server.adminKey())));
        LimitsConfig l = server.limits();
        line(out, 0, "limits: max_body " + SizeParser.format(l.maxBodyBytes())
                + ", max_header " + SizeParser.format(l.maxHeaderBytes())
                + ", max_json_depth " + l.maxJsonDepth()
                + ", max_sse_line " + SizeParser.format(l.maxSseLineBytes()));
        line(out, 0, "shutdown_grace: " + DurationParser.format(server.shutdownGrace()));
        line(out, 0, "store: " + (config.store() == null ? "(default)" : maskUrl(config.store())));
        line(out, 0, "redis: " + (config.redis() == null ? "(none)" : maskUrl(config.redis())));
        line(out, 0, "default timeouts: " + timeouts(config.defaults().timeouts()));

        line(out, 0, "providers (" + config.providers().size() + "):");
        for (ProviderConfig p : config.providers().values()) {
            line(out, 1, p.name() + ": format " + EnumNames.configName(p.format())
                    + ", kind " + EnumNames.configName(p.kind())
                    + (p.baseUrl() == null ? "" : ", base_url " + maskUrl(p.baseUrl().toString()))
                    + (p.allowPrivate() ? ", allow_private" : ""));
            line(out, 2, "keys: " + (p.keys().isEmpty() ? "(none)" : masked(p.keys())));
            line(out, 2, "timeouts: " + timeouts(p.timeouts()));
            if (p.maxConcurrent() > 0) {
                line(out, 2, "max_concurrent: " + p.maxConcurrent());
            }
            line(out, 2, "resilience: " + ResilienceBinder.describe(p.resilience()));
            if (!p.models().isEmpty()) {
                line(out, 2, "models: " + String.join(", ", p.models()));
            }
            if (!p.headers().isEmpty()) {
                List<String> headers = new ArrayList<>();
                for (Map.Entry<String, String> h : p.headers().entrySet()) {
                    headers.add(h.getKey() + "=" + Secrets.mask(h.getValue())); // often an auth token
                }
                line(out, 2, "headers: " + String.join(", ", headers));
            }
        }

        line(out, 0, "models (" + config.models().size() + "):");
        for (ModelRoute route : config.models().values()) {
            List<String> targets = new ArrayList<>();
            route.targets().forEach(t -> targets.add(t.toString()));
            line(out, 1, route.name() + " [" + EnumNames.configName(route.strategy()) + "] -> "
                    + String.join(", ", targets));
            if (!route.resilience().inherits()) {
                line(out, 2, "resilience overrides: " + ResilienceBinder.describe(route.resilience()));
            }
        }

        line(out, 0, "keys (" + config.keys().size() + "):");
        for (VirtualKeyConfig k : config.keys()) {
            line(out, 1, k.name() + ": " + Secrets.mask(k.key()) + ", models "
                    + (k.models().isEmpty() ? "(all)" : String.join(", ", k.models())));
        }
        return out.toString();
    }

    private static String timeouts(Timeouts t) {
        return "connect " + DurationParser.format(t.connect())
                + ", first_byte " + DurationParser.format(t.firstByte())
                + ", idle " + DurationParser.format(t.idle())
                + ", total " + DurationParser.format(t.total());
    }

    private static String masked(List<String> secrets) {
        List<String> out = new ArrayList<>();
        secrets.forEach(s -> out.add(Secrets.mask(s)));
        return String.join(", ", out);
    }

    /**
     * Hides the password of {@code postgresql://user:pw@host/db} and any query string (Gemini-style
     * {@code ?key=} URLs). Text that is not a URL is shown as is only when it has no '@' and no '?'.
     */
    static String maskUrl(String url) {
        try {
            URI u = new URI(url);
            if (u.isOpaque() || u.getRawAuthority() == null) {
                return url.contains("@") || url.contains("?") ? u.getScheme() + ":****" : url;
            }
            String userInfo = u.getRawUserInfo();
            StringBuilder sb = new StringBuilder().append(u.getScheme()).append("://");
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                sb.append(colon < 0 ? userInfo : userInfo.substring(0, colon) + ":****").append('@');
            }
            String authority = u.getRawAuthority();
            sb.append(authority.substring(authority.lastIndexOf('@') + 1));
            if (u.getRawPath() != null) {
                sb.append(u.getRawPath());
            }
            if (u.getRawQuery() != null) {
                sb.append("?****");
            }
            return sb.toString();
        } catch (URISyntaxException e) {
            return url.contains("@") || url.contains("?") ? "****" : url;
        }
    }

    private static void line(StringBuilder out, int indent, String text) {
        out.append("  ".repeat(indent)).append(text).append('\n');
    }
}
