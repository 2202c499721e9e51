package dev.switchboard.config;

import dev.switchboard.model.Timeouts;
import dev.switchboard.model.WireFormat;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** One entry of {@code providers:} → {@link ProviderConfig}. */
final class ProviderBinder {
    /** Names appear in model references ({@code claude/…}), metrics labels and URLs: keep them plain. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** Headers the transport owns; letting config set them would break framing or routing. */
    private static final Set<String> RESERVED_HEADERS =
            Set.of("host", "content-length", "transfer-encoding", "connection", "upgrade", "te", "trailer");

    private ProviderBinder() {}

    /** @return the provider, or null when it has problems (all of them reported) */
    static ProviderConfig bind(Binding b, YamlNode.Entry entry, DefaultsConfig defaults) {
        String name = entry.key();
        String path = ConfigPath.child("providers", name);
        int problemsBefore = b.problems.size();
        if (!NAME.matcher(name).matches()) {
            b.problem(path, entry.keyLine(), "invalid provider name '" + name
                    + "': use lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Fields f = b.fields(entry.value(), path, entry.keyLine(),
                "format", "kind", "base_url", "keys", "key", "allow_private", "timeouts", "models", "headers",
                "max_concurrent", "resilience");
        if (f == null) {
            return null;
        }
        WireFormat format = orElse(f.choice("format", WireFormat.class), WireFormat.OPENAI);
        ProviderKind kind = f.choice("kind", ProviderKind.class);
        boolean kindUnknown = kind == null && f.has("kind"); // already reported; base_url rules depend on it
        kind = orElse(kind, ProviderKind.HTTP);
        boolean allowPrivate = orElse(f.bool("allow_private"), false);
        URI baseUrl = kindUnknown ? null : baseUrl(b, f, kind, allowPrivate);
        List<String> keys = keys(b, f);
        Timeouts timeouts = TimeoutsBinder.bind(b, f.entry("timeouts"), f.path("timeouts"), defaults.timeouts());
        List<String> models = orElse(f.strings("models"), List.of());
        Map<String, String> headers = headers(b, f);
        int maxConcurrent = orElse(f.integer("max_concurrent", 1, 1_000_000), 0);
        ResilienceBinder.Bound bound = ResilienceBinder.bind(b, f.entry("resilience"), f.path("resilience"), false);
        ResilienceConfig resilience = defaults.resilience().apply(bound.override());
        ResilienceBinder.check(b, bound, resilience, "");
        if (b.problems.size() > problemsBefore) {
            return null;
        }
        return new ProviderConfig(name, format, kind, baseUrl, keys, allowPrivate, timeouts, models, headers, maxConcurrent, resilience);
    }

    private static URI baseUrl(Binding b, Fields f, ProviderKind kind, boolean allowPrivate) {
        if (kind == ProviderKind.MOCK) {
            if (f.has("base_url")) {
                // A mock never calls out; a URL here means the author expects calls that will not happen.
                b.problem(f.path("base_url"), f.lineOf("base_url"), "kind mock does not use base_url; remove it");
            }
            return null;
        }
        Binding.Text t = f.text("base_url");
        if (t == null) {
            if (!f.has("base_url")) {
                b.problem(f.path("base_url"), f.lineOf("base_url"),
                        "missing: kind " + EnumNames.configName(kind) + " needs base_url");
            }
            return null;
        }
        String text = t.value().strip();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1); // paths are appended as "/chat/completions"
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            b.problem(t.path(), t.line(), "not a valid URL: " + e.getReason());
            return null;
        }
        var refusal = BaseUrlPolicy.check(uri, allowPrivate, b.resolver);
        if (refusal.isPresent()) {
            b.problem(t.path(), t.line(), refusal.get());
            return null;
        }
        return uri;
    }

    /** {@code keys: [..]} or a single {@code key:}, not both. */
    private static List<String> keys(Binding b, Fields f) {
        List<String> keys = new ArrayList<>();
        if (f.has("key") && f.has("keys")) {
            b.problem(f.path("key"), f.lineOf("key"), "use either key or keys, not both");
            return keys;
        }
        String field = f.written("key") ? "key" : "keys";
        if (!f.written(field)) {
            return keys; // no keys at all is fine: local servers and mocks need none
        }
        YamlNode.Entry e = f.entry(field);
        if (e == null) {
            // "keys:" with nothing after it: almost always a placeholder someone forgot to fill in.
            b.problem(f.path(field), f.lineOf(field), "empty; give a key or remove the field");
            return keys;
        }
        List<Binding.Item> items = b.items(e.value(), f.path(field), field.equals("key"));
        if (items == null) {
            return keys;
        }
        for (Binding.Item item : items) {
            String key = secret(b, item);
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** A provider key: present, non-empty, header-safe. Its value never appears in a message. */
    private static String secret(Binding b, Binding.Item item) {
        if (YamlNode.isNull(item.node())) {
            b.problem(item.path(), item.node().line(), "empty");
            return null;
        }
        Binding.Text t = b.text(item.node(), item.path());
        if (t == null) {
            return null;
        }
        return Secrecy.checked(b, t);
    }

    private static Map<String, String> headers(Binding b, Fields f) {
        Map<String, String> headers = new LinkedHashMap<>();
        YamlNode.Entry e = f.entry("headers");
        if (e == null) {
            return headers;
        }
        if (!(e.value() instanceof YamlNode.Mapping m)) {
            b.problem(f.path("headers"), e.keyLine(), "expected a mapping of header names to values, got " + e.value().kind());
            return headers;
        }
        for (YamlNode.Entry h : m.entries().values()) {
            String path = ConfigPath.child(f.path("headers"), h.key());
            if (!HEADER_NAME.matcher(h.key()).matches()) {
                b.problem(path, h.keyLine(), "not a valid header name");
                continue;
            }
            if (RESERVED_HEADERS.contains(h.key().toLowerCase(Locale.ROOT))) {
                b.problem(path, h.keyLine(), "header " + h.key() + " is set by the gateway and cannot be configured");
                continue;
            }
            Binding.Text t = YamlNode.isNull(h.value()) ? null : b.text(h.value(), path);
            if (t == null) {
                if (YamlNode.isNull(h.value())) {
                    b.problem(path, h.keyLine(), "missing value");
                }
                continue;
            }
            if (t.value().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                b.problem(path, t.line(), "value contains a line break or NUL (header injection)");
                continue;
            }
            headers.put(h.key(), t.value());
        }
        return headers;
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
