package dev.switchboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Usage rows: idempotent batch inserts and the grouped queries behind the admin API, CLI and budgets. */
public final class UsageRepository {
    static final String COLUMNS = "request_id, client_request_id, ts, key_id, key_name, project_id, provider, model, "
            + "requested_model, endpoint, status, error_kind, stream, input_tokens, output_tokens, cache_read_tokens, "
            + "cache_write_tokens, reasoning_tokens, estimated, cost_nanos, latency_ms, ttfb_ms, attempts, client_format";
    private static final String INSERT_USAGE = "INSERT INTO usage_records (" + COLUMNS + ") VALUES ("
            + "?, ".repeat(COLUMNS.split(",").length - 1) + "?) ON CONFLICT (request_id) DO NOTHING";
    private static final String INSERT_BODIES = "INSERT INTO request_log (request_id, ts, key_id, project_id, "
            + "request_body, response_body, truncated) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING";

    private final Jdbc jdbc;

    UsageRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts rows and bodies in one transaction. A request id already stored is skipped, so replaying a
     * batch after an unclear failure never counts a request twice. The request id is the gateway's own,
     * unique per request; a client's {@code X-Request-ID} is only stored beside it, since two requests
     * that share one are still two requests.
     *
     * @return how many usage rows were new
     */
    public int insertAll(List<UsageRow> rows, List<RequestLogRow> bodies) {
        if (rows.isEmpty() && bodies.isEmpty()) {
            return 0;
        }
        return jdbc.inTransaction(c -> {
            int inserted = batch(c, INSERT_USAGE, rows.stream().map(UsageRepository::values).toList());
            batch(c, INSERT_BODIES, bodies.stream().map(b -> Arrays.<Object>asList(b.requestId(), b.ts(), b.keyId(),
                    b.projectId(), b.requestBody(), b.responseBody(), b.truncated())).toList());
            return inserted;
        });
    }

    private static int batch(Connection c, String sql, List<List<Object>> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (List<Object> row : rows) {
                Jdbc.bind(ps, row);
                ps.addBatch();
            }
            int inserted = 0;
            for (int n : ps.executeBatch()) {
                inserted += Math.max(0, n);
            }
            return inserted;
        }
    }

    private static List<Object> values(UsageRow r) {
        return Arrays.asList(r.requestId(), r.clientRequestId(), r.ts(), r.keyId(), r.keyName(), r.projectId(),
                r.provider(), r.model(), r.requestedModel(), r.endpoint(), r.status(), r.errorKind(), r.stream(),
                r.inputTokens(), r.outputTokens(), r.cacheReadTokens(), r.cacheWriteTokens(), r.reasoningTokens(),
                r.estimated(), r.costNanos(), r.latencyMs(), r.ttfbMs(), r.attempts(), r.clientFormat());
    }

    /** The row of the request with the gateway's id {@code requestId}. */
    public Optional<UsageRow> find(String requestId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM usage_records WHERE request_id = ?", List.of(requestId),
                UsageRepository::row);
    }

    /** The rows of every request that carried the client's {@code X-Request-ID} (maybe several), oldest first. */
    public List<UsageRow> findByClientRequestId(String clientRequestId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM usage_records WHERE client_request_id = ?"
                + " ORDER BY ts, request_id", List.of(clientRequestId), UsageRepository::row);
    }

    /** Sums over every row the filter matches (e.g. one key's spend since the start of its budget period). */
    public UsageTotals totals(UsageFilter filter) {
        Where where = filter.where();
        return jdbc.queryOne("SELECT " + UsageTotals.SELECT + " FROM usage_records u" + where.sql(),
                where.params(null), UsageTotals::read).orElseThrow();
    }

    /**
     * Sums per group. Days come in calendar order; other groups by cost (highest first), then by value.
     */
    public Slice<UsageGroup> grouped(GroupBy by, UsageFilter filter, Page page) {
        Dialect d = jdbc.dialect();
        Where where = filter.where();
        String join = by == GroupBy.PROJECT ? " LEFT JOIN projects p ON p.id = u.project_id" : "";
        String order = by == GroupBy.DAY ? "grp" : "cost_nanos DESC, grp";
        String sql = "SELECT " + by.expression(d) + " AS grp, " + by.label(d) + " AS label, " + UsageTotals.SELECT
                + " FROM usage_records u" + join + where.sql() + " GROUP BY " + by.expression(d)
                + " ORDER BY " + order + " LIMIT ? OFFSET ?";
        return Slice.of(jdbc.query(sql, where.params(page), rs -> {
            String group = rs.getString("grp");
            String label = rs.getString("label");
            return new UsageGroup(by, group, label == null ? group : label, UsageTotals.read(rs));
        }), page);
    }

    /** Single rows, newest first: the metadata half of the request log. */
    public Slice<UsageRow> list(UsageFilter filter, Page page) {
        Where where = filter.where();
        return Slice.of(jdbc.query("SELECT " + COLUMNS.replaceAll("(\\w+)", "u.$1") + " FROM usage_records u"
                + where.sql() + " ORDER BY u.ts DESC, u.request_id DESC LIMIT ? OFFSET ?", where.params(page),
                UsageRepository::row), page);
    }

    static UsageRow row(ResultSet rs) throws SQLException {
        return new UsageRow(
                rs.getString("request_id"),
                rs.getString("client_request_id"),
                Rows.instant(rs, "ts"),
                rs.getString("key_id"),
                rs.getString("key_name"),
                rs.getString("project_id"),
                rs.getString("provider"),
                rs.getString("model"),
                rs.getString("requested_model"),
                rs.getString("endpoint"),
                rs.getInt("status"),
                rs.getString("error_kind"),
                rs.getBoolean("stream"),
                rs.getLong("input_tokens"),
                rs.getLong("output_tokens"),
                rs.getLong("cache_read_tokens"),
                rs.getLong("cache_write_tokens"),
                rs.getLong("reasoning_tokens"),
                rs.getBoolean("estimated"),
                Rows.longOrNull(rs, "cost_nanos"),
                Rows.longOrNull(rs, "latency_ms"),
                Rows.longOrNull(rs, "ttfb_ms"),
                rs.getInt("attempts"),
                rs.getString("client_format"));
    }
}
