package dev.switchboard.tenancy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts provider credentials for the store with AES-256-GCM. A sealed value reads
 * {@code sbenc1:<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>}: the key id names the master key that
 * sealed it, so after a rotation values sealed with the old key still open while it is listed as a
 * previous key, and {@link #needsRotation}/{@link #rotate} move them to the current one.
 *
 * <p>Each value is bound to a context (e.g. {@code provider:openai:key:2}) as associated data: a sealed
 * value copied into another row does not open there. Nonces are 96 random bits per value; at the handful
 * of credentials a gateway holds, collisions are not a concern.
 *
 * <p>Rotation: set {@code SWITCHBOARD_MASTER_KEY} to the new key and {@code SWITCHBOARD_MASTER_KEY_PREVIOUS}
 * to the old one(s), comma-separated; re-seal every value ({@link #rotate}); then drop the previous keys.
 */
public final class CredentialCipher {
    public static final String ENV = "SWITCHBOARD_MASTER_KEY";
    public static final String ENV_PREVIOUS = "SWITCHBOARD_MASTER_KEY_PREVIOUS";
    private static final String FORMAT = "sbenc1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Lower-case words and dashes only ({@code sk-}, {@code sk-ant-}): a dash in random text shows nothing. */
    private static final Pattern VENDOR_PREFIX = Pattern.compile("(?:[a-z]{2,4}-){1,2}");

    private final MasterKey current;
    private final Map<String, MasterKey> byId = new LinkedHashMap<>();
    private final SecureRandom random;

    public CredentialCipher(MasterKey current, List<MasterKey> previous, SecureRandom random) {
        this.current = current;
        this.random = random;
        byId.put(current.id(), current);
        previous.forEach(k -> byId.putIfAbsent(k.id(), k));
    }

    /**
     * From {@value #ENV} (and {@value #ENV_PREVIOUS}); empty when no master key is set, in which case
     * credentials cannot be managed through the admin API.
     *
     * @throws IllegalArgumentException when a key is set but unusable (naming the variable, never the value)
     */
    public static Optional<CredentialCipher> fromEnvironment(Map<String, String> env) {
        String text = env.get(ENV);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        MasterKey current = parse(ENV, text);
        List<MasterKey> previous = new ArrayList<>();
        String old = env.get(ENV_PREVIOUS);
        if (old != null) {
            for (String part : old.split(",")) {
                if (!part.isBlank()) {
                    previous.add(parse(ENV_PREVIOUS, part));
                }
            }
        }
        return Optional.of(new CredentialCipher(current, previous, new SecureRandom()));
    }

    private static MasterKey parse(String variable, String text) {
        try {
            return MasterKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + ": " + e.getMessage(), e);
        }
    }

    public String currentKeyId() {
        return current.id();
    }

    /** @param context what the value belongs to; the same context must be given to {@link #decrypt} */
    public String encrypt(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, current.key(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(current.id(), context));
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return FORMAT + ":" + current.id() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** @throws CredentialException when the value was altered, sealed for another context or with an unknown key */
    public String decrypt(String sealed, String context) {
        Parts p = parts(sealed);
        MasterKey key = byId.get(p.keyId());
        if (key == null) {
            throw new CredentialException("credential was sealed with master key " + p.keyId()
                    + ", which is not configured (set it in " + ENV_PREVIOUS + " to read it)");
        }
        if (p.body().length < NONCE_BYTES + TAG_BITS / 8) {
            throw new CredentialException("credential is truncated");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, p.body(), 0, NONCE_BYTES));
            c.updateAAD(aad(key.id(), context));
            byte[] plain = c.doFinal(p.body(), NONCE_BYTES, p.body().length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new CredentialException("credential does not verify: altered, or sealed for another context");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Whether the value was sealed with a key other than the current one. */
    public boolean needsRotation(String sealed) {
        return !parts(sealed).keyId().equals(current.id());
    }

    /** The value sealed anew with the current key (unchanged in meaning; a fresh nonce either way). */
    public String rotate(String sealed, String context) {
        return encrypt(decrypt(sealed, context), context);
    }

    /**
     * A credential for display: its vendor prefix ({@code sk-ant-}, {@code sk-proj-}) and last four
     * characters, {@code sk-ant-…WXYZ}; secrets under 20 characters show nothing but {@code ****}.
     */
    public static String mask(String plaintext) {
        if (plaintext == null || plaintext.length() < 20) {
            return "****";
        }
        Matcher m = VENDOR_PREFIX.matcher(plaintext);
        return (m.lookingAt() ? m.group() : "") + "…" + plaintext.substring(plaintext.length() - 4);
    }

    private record Parts(String keyId, byte[] body) {}

    private static Parts parts(String sealed) {
        String[] f = sealed == null ? new String[0] : sealed.split(":", -1);
        if (f.length != 3 || !f[0].equals(FORMAT)) {
            throw new CredentialException("not a sealed credential (expected " + FORMAT + ":<key id>:<data>)");
        }
        try {
            return new Parts(f[1], Base64.getUrlDecoder().decode(f[2]));
        } catch (IllegalArgumentException e) {
            throw new CredentialException("sealed credential is not valid base64url");
        }
    }

    private static byte[] aad(String keyId, String context) {
        return (FORMAT + ":" + keyId + ":" + context).getBytes(StandardCharsets.UTF_8);
    }

    /** A sealed value that cannot be opened; the message never contains the value or the plaintext. */
    public static final class CredentialException extends RuntimeException {
        CredentialException(String message) {
            super(message, null, false, false);
        }
    }
}
