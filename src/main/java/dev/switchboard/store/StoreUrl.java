package dev.switchboard.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the store lives, parsed from the config's {@code store:} string.
 *
 * <ul>
 *   <li>{@code sqlite:./data/switchboard.db} (or {@code sqlite:/abs/path.db}) — an embedded file</li>
 *   <li>{@code postgresql://user:password@host:5432/db?sslmode=require} (also {@code postgres://}; several
 *       {@code host:port} pairs separated by commas) — user and password may be percent-encoded; the
 *       query string is handed to the PostgreSQL driver as it is</li>
 * </ul>
 *
 * {@link #toString()} never shows the password.
 */
public record StoreUrl(Dialect dialect, String jdbcUrl, Path sqliteFile, String user, String password) {

    public static StoreUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("store URL is empty");
        }
        String trimmed = url.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sqlite:")) {
            String file = trimmed.substring("sqlite:".length());
            if (file.startsWith("//")) {
                file = file.substring(2);
            }
            if (file.isBlank() || file.startsWith(":memory:")) {
                throw new IllegalArgumentException("store URL needs a file: sqlite:./data/switchboard.db");
            }
            Path path = Path.of(file);
            return new StoreUrl(Dialect.SQLITE, "jdbc:sqlite:" + path, path, null, null);
        }
        for (String scheme : new String[] {"postgresql://", "postgres://"}) {
            if (lower.startsWith(scheme)) {
                return postgres(trimmed.substring(scheme.length()));
            }
        }
        throw new IllegalArgumentException("store URL must start with sqlite: or postgresql:// (got scheme of '"
                + redactedForError(trimmed) + "')");
    }

    private static StoreUrl postgres(String rest) {
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String pathAndQuery = slash < 0 ? "" : rest.substring(slash);
        int at = authority.lastIndexOf('@');
        String user = null;
        String password = null;
        String hosts = authority;
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            hosts = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        if (hosts.isBlank()) {
            throw new IllegalArgumentException("store URL has no host: postgresql://user@host:5432/db");
        }
        String db = pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery;
        if (db.isBlank() || db.startsWith("?")) {
            throw new IllegalArgumentException("store URL has no database name: postgresql://user@host:5432/db");
        }
        return new StoreUrl(Dialect.POSTGRESQL, "jdbc:postgresql://" + hosts + "/" + db, null,
                user == null || user.isEmpty() ? null : user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String redactedForError(String url) {
        int colon = url.indexOf(':');
        return colon < 0 ? "?" : url.substring(0, colon);
    }

    @Override
    public String toString() {
        return dialect == Dialect.SQLITE
                ? "sqlite:" + sqliteFile
                : jdbcUrl.replaceFirst("^jdbc:", "").replaceAll("(?i)(password=)[^&]*", "$1****") + (user == null ? "" : " (user " + user
                        + (password == null ? "" : ", password ****") + ")");
    }
}
