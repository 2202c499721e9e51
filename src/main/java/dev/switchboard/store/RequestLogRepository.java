package dev.switchboard.store;

import java.util.List;
import java.util.Optional;

/**
 * The request log: metadata of every request (its usage row) and, where body logging was on, its
 * capped and redacted bodies. Rows are written by {@link UsageRepository#insertAll} with the usage rows.
 */
public final class RequestLogRepository {
    private final Jdbc jdbc;

    RequestLogRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first, filtered like usage queries. */
    public Slice<RequestLogEntry> list(UsageFilter filter, Page page) {
        Where where = filter.where();
        String columns = UsageRepository.COLUMNS.replaceAll("(\\w+)", "u.$1");
        return Slice.of(jdbc.query("SELECT " + columns + ", CASE WHEN b.request_id IS NULL THEN 0 ELSE 1 END AS has_bodies"
                + " FROM usage_records u LEFT JOIN request_log b ON b.request_id = u.request_id" + where.sql()
                + " ORDER BY u.ts DESC, u.request_id DESC LIMIT ? OFFSET ?", where.params(page),
                rs -> new RequestLogEntry(UsageRepository.row(rs), rs.getInt("has_bodies") == 1)), page);
    }

    /** The bodies of one request, when they were kept. */
    public Optional<RequestLogRow> bodies(String requestId) {
        return jdbc.queryOne("SELECT request_id, ts, key_id, project_id, request_body, response_body, truncated "
                + "FROM request_log WHERE request_id = ?", List.of(requestId),
                rs -> new RequestLogRow(rs.getString("request_id"), Rows.instant(rs, "ts"), rs.getString("key_id"),
                        rs.getString("project_id"), rs.getString("request_body"), rs.getString("response_body"),
                        rs.getBoolean("truncated")));
    }

    /** Deletes bodies older than {@code before} (retention); metadata stays. Returns how many went. */
    public int purgeBodiesBefore(java.time.Instant before) {
        return jdbc.update("DELETE FROM request_log WHERE ts < ?", before);
    }
}
