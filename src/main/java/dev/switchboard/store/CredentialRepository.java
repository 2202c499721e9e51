package dev.switchboard.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Encrypted provider credentials. Decryption and masking belong to the caller, which holds the master key. */
public final class CredentialRepository {
    private static final String COLUMNS = "id, provider, name, ciphertext, key_version, masked_hint, created_at";

    private final Jdbc jdbc;

    CredentialRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts; fails with {@link StoreException} when the id or (provider, name) exists. */
    public void insert(CredentialRow c) {
        jdbc.update("INSERT INTO credentials (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", c.id(), c.provider(),
                c.name(), c.ciphertext(), c.keyVersion(), c.maskedHint(), c.createdAt());
    }

    public Optional<CredentialRow> find(String id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM credentials WHERE id = ?", List.of(id),
                CredentialRepository::row);
    }

    /** All credentials, optionally of one provider, ordered by provider and name. */
    public List<CredentialRow> list(String provider) {
        return provider == null
                ? jdbc.query("SELECT " + COLUMNS + " FROM credentials ORDER BY provider, name", List.of(),
                        CredentialRepository::row)
                : jdbc.query("SELECT " + COLUMNS + " FROM credentials WHERE provider = ? ORDER BY provider, name",
                        List.of(provider), CredentialRepository::row);
    }

    /** Credentials still encrypted under an older master key version than {@code current}. */
    public List<CredentialRow> encryptedBefore(int current) {
        return jdbc.query("SELECT " + COLUMNS + " FROM credentials WHERE key_version < ? ORDER BY id",
                List.of(current), CredentialRepository::row);
    }

    /** Stores a re-encrypted secret (master key rotation); the hint stays. */
    public boolean reencrypt(String id, byte[] ciphertext, int keyVersion) {
        return jdbc.update("UPDATE credentials SET ciphertext = ?, key_version = ? WHERE id = ?", ciphertext,
                keyVersion, id) == 1;
    }

    public boolean delete(String id) {
        return jdbc.update("DELETE FROM credentials WHERE id = ?", id) == 1;
    }

    private static CredentialRow row(ResultSet rs) throws SQLException {
        return new CredentialRow(rs.getString("id"), rs.getString("provider"), rs.getString("name"),
                rs.getBytes("ciphertext"), rs.getInt("key_version"), rs.getString("masked_hint"),
                Rows.instant(rs, "created_at"));
    }
}
