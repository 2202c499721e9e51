package dev.switchboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * The little JDBC the repositories need: parameterised statements only (values are always bound,
 * never spliced), instants as epoch milliseconds, and one write lock for SQLite, whose single writer
 * would otherwise make concurrent writers spin on {@code SQLITE_BUSY}.
 */
final class Jdbc {
    /** Reads one row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Work done on one connection inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final ReentrantLock writeLock;
    private final Dialect dialect;

    Jdbc(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.writeLock = dialect == Dialect.SQLITE ? new ReentrantLock(true) : null;
    }

    Dialect dialect() {
        return dialect;
    }

    <T> List<T> query(String sql, List<?> params, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection()) {
            return query(c, sql, params, mapper);
        } catch (SQLException e) {
            throw new StoreException("query failed: " + firstWords(sql), e);
        }
    }

    <T> Optional<T> queryOne(String sql, List<?> params, RowMapper<T> mapper) {
        List<T> rows = query(sql, params, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    static <T> List<T> query(Connection c, String sql, List<?> params, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    /** One statement in its own transaction; returns the update count. */
    int update(String sql, Object... params) {
        return inTransaction(c -> update(c, sql, java.util.Arrays.asList(params)));
    }

    static int update(Connection c, String sql, List<?> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /** Runs {@code work} in one transaction (serialized with other writers on SQLite); rolls back on failure. */
    <T> T inTransaction(Work<T> work) {
        if (writeLock != null) {
            writeLock.lock();
        }
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StoreException("write failed", e);
        } finally {
            if (writeLock != null) {
                writeLock.unlock();
            }
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    static void bind(PreparedStatement ps, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            int idx = i + 1;
            switch (v) {
                case null -> ps.setNull(idx, Types.NULL);
                case Instant t -> ps.setLong(idx, t.toEpochMilli());
                case Boolean b -> ps.setBoolean(idx, b);
                case Integer n -> ps.setInt(idx, n);
                case Long n -> ps.setLong(idx, n);
                case String s -> ps.setString(idx, s);
                case byte[] bytes -> ps.setBytes(idx, bytes);
                default -> throw new IllegalArgumentException("unsupported SQL parameter type " + v.getClass());
            }
        }
    }

    private static String firstWords(String sql) {
        String s = sql.strip();
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
