package dev.switchboard.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Column readers that keep SQL NULL as Java null (JDBC's getLong would say 0). */
final class Rows {
    private Rows() {}

    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static Boolean boolOrNull(ResultSet rs, String column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }

    static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        Long millis = longOrNull(rs, column);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return Instant.ofEpochMilli(rs.getLong(column));
    }
}
