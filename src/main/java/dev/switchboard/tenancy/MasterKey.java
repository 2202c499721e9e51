package dev.switchboard.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit AES key for {@link CredentialCipher}, with a short id that names it inside every ciphertext.
 *
 * <p>{@link #parse} takes what {@code SWITCHBOARD_MASTER_KEY} holds: base64 (standard or URL-safe) of
 * exactly 32 bytes ({@code openssl rand -base64 32}) is the key itself; anything else is a passphrase of
 * at least {@value #MIN_PASSPHRASE} characters, stretched with PBKDF2-HMAC-SHA256 ({@value #ITERATIONS}
 * iterations, the OWASP 2023 figure). The salt is fixed because every instance must derive the same key
 * from the same passphrase with nothing else shared; a random key is therefore the better choice, and the
 * passphrase form exists for operators whose secret store holds only text they typed.
 *
 * @param id 8 characters derived from the key (HMAC, so it reveals nothing about it)
 */
public record MasterKey(String id, SecretKey key) {
    static final int MIN_PASSPHRASE = 16;
    static final int ITERATIONS = 600_000;
    private static final byte[] SALT = "switchboard/master-key/v1".getBytes(StandardCharsets.UTF_8);
    private static final int KEY_BYTES = 32;

    public static MasterKey of(byte[] raw) {
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("a master key is 32 bytes, got " + raw.length);
        }
        SecretKey key = new SecretKeySpec(raw, "AES");
        return new MasterKey(idOf(key), key);
    }

    /** @throws IllegalArgumentException for a passphrase too short to be safe; the message never quotes it */
    public static MasterKey parse(String text) {
        String t = text.strip();
        byte[] raw = decodeBase64(t);
        if (raw != null && raw.length == KEY_BYTES) {
            return of(raw);
        }
        if (t.length() < MIN_PASSPHRASE) {
            throw new IllegalArgumentException("master key is neither base64 of 32 bytes nor a passphrase of at least "
                    + MIN_PASSPHRASE + " characters (generate one with: openssl rand -base64 32)");
        }
        return of(derive(t, ITERATIONS));
    }

    /** @param iterations {@link #ITERATIONS}; fewer only in tests, where each derivation costs seconds */
    static byte[] derive(String passphrase, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(passphrase.toCharArray(), SALT, iterations, KEY_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] decodeBase64(String t) {
        try {
            return (t.indexOf('-') >= 0 || t.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String idOf(SecretKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] tag = mac.doFinal("switchboard key id".getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(tag, 6));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[id=" + id + "]";
    }
}
