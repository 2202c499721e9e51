package dev.switchboard.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/** The append-only audit log of admin changes. */
public final class AuditRepository {
    private final Jdbc jdbc;

    AuditRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends an entry and returns it with its id. */
    public AuditEntry append(AuditEntry e) {
        long id = jdbc.inTransaction(c -> Jdbc.query(c, "INSERT INTO audit_log (ts, actor, action, target_type, "
                + "target_id, detail) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                Arrays.asList(e.ts(), e.actor(), e.action(), e.targetType(), e.targetId(), e.detail()),
                rs -> rs.getLong(1)).getFirst());
        return new AuditEntry(id, e.ts(), e.actor(), e.action(), e.targetType(), e.targetId(), e.detail());
    }

    /** Newest first. */
    public Slice<AuditEntry> list(AuditFilter filter, Page page) {
        Where where = filter.where();
        return Slice.of(jdbc.query("SELECT id, ts, actor, action, target_type, target_id, detail FROM audit_log"
                + where.sql() + " ORDER BY ts DESC, id DESC LIMIT ? OFFSET ?", where.params(page),
                AuditRepository::row), page);
    }

    private static AuditEntry row(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("id"), Rows.instant(rs, "ts"), rs.getString("actor"), rs.getString("action"),
                rs.getString("target_type"), rs.getString("target_id"), rs.getString("detail"));
    }
}
