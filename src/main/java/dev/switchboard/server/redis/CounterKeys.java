package dev.switchboard.server.redis;

import dev.switchboard.tenancy.BudgetPeriod;
import dev.switchboard.tenancy.LimitKind;
import dev.switchboard.tenancy.Scope;
import dev.switchboard.tenancy.Tenant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * Redis key names of one tenant's counters: {@code <prefix>{<group>}:<scope>:<counter>}. The hash tag
 * {@code {<group>}} (the project, else the key) puts a key's and its project's counters in one Redis
 * Cluster slot, as one script touching all of them requires. Ids are URL-encoded so that a brace or colon
 * in an id cannot change the tag or run into another counter's name.
 */
final class CounterKeys {
    private final String base;

    CounterKeys(String prefix, Tenant tenant) {
        this.base = prefix + "{" + encode(tenant.counterGroup()) + "}:";
    }

    String window(Scope s, LimitKind kind, long minute) {
        return scope(s) + kind.label() + ":" + minute;
    }

    String concurrency(Scope s) {
        return scope(s) + "inflight";
    }

    String total(Scope s) {
        return scope(s) + "requests";
    }

    String spend(Scope s, BudgetPeriod period, Instant periodStart) {
        return scope(s) + "spend:" + period.name().toLowerCase(Locale.ROOT) + ":" + periodStart.getEpochSecond();
    }

    private String scope(Scope s) {
        return base + encode(s.counterId()) + ":";
    }

    /**
     * What {@link URLEncoder} gives, without its cost for the usual ids: letters, digits, {@code -_.} and
     * the colon of scope ids ({@code k:<id>}); anything else takes the encoder.
     */
    static String encode(String id) {
        StringBuilder out = null;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == ':') {
                if (out == null) {
                    out = new StringBuilder(id.length() + 4).append(id, 0, i);
                }
                out.append("%3A");
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.') {
                if (out != null) {
                    out.append(c);
                }
            } else {
                return URLEncoder.encode(id, StandardCharsets.UTF_8);
            }
        }
        return out == null ? id : out.toString();
    }
}
