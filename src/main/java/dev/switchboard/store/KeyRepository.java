package dev.switchboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Virtual keys: create, look up by hash, list, change, revoke, rotate, and record last use. */
public final class KeyRepository {
    private static final String COLUMNS = "id, name, project_id, key_hash, prefix, expires_at, revoked_at, "
            + "allowed_models, allowed_endpoints, " + PolicyColumns.NAMES
            + ", log_bodies, last_used_at, created_at, updated_at";

    private final Jdbc jdbc;

    KeyRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a new key; fails with {@link StoreException} when the id or hash exists. */
    public void insert(KeyRow k) {
        List<Object> values = new ArrayList<>(java.util.Arrays.asList(k.id(), k.name(), k.projectId(), k.keyHash(),
                k.prefix(), k.expiresAt(), k.revokedAt(), StringLists.encode(k.allowedModels()),
                StringLists.encode(k.allowedEndpoints())));
        values.addAll(PolicyColumns.values(k.limits(), k.budget()));
        values.addAll(java.util.Arrays.asList(k.logBodies(), k.lastUsedAt(), k.createdAt(), k.updatedAt()));
        jdbc.update("INSERT INTO virtual_keys (" + COLUMNS + ") VALUES (" + "?, ".repeat(18) + "?)", values.toArray());
    }

    /**
     * Replaces the settings of key {@code k.id()}: name, project, expiry, allowed models and endpoints,
     * limits, budget, body logging. Hash, revocation and last use change only through their own methods.
     */
    public boolean update(KeyRow k) {
        List<Object> values = new ArrayList<>(java.util.Arrays.asList(k.name(), k.projectId(), k.expiresAt(),
                StringLists.encode(k.allowedModels()), StringLists.encode(k.allowedEndpoints())));
        values.addAll(PolicyColumns.values(k.limits(), k.budget()));
        values.addAll(java.util.Arrays.asList(k.logBodies(), k.updatedAt(), k.id()));
        return jdbc.update("UPDATE virtual_keys SET name = ?, project_id = ?, expires_at = ?, allowed_models = ?, "
                + "allowed_endpoints = ?, " + PolicyColumns.ASSIGN + ", log_bodies = ?, updated_at = ? WHERE id = ?",
                values.toArray()) == 1;
    }

    public Optional<KeyRow> find(String id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM virtual_keys WHERE id = ?", List.of(id), KeyRepository::row);
    }

    /** The key whose secret hashes to {@code keyHash} (SHA-256 hex), revoked or not. */
    public Optional<KeyRow> findByHash(String keyHash) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM virtual_keys WHERE key_hash = ?", List.of(keyHash),
                KeyRepository::row);
    }

    /** Keys ordered by creation, optionally of one project and without revoked ones. */
    public Slice<KeyRow> list(String projectId, boolean includeRevoked, Page page) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM virtual_keys WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (projectId != null) {
            sql.append(" AND project_id = ?");
            params.add(projectId);
        }
        if (!includeRevoked) {
            sql.append(" AND revoked_at IS NULL");
        }
        sql.append(" ORDER BY created_at, id LIMIT ? OFFSET ?");
        params.add(page.limit() + 1);
        params.add(page.offset());
        return Slice.of(jdbc.query(sql.toString(), params, KeyRepository::row), page);
    }

    /** Every key changed at or after {@code since} (all keys when null): the tenant cache's refresh. */
    public List<KeyRow> changedSince(Instant since) {
        return jdbc.query("SELECT " + COLUMNS + " FROM virtual_keys WHERE updated_at >= ? ORDER BY updated_at, id",
                List.of(since == null ? Instant.EPOCH : since), KeyRepository::row);
    }

    /** Marks the key revoked at {@code at}; false when it does not exist or was already revoked. */
    public boolean revoke(String id, Instant at) {
        return jdbc.update("UPDATE virtual_keys SET revoked_at = ?, updated_at = ? WHERE id = ? AND revoked_at IS NULL",
                at, at, id) == 1;
    }

    /** Gives the key a new secret (hash and prefix); the old secret stops working at once. */
    public boolean rotate(String id, String newHash, String newPrefix, Instant at) {
        return jdbc.update("UPDATE virtual_keys SET key_hash = ?, prefix = ?, updated_at = ? WHERE id = ?",
                newHash, newPrefix, at, id) == 1;
    }

    /**
     * Records last use of many keys in one transaction (callers batch this off the hot path). Never
     * moves last_used_at backwards and does not bump updated_at, so it causes no cache refresh.
     */
    public void touchLastUsed(Map<String, Instant> lastUseById) {
        if (lastUseById.isEmpty()) {
            return;
        }
        jdbc.inTransaction((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE virtual_keys SET last_used_at = ? "
                    + "WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")) {
                for (Map.Entry<String, Instant> e : lastUseById.entrySet()) {
                    Jdbc.bind(ps, List.of(e.getValue(), e.getKey(), e.getValue()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    public boolean delete(String id) {
        return jdbc.update("DELETE FROM virtual_keys WHERE id = ?", id) == 1;
    }

    private static KeyRow row(ResultSet rs) throws SQLException {
        return new KeyRow(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("project_id"),
                rs.getString("key_hash"),
                rs.getString("prefix"),
                Rows.instantOrNull(rs, "expires_at"),
                Rows.instantOrNull(rs, "revoked_at"),
                StringLists.decode(rs.getString("allowed_models")),
                StringLists.decode(rs.getString("allowed_endpoints")),
                PolicyColumns.limits(rs),
                PolicyColumns.budget(rs),
                Rows.boolOrNull(rs, "log_bodies"),
                Rows.instantOrNull(rs, "last_used_at"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"));
    }
}
