package dev.switchboard.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The limit and budget columns that projects and keys share (same names in both tables), read and
 * written in one place.
 */
final class PolicyColumns {
    static final String NAMES = "rpm, tpm, concurrency, max_requests, budget_nanos, budget_period";
    static final String ASSIGN = "rpm = ?, tpm = ?, concurrency = ?, max_requests = ?, budget_nanos = ?, budget_period = ?";

    private PolicyColumns() {}

    static List<Object> values(Limits limits, Budget budget) {
        Limits l = limits == null ? Limits.NONE : limits;
        return java.util.Arrays.asList(l.rpm(), l.tpm(), l.concurrency(), l.maxRequests(),
                budget == null ? null : UsdNanos.fromUsd(budget.usd()),
                budget == null ? null : budget.period().label());
    }

    static Limits limits(ResultSet rs) throws SQLException {
        return new Limits(Rows.longOrNull(rs, "rpm"), Rows.longOrNull(rs, "tpm"),
                Rows.intOrNull(rs, "concurrency"), Rows.longOrNull(rs, "max_requests"));
    }

    static Budget budget(ResultSet rs) throws SQLException {
        Long nanos = Rows.longOrNull(rs, "budget_nanos");
        String period = rs.getString("budget_period");
        return nanos == null || period == null ? null : new Budget(UsdNanos.toUsd(nanos), Budget.Period.parse(period));
    }
}
