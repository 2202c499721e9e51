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
        line(out, 0, "store: " + maskUrl(config.store())
                + (config.store().equals(BackendBinder.DEFAULT_STORE) ? " (default)" : ""));
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

        if (!config.projects().isEmpty()) {
            line(out, 0, "projects (" + config.projects().size() + "):");
            for (ProjectConfig p : config.projects().values()) {
                line(out, 1, p.name() + ": models " + all(p.models()) + limits(p.limits())
                        + (p.logBodies() ? ", log_bodies" : ""));
            }
        }

        line(out, 0, "keys (" + config.keys().size() + "):");
        for (VirtualKeyConfig k : config.keys()) {
            line(out, 1, k.name() + ": " + Secrets.mask(k.key()) + ", models " + all(k.models())
                    + (k.endpoints().isEmpty() ? "" : ", endpoints " + String.join(", ", k.endpoints()))
                    + (k.project() == null ? "" : ", project " + k.project())
                    + limits(k.limits())
                    + (k.expires() == null ? "" : ", expires " + k.expires())
                    + (k.logBodies() == null ? "" : ", log_bodies " + k.logBodies()));
        }

        if (!config.pricing().isEmpty()) {
            line(out, 0, "pricing overrides (USD per million tokens):");
            for (ModelPrice p : config.pricing().values()) {
                line(out, 1, p.model() + ":" + price("input", p.input()) + price("output", p.output())
                        + price("cache_read", p.cacheRead()) + price("cache_write", p.cacheWrite())
                        + price("reasoning", p.reasoning()));
            }
        }
        return out.toString();
    }

    private static String all(List<String> globs) {
        return globs.isEmpty() ? "(all)" : String.join(", ", globs);
    }

    /** ", limits rpm 600, budget $50/month", or nothing when there are none. */
    private static String limits(TenantLimits l) {
        List<String> parts = new ArrayList<>();
        if (l.rpm() > 0) {
            parts.add("rpm " + l.rpm());
        }
        if (l.tpm() > 0) {
            parts.add("tpm " + l.tpm());
        }
        if (l.concurrency() > 0) {
            parts.add("concurrency " + l.concurrency());
        }
        if (l.maxRequests() > 0) {
            parts.add("max_requests " + l.maxRequests());
        }
        if (l.budget() != null) {
            parts.add("budget $" + l.budget().usd().toPlainString() + "/" + EnumNames.configName(l.budget().period()));
        }
        return parts.isEmpty() ? "" : ", limits " + String.join(", ", parts);
    }

    private static String price(String name, java.math.BigDecimal usd) {
        return usd == null ? "" : " " + name + " $" + usd.toPlainString();
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
