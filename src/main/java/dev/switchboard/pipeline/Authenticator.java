package dev.switchboard.pipeline;

import dev.switchboard.config.VirtualKeyConfig;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Virtual key → principal. Keys are indexed by their SHA-256 so that the lookup compares digests,
 * never the secret itself, and so that the table in memory holds no key in clear.
 */
public final class Authenticator {
    private final Map<String, Principal> byDigest = new HashMap<>();
    private final boolean devMode;
    // MessageDigest.getInstance walks the provider list: too slow to do per request
    private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(Authenticator::newDigest);

    public Authenticator(List<VirtualKeyConfig> keys, boolean devMode) {
        for (VirtualKeyConfig k : keys) {
            byDigest.put(digest(newDigest(), k.key()), new Principal(k.name(), k.models()));
        }
        this.devMode = devMode;
    }

    /**
     * @param authorization the {@code Authorization} header
     * @param apiKey        the {@code x-api-key} header
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
        Principal p = byDigest.get(digest(sha256.get(), presented));
        if (p == null) {
            throw new GatewayError(ErrorKind.AUTHENTICATION, "invalid API key", null, "invalid_api_key");
        }
        return p;
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

    static String digest(MessageDigest md, String key) {
        md.reset();
        return HexFormat.of().formatHex(md.digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** SHA-256 of a secret, for constant-time comparisons off the hot path (the admin key). */
    static byte[] sha256(String secret) {
        return newDigest().digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
