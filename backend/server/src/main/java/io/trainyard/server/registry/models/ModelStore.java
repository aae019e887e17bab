package io.trainyard.server.registry.models;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for registered models, their versions and tags. */
@Repository
class ModelStore {

    private static final String MODEL = """
            select m.id, m.project_id, p.key as project_key, m.name, m.description, m.model_card,
                   m.policy::text as policy, m.created_by, m.created_at, m.updated_at
            from registered_models m join projects p on p.id = m.project_id
            """;
    private static final String VERSION = """
            select v.id, v.model_id, v.version, v.run_id, v.bundle_sha256, v.bundle_size, v.metrics::text as metrics,
                   v.subgroup_gaps::text as subgroup_gaps, v.description, v.created_by, v.created_at
            from model_versions v
            """;

    private final JdbcClient jdbc;

    ModelStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the name is taken in the project. */
    Optional<Long> insert(long projectId, String name, String description, String modelCard, String policyJson,
                          String createdBy) {
        return jdbc.sql("""
                        insert into registered_models (project_id, name, description, model_card, policy, created_by)
                        values (?, ?, ?, ?, cast(? as jsonb), ?)
                        on conflict (project_id, name) do nothing returning id""")
                .params(projectId, name, description, modelCard, policyJson, createdBy).query(Long.class).optional();
    }

    Optional<ModelRow> find(long projectId, String name) {
        return jdbc.sql(MODEL + " where m.project_id = ? and m.name = ?").params(projectId, name)
                .query(ModelStore::model).optional();
    }

    /** Locks the model's row: version numbers and alias changes of one model happen one at a time. */
    Optional<ModelRow> lock(long projectId, String name) {
        return jdbc.sql(MODEL + " where m.project_id = ? and m.name = ? for update of m").params(projectId, name)
                .query(ModelStore::model).optional();
    }

    /** Models of these projects by name, after {@code afterName}; {@code nameLike} an ILIKE pattern or null. */
    List<ModelRow> list(List<Long> projectIds, String nameLike, String afterName, int limit) {
        if (projectIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(MODEL + """
                         where m.project_id = any(?) and (cast(? as varchar) is null or m.name ilike ?)
                           and m.name > ? order by m.name limit ?""")
                .params(projectIds.toArray(Long[]::new), nameLike, nameLike, afterName == null ? "" : afterName,
                        limit)
                .query(ModelStore::model).list();
    }

    void update(long id, String description, String modelCard) {
        jdbc.sql("update registered_models set description = ?, model_card = ?, updated_at = now() where id = ?")
                .params(description, modelCard, id).update();
    }

    void updatePolicy(long id, String policyJson) {
        jdbc.sql("update registered_models set policy = cast(? as jsonb), updated_at = now() where id = ?")
                .params(policyJson, id).update();
    }

    void rename(long id, String name) {
        jdbc.sql("update registered_models set name = ?, updated_at = now() where id = ?").params(name, id).update();
    }

    void delete(long id) {
        jdbc.sql("delete from registered_models where id = ?").param(id).update();
    }

    Map<String, String> modelTags(long modelId) {
        return tags("select key, value from registered_model_tags where model_id = ? order by key", modelId);
    }

    void setModelTag(long modelId, String key, String value) {
        if (value == null) {
            jdbc.sql("delete from registered_model_tags where model_id = ? and key = ?").params(modelId, key).update();
        } else {
            jdbc.sql("""
                    insert into registered_model_tags (model_id, key, value) values (?, ?, ?)
                    on conflict (model_id, key) do update set value = excluded.value""")
                    .params(modelId, key, value).update();
        }
    }

    int insertVersion(long modelId, UUID runId, String sha256, long size, String metricsJson,
                      String subgroupGapsJson, String description, String createdBy) {
        // the caller holds the model's row lock, so max + 1 cannot race
        return jdbc.sql("""
                        insert into model_versions (model_id, version, run_id, bundle_sha256, bundle_size, metrics,
                                                    subgroup_gaps, description, created_by)
                        select ?, coalesce(max(version), 0) + 1, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?
                        from model_versions where model_id = ?
                        returning version""")
                .params(modelId, runId, sha256, size, metricsJson, subgroupGapsJson, description, createdBy, modelId)
                .query(Integer.class).single();
    }

    Optional<VersionRow> version(long modelId, int version) {
        return jdbc.sql(VERSION + " where v.model_id = ? and v.version = ?").params(modelId, version)
                .query(ModelStore::version).optional();
    }

    Optional<VersionRow> newestVersion(long modelId) {
        return jdbc.sql(VERSION + " where v.model_id = ? order by v.version desc limit 1").param(modelId)
                .query(ModelStore::version).optional();
    }

    Optional<VersionRow> versionById(long id) {
        return jdbc.sql(VERSION + " where v.id = ?").param(id).query(ModelStore::version).optional();
    }

    /** Newest first, below {@code beforeVersion}. */
    List<VersionRow> versions(long modelId, int beforeVersion, int limit) {
        return jdbc.sql(VERSION + " where v.model_id = ? and v.version < ? order by v.version desc limit ?")
                .params(modelId, beforeVersion, limit).query(ModelStore::version).list();
    }

    /**
     * Versions of the project's models, by model name then version; each criterion applies when not null
     * (MLflow's model-versions/search).
     */
    List<VersionOfModel> searchVersions(long projectId, String nameEquals, String nameLike, List<java.util.UUID> runIds,
                                        int offset, int limit) {
        return jdbc.sql("""
                        select m.name as model_name, v.id, v.model_id, v.version, v.run_id, v.bundle_sha256,
                               v.bundle_size, v.metrics::text as metrics, v.subgroup_gaps::text as subgroup_gaps,
                               v.description, v.created_by, v.created_at
                        from model_versions v join registered_models m on m.id = v.model_id
                        where m.project_id = ? and (cast(? as varchar) is null or m.name = ?)
                          and (cast(? as varchar) is null or m.name ilike ?)
                          and (cast(? as uuid[]) is null or v.run_id = any(?))
                        order by m.name, v.version desc offset ? limit ?""")
                .params(projectId, nameEquals, nameEquals, nameLike, nameLike,
                        runIds == null ? null : runIds.toArray(java.util.UUID[]::new),
                        runIds == null ? null : runIds.toArray(java.util.UUID[]::new), offset, limit)
                .query((rs, n) -> new VersionOfModel(rs.getString("model_name"), version(rs, n))).list();
    }

    record VersionOfModel(String modelName, VersionRow version) {
    }

    void updateVersion(long versionId, String description) {
        jdbc.sql("update model_versions set description = ? where id = ?").params(description, versionId).update();
    }

    void deleteVersion(long versionId) {
        jdbc.sql("delete from model_versions where id = ?").param(versionId).update();
    }

    Map<String, String> versionTags(long versionId) {
        return tags("select key, value from model_version_tags where version_id = ? order by key", versionId);
    }

    void setVersionTag(long versionId, String key, String value) {
        if (value == null) {
            jdbc.sql("delete from model_version_tags where version_id = ? and key = ?").params(versionId, key)
                    .update();
        } else {
            jdbc.sql("""
                    insert into model_version_tags (version_id, key, value) values (?, ?, ?)
                    on conflict (version_id, key) do update set value = excluded.value""")
                    .params(versionId, key, value).update();
        }
    }

    /**
     * The version serving asks for in one statement: by number, by alias, or the newest for {@code latest};
     * columns as {@code ServableVersion}.
     */
    Optional<Served> served(long projectId, String name, String alias, Integer version) {
        return jdbc.sql("""
                        select m.id as model_id, m.name, v.version, v.bundle_sha256, v.run_id
                        from registered_models m
                        join model_versions v on v.model_id = m.id
                        where m.project_id = ? and m.name = ?
                          and case when cast(? as int) is not null then v.version = ?
                                   when ? = 'latest' then v.version = (select max(version) from model_versions
                                                                       where model_id = m.id)
                                   else v.id = (select version_id from model_aliases a
                                                where a.model_id = m.id and a.alias = ?) end""")
                .params(projectId, name, version, version, alias, alias)
                .query((rs, n) -> new Served(rs.getLong("model_id"), rs.getString("name"), rs.getInt("version"),
                        rs.getString("bundle_sha256"), rs.getObject("run_id", java.util.UUID.class)))
                .optional();
    }

    record Served(long modelId, String name, int version, String bundleSha256, java.util.UUID runId) {
    }

    /** alias → version number, for one model (the implied {@code latest} is not stored). */
    Map<String, Integer> aliases(long modelId) {
        Map<String, Integer> aliases = new LinkedHashMap<>();
        jdbc.sql("""
                        select a.alias, v.version from model_aliases a join model_versions v on v.id = a.version_id
                        where a.model_id = ? order by a.alias""")
                .param(modelId).query(rs -> {
                    aliases.put(rs.getString(1), rs.getInt(2));
                });
        return aliases;
    }

    private Map<String, String> tags(String sql, long id) {
        Map<String, String> tags = new LinkedHashMap<>();
        jdbc.sql(sql).param(id).query(rs -> {
            tags.put(rs.getString(1), rs.getString(2));
        });
        return tags;
    }

    private static ModelRow model(ResultSet rs, int n) throws SQLException {
        return new ModelRow(rs.getLong("id"), rs.getLong("project_id"), rs.getString("project_key"),
                rs.getString("name"), rs.getString("description"), rs.getString("model_card"), rs.getString("policy"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static VersionRow version(ResultSet rs, int n) throws SQLException {
        return new VersionRow(rs.getLong("id"), rs.getLong("model_id"), rs.getInt("version"),
                rs.getObject("run_id", UUID.class), rs.getString("bundle_sha256"), rs.getLong("bundle_size"),
                rs.getString("metrics"), rs.getString("subgroup_gaps"), rs.getString("description"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }
}
