package dev.switchboard.store;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Sums over a set of usage rows.
 *
 * @param errors    rows with status 400 or above
 * @param estimated rows whose tokens were counted locally rather than reported by the provider
 * @param costNanos nano-USD of the rows that had a price
 */
public record UsageTotals(
        long requests, long errors, long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
        long reasoningTokens, long costNanos, long estimated) {

    static final String SELECT = "COUNT(*) AS requests, "
            + "COALESCE(SUM(CASE WHEN u.status >= 400 THEN 1 ELSE 0 END), 0) AS errors, "
            + "COALESCE(SUM(u.input_tokens), 0) AS input_tokens, "
            + "COALESCE(SUM(u.output_tokens), 0) AS output_tokens, "
            + "COALESCE(SUM(u.cache_read_tokens), 0) AS cache_read_tokens, "
            + "COALESCE(SUM(u.cache_write_tokens), 0) AS cache_write_tokens, "
            + "COALESCE(SUM(u.reasoning_tokens), 0) AS reasoning_tokens, "
            + "COALESCE(SUM(u.cost_nanos), 0) AS cost_nanos, "
            + "COALESCE(SUM(CASE WHEN u.estimated THEN 1 ELSE 0 END), 0) AS estimated";

    public BigDecimal costUsd() {
        return UsdNanos.toUsd(costNanos);
    }

    static UsageTotals read(ResultSet rs) throws SQLException {
        return new UsageTotals(rs.getLong("requests"), rs.getLong("errors"), rs.getLong("input_tokens"),
                rs.getLong("output_tokens"), rs.getLong("cache_read_tokens"), rs.getLong("cache_write_tokens"),
                rs.getLong("reasoning_tokens"), rs.getLong("cost_nanos"), rs.getLong("estimated"));
    }
}
