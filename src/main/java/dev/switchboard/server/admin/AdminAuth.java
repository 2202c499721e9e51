package dev.switchboard.server.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;

/**
 * {@code Authorization: Bearer <server.admin_key>}. Both sides are hashed before comparing so that
 * {@link MessageDigest#isEqual} compares equal-length digests in constant time: neither the key's length
 * nor a matching prefix shows in the timing.
 */
final class AdminAuth {
    private final Supplier<String> adminKey;

    AdminAuth(Supplier<String> adminKey) {
        this.adminKey = adminKey;
    }

    /** Null when the call may proceed, else why not (404 while the API is disabled, 401 for a wrong key). */
    AdminProblem check(String authorization) {
        String expected = adminKey.get();
        if (expected == null || expected.isEmpty()) {
            return new AdminProblem(404, "not_found_error",
                    "admin API disabled: set server.admin_key in the config to enable it", null);
        }
        String presented = bearer(authorization);
        if (presented == null) {
            return new AdminProblem(401, "authentication_error",
                    "admin key required: send 'Authorization: Bearer <server.admin_key>'", null);
        }
        if (!MessageDigest.isEqual(sha256(expected), sha256(presented))) {
            return new AdminProblem(401, "authentication_error", "invalid admin key", null);
        }
        return null;
    }

    private static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
