package dev.switchboard.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Makes and hashes virtual keys. A key is {@code sk-sb-} followed by 43 base62 characters that carry 32
 * random bytes (256 bits): base62 rather than base64 so that a double click selects the whole key and no
 * character needs escaping in a header, a URL or a shell.
 *
 * <p>Keys are stored and indexed only as SHA-256 hex. A slow hash (bcrypt) would protect weak secrets,
 * but these have 256 bits of entropy, and the directory must hash a presented key on every request.
 */
public final class VirtualKeys {
    public static final String PREFIX = "sk-sb-";
    /** 62^43 > 2^256: 43 characters always hold 32 bytes. */
    static final int RANDOM_CHARS = 43;
    private static final int RANDOM_BYTES = 32;
    private static final int DISPLAY_CHARS = 10;
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final SecureRandom random;
    // MessageDigest.getInstance walks the provider list: too slow to do per request
    private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(VirtualKeys::newDigest);

    public VirtualKeys(SecureRandom random) {
        this.random = random;
    }

    public VirtualKeys() {
        this(new SecureRandom());
    }

    /**
     * A new key. The secret is shown to its owner once; only {@link Generated#hash} and {@link
     * Generated#prefix} are stored.
     */
    public Generated generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String secret = PREFIX + base62(bytes);
        return new Generated(secret, hash(secret), displayPrefix(secret));
    }

    /** @param secret shown once, never logged: {@link #toString()} masks it */
    public record Generated(String secret, String hash, String prefix) {
        @Override
        public String toString() {
            return "Generated[secret=" + prefix + ", hash=" + hash + "]";
        }
    }

    /** SHA-256 hex of the key as presented (UTF-8), the form keys are stored and looked up in. */
    public String hash(String secret) {
        MessageDigest md = sha256.get();
        md.reset();
        return HexFormat.of().formatHex(md.digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The first ten characters and an ellipsis ({@code sk-sb-AbCd…}): enough to tell keys apart in a list,
     * about 24 bits of a 256-bit secret. Short (config file) secrets show only their first quarter.
     */
    public static String displayPrefix(String secret) {
        int shown = Math.min(DISPLAY_CHARS, secret.length() / 4);
        return secret.substring(0, shown) + "…";
    }

    /** Whether the text has the shape of a generated key (used to refuse pasting one into the wrong place). */
    public static boolean isGenerated(String text) {
        if (text == null || text.length() != PREFIX.length() + RANDOM_CHARS || !text.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    /** Fixed-width base62 of an unsigned big-endian number, most significant digit first. */
    static String base62(byte[] bytes) {
        byte[] n = bytes.clone();
        char[] out = new char[RANDOM_CHARS];
        for (int i = out.length - 1; i >= 0; i--) {
            int remainder = 0;
            for (int j = 0; j < n.length; j++) { // long division of n by 62, in place
                int acc = (remainder << 8) | (n[j] & 0xff);
                n[j] = (byte) (acc / 62);
                remainder = acc % 62;
            }
            out[i] = BASE62[remainder];
        }
        return new String(out);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
