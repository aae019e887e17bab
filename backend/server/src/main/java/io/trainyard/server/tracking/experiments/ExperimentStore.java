package io.trainyard.server.tracking.experiments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for experiments and their tags. */
@Repository
class ExperimentStore {

    private static final String SELECT = """
            select e.id, e.project_id, p.key as project_key, e.name, e.description, e.lifecycle_stage,
                   e.created_by, e.created_at, e.updated_at
            from experiments e join projects p on p.id = e.project_id
            """;

    private final JdbcClient jdbc;

    ExperimentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long projectId, String name, String description, String createdBy) {
        return jdbc.sql("""
                        insert into experiments (project_id, name, description, created_by)
                        values (?, ?, ?, ?) returning id""")
                .params(projectId, name, description, createdBy).query(Long.class).single();
    }

    boolean nameTaken(long projectId, String name) {
        return jdbc.sql("select exists (select 1 from experiments where project_id = ? and name = ?)")
                .params(projectId, name).query(Boolean.class).single();
    }

    Optional<ExperimentRow> find(long id) {
        return jdbc.sql(SELECT + " where e.id = ?").param(id).query(ExperimentStore::row).optional();
    }

    Optional<ExperimentRow> findByName(long projectId, String name) {
        return jdbc.sql(SELECT + " where e.project_id = ? and e.name = ?").params(projectId, name)
                .query(ExperimentStore::row).optional();
    }

    /** Experiments of these projects by id descending (newest first), after {@code beforeId}. */
    List<ExperimentRow> list(List<Long> projectIds, String lifecycle, String nameLike, long beforeId, int limit) {
        if (projectIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + """
                         where e.project_id = any(?) and (cast(? as varchar) is null or e.lifecycle_stage = ?)
                           and (cast(? as varchar) is null or e.name ilike ?) and e.id < ?
                         order by e.id desc limit ?""")
                .params(projectIds.toArray(Long[]::new), lifecycle, lifecycle, nameLike, nameLike, beforeId, limit)
                .query(ExperimentStore::row).list();
    }

    void update(long id, String name, String description) {
        jdbc.sql("update experiments set name = coalesce(?, name), description = coalesce(?, description), "
                        + "updated_at = now() where id = ?")
                .params(name, description, id).update();
    }

    void setLifecycle(long id, String stage) {
        jdbc.sql("update experiments set lifecycle_stage = ?, updated_at = now() where id = ?").params(stage, id).update();
        // MLflow deletes and restores an experiment's runs with it
        jdbc.sql("update runs set lifecycle_stage = ?, deleted_at = case when ? = 'deleted' then now() end "
                + "where experiment_id = ?").params(stage, stage, id).update();
    }

    void setTag(long id, String key, String value) {
        jdbc.sql("""
                insert into experiment_tags (experiment_id, key, value) values (?, ?, ?)
                on conflict (experiment_id, key) do update set value = excluded.value""")
                .params(id, key, value).update();
    }

    Map<String, String> tags(long id) {
        Map<String, String> tags = new LinkedHashMap<>();
        jdbc.sql("select key, value from experiment_tags where experiment_id = ? order by key").param(id)
                .query(rs -> {
                    tags.put(rs.getString(1), rs.getString(2));
                });
        return tags;
    }

    long runCount(long id) {
        return jdbc.sql("select count(*) from runs where experiment_id = ? and lifecycle_stage = 'active'")
                .param(id).query(Long.class).single();
    }

    private static ExperimentRow row(ResultSet rs, int n) throws SQLException {
        return new ExperimentRow(rs.getLong("id"), rs.getLong("project_id"), rs.getString("project_key"),
                rs.getString("name"), rs.getString("description"), rs.getString("lifecycle_stage"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
