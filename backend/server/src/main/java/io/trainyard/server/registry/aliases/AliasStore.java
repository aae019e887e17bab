package io.trainyard.server.registry.aliases;

import io.trainyard.client.model.AliasChange;
import io.trainyard.server.registry.models.RegistryJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for aliases, pending alias requests and the alias history. Callers hold the model's row lock. */
@Repository
class AliasStore {

    /** A pending (or decided) request to point an alias at a version. */
    record Request(long id, long modelId, String alias, long versionId, int version, String requestedBy,
                   Instant requestedAt, String comment, String gatesJson) {
    }

    private static final String REQUEST = """
            select r.id, r.model_id, r.alias, r.version_id, v.version, r.requested_by, r.requested_at, r.comment,
                   r.gate_results::text as gates
            from alias_requests r join model_versions v on v.id = r.version_id
            """;

    private final JdbcClient jdbc;

    AliasStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The version id holding the alias, if any. */
    Optional<Long> holder(long modelId, String alias) {
        return jdbc.sql("select version_id from model_aliases where model_id = ? and alias = ?")
                .params(modelId, alias).query(Long.class).optional();
    }

    void set(long modelId, String alias, long versionId, String by) {
        jdbc.sql("""
                insert into model_aliases (model_id, alias, version_id, set_by) values (?, ?, ?, ?)
                on conflict (model_id, alias) do update
                    set version_id = excluded.version_id, set_by = excluded.set_by, set_at = now()""")
                .params(modelId, alias, versionId, by).update();
    }

    boolean delete(long modelId, String alias) {
        return jdbc.sql("delete from model_aliases where model_id = ? and alias = ?").params(modelId, alias)
                .update() > 0;
    }

    Optional<Request> pending(long modelId, String alias) {
        return jdbc.sql(REQUEST + " where r.model_id = ? and r.alias = ? and r.state = 'pending'")
                .params(modelId, alias).query(AliasStore::request).optional();
    }

    /** Pending requests of these projects, oldest first. */
    List<PendingRow> pendingIn(List<Long> projectIds, int limit) {
        if (projectIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select r.id, r.model_id, r.alias, r.version_id, v.version, r.requested_by, r.requested_at,
                               r.comment, r.gate_results::text as gates, m.name as model_name,
                               p.key as project_key, cv.version as current_version
                        from alias_requests r
                        join model_versions v on v.id = r.version_id
                        join registered_models m on m.id = r.model_id
                        join projects p on p.id = m.project_id
                        left join model_aliases a on a.model_id = r.model_id and a.alias = r.alias
                        left join model_versions cv on cv.id = a.version_id
                        where m.project_id = any(?) and r.state = 'pending' order by r.id limit ?""")
                .params(projectIds.toArray(Long[]::new), limit)
                .query((rs, n) -> new PendingRow(request(rs, n), rs.getString("project_key"),
                        rs.getString("model_name"), (Integer) rs.getObject("current_version")))
                .list();
    }

    record PendingRow(Request request, String projectKey, String modelName, Integer currentVersion) {
    }

    long insertRequest(long modelId, String alias, long versionId, String by, String comment, String gatesJson) {
        return jdbc.sql("""
                        insert into alias_requests (model_id, alias, version_id, requested_by, comment, gate_results)
                        values (?, ?, ?, ?, ?, cast(? as jsonb)) returning id""")
                .params(modelId, alias, versionId, by, comment, gatesJson).query(Long.class).single();
    }

    void decide(long requestId, String state, String by, String decision) {
        jdbc.sql("""
                update alias_requests set state = ?, decided_by = ?, decided_at = now(), decision = ?
                where id = ? and state = 'pending'""")
                .params(state, by, decision, requestId).update();
    }

    void record(long modelId, String alias, String action, Integer fromVersion, Integer toVersion, String actor,
                String approver, String gatesJson, String comment) {
        jdbc.sql("""
                insert into alias_history (model_id, alias, action, from_version, to_version, actor, approver,
                                           gate_results, comment)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)""")
                .params(modelId, alias, action, fromVersion, toVersion, actor, approver, gatesJson, comment).update();
    }

    /** Newest first, below {@code beforeId}; all aliases when {@code alias} is null. */
    List<HistoryRow> history(long modelId, String alias, long beforeId, int limit) {
        return jdbc.sql("""
                        select id, alias, action, from_version, to_version, actor, approver,
                               gate_results::text as gates, comment, occurred_at
                        from alias_history
                        where model_id = ? and (cast(? as varchar) is null or alias = ?) and id < ?
                        order by id desc limit ?""")
                .params(modelId, alias, alias, beforeId, limit)
                .query((rs, n) -> new HistoryRow(rs.getLong("id"), new AliasChange(rs.getString("alias"),
                        rs.getString("action"), (Integer) rs.getObject("from_version"),
                        (Integer) rs.getObject("to_version"), rs.getString("actor"), rs.getString("approver"),
                        RegistryJson.gates(rs.getString("gates")), rs.getString("comment"),
                        rs.getTimestamp("occurred_at").toInstant())))
                .list();
    }

    record HistoryRow(long id, AliasChange change) {
    }

    private static Request request(ResultSet rs, int n) throws SQLException {
        return new Request(rs.getLong("id"), rs.getLong("model_id"), rs.getString("alias"), rs.getLong("version_id"),
                rs.getInt("version"), rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(),
                rs.getString("comment"), rs.getString("gates"));
    }
}
