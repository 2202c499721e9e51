package dev.switchboard.pipeline;

import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.tenancy.Lookup;
import dev.switchboard.tenancy.TenantDirectory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Presented secret → principal, through the tenant directory: config keys and stored keys alike are
 * indexed by their SHA-256, so the lookup compares digests, the table in memory holds no key in clear,
 * and no database is asked on the hot path.
 */
public final class Authenticator {
    private final TenantDirectory directory;
    private final boolean devMode;

    public Authenticator(TenantDirectory directory, boolean devMode) {
        this.directory = directory;
        this.devMode = devMode;
    }

    /**
     * @param authorization the {@code Authorization} header
     * @param apiKey        the {@code x-api-key} header (or Gemini's key), when no bearer token is sent
     */
    public Principal authenticate(String authorization, String apiKey) {
        String presented = bearer(authorization);
        if (presented == null && apiKey != null && !apiKey.isBlank()) {
            presented = apiKey.strip();
        }
        if (presented == null) {
            if (devMode) {
                return Principal.DEV;
            }
            throw new GatewayError(ErrorKind.AUTHENTICATION,
                    "missing API key: send your Switchboard virtual key as 'Authorization: Bearer <key>'", null,
                    "missing_api_key");
        }
        return switch (directory.authenticate(presented)) {
            case Lookup.Found found -> Principal.of(found.tenant());
            case Lookup.Refused refused -> throw refused.error();
        };
    }

    private static String bearer(String header) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = h.substring(7).strip();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    /** SHA-256 of a secret, for constant-time comparisons off the hot path (the admin key). */
    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
