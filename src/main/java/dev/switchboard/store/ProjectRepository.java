package dev.switchboard.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Projects: insert, update, look up, list. */
public final class ProjectRepository {
    private static final String COLUMNS = "id, name, allowed_models, " + PolicyColumns.NAMES
            + ", active, log_bodies, created_at, updated_at";

    private final Jdbc jdbc;

    ProjectRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a new project; fails with {@link StoreException} when the id or name exists. */
    public void insert(ProjectRow p) {
        List<Object> values = new ArrayList<>();
        values.add(p.id());
        values.add(p.name());
        values.add(StringLists.encode(p.allowedModels()));
        values.addAll(PolicyColumns.values(p.limits(), p.budget()));
        values.addAll(List.of(p.active(), p.logBodies(), p.createdAt(), p.updatedAt()));
        jdbc.update("INSERT INTO projects (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values.toArray());
    }

    /** Replaces every mutable field of the project with {@code p.id()}; false when it does not exist. */
    public boolean update(ProjectRow p) {
        List<Object> values = new ArrayList<>();
        values.add(p.name());
        values.add(StringLists.encode(p.allowedModels()));
        values.addAll(PolicyColumns.values(p.limits(), p.budget()));
        values.addAll(List.of(p.active(), p.logBodies(), p.updatedAt(), p.id()));
        return jdbc.update("UPDATE projects SET name = ?, allowed_models = ?, " + PolicyColumns.ASSIGN
                + ", active = ?, log_bodies = ?, updated_at = ? WHERE id = ?", values.toArray()) == 1;
    }

    public Optional<ProjectRow> find(String id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM projects WHERE id = ?", List.of(id), ProjectRepository::row);
    }

    public Optional<ProjectRow> findByName(String name) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM projects WHERE name = ?", List.of(name),
                ProjectRepository::row);
    }

    /** Projects ordered by name. */
    public Slice<ProjectRow> list(Page page) {
        return Slice.of(jdbc.query("SELECT " + COLUMNS + " FROM projects ORDER BY name, id LIMIT ? OFFSET ?",
                List.of(page.limit() + 1, page.offset()), ProjectRepository::row), page);
    }

    /** Every project: for the in-memory tenant cache, which holds them all anyway. */
    public List<ProjectRow> listAll() {
        return jdbc.query("SELECT " + COLUMNS + " FROM projects ORDER BY name, id", List.of(), ProjectRepository::row);
    }

    /** Deletes a project that has no keys left; false when it does not exist. */
    public boolean delete(String id) {
        return jdbc.update("DELETE FROM projects WHERE id = ?", id) == 1;
    }

    private static ProjectRow row(ResultSet rs) throws SQLException {
        return new ProjectRow(
                rs.getString("id"),
                rs.getString("name"),
                StringLists.decode(rs.getString("allowed_models")),
                PolicyColumns.limits(rs),
                PolicyColumns.budget(rs),
                rs.getBoolean("active"),
                rs.getBoolean("log_bodies"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"));
    }
}
