package dev.switchboard.resilience;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names a provider key where other instances must recognise it but nobody may learn it: the first 128
 * bits of SHA-256 over a fixed label and the key, in hex. Provider keys are long random strings, so the
 * hash cannot be walked back; the label keeps these ids apart from any other hash of the same key.
 * Instances that share health (see {@link SharedHealth}) compute the same id for the same key.
 */
public final class KeyFingerprint {
    private static final byte[] LABEL = "switchboard/provider-key/v1\0".getBytes(StandardCharsets.UTF_8);
    private static final int BYTES = 16;

    private KeyFingerprint() {
    }

    public static String of(String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(LABEL);
            byte[] digest = sha.digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
