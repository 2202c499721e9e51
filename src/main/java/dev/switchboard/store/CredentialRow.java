package dev.switchboard.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An upstream provider key, encrypted by the caller (AES-GCM) before it gets here.
 *
 * @param keyVersion which master key encrypted it, so rotation can find what to re-encrypt
 * @param maskedHint what may be shown, e.g. {@code sk-…cdef}
 */
public record CredentialRow(
        String id, String provider, String name, byte[] ciphertext, int keyVersion, String maskedHint,
        Instant createdAt) {

    public CredentialRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(name, "name");
        ciphertext = ciphertext.clone();
        Objects.requireNonNull(maskedHint, "maskedHint");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CredentialRow c && id.equals(c.id) && provider.equals(c.provider) && name.equals(c.name)
                && java.util.Arrays.equals(ciphertext, c.ciphertext) && keyVersion == c.keyVersion
                && maskedHint.equals(c.maskedHint) && createdAt.equals(c.createdAt);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "CredentialRow[id=" + id + ", provider=" + provider + ", name=" + name + ", key=" + maskedHint
                + ", keyVersion=" + keyVersion + "]";
    }
}
