package dev.switchboard.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a WHERE clause from optional conditions. Column names come only from this package's code;
 * values only ever become bound parameters, so filter input cannot change the SQL.
 */
final class Where {
    private final StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
    private final List<Object> params = new ArrayList<>();

    Where equal(String column, Object value) {
        return add(column + " = ?", value);
    }

    Where atLeast(String column, Object value) {
        return add(column + " >= ?", value);
    }

    Where before(String column, Object value) {
        return add(column + " < ?", value);
    }

    private Where add(String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            params.add(value);
        }
        return this;
    }

    String sql() {
        return sql.toString();
    }

    /** The bound values, followed by LIMIT and OFFSET for {@code page} (one extra row to learn "more"). */
    List<Object> params(Page page) {
        List<Object> all = new ArrayList<>(params);
        if (page != null) {
            all.add(page.limit() + 1);
            all.add(page.offset());
        }
        return all;
    }
}
