package io.trainyard.server.webhooks.hooks;

import io.trainyard.client.model.Webhook;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class WebhookStore {

    private static final String SELECT = """
            select w.id, p.key as project_key, w.url, w.events, w.active, w.created_by, w.created_at
            from webhooks w join projects p on p.id = w.project_id
            """;

    private final JdbcClient jdbc;

    WebhookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long projectId, String url, List<String> events, String secret, String createdBy) {
        return jdbc.sql("""
                        insert into webhooks (project_id, url, events, secret, created_by)
                        values (?, ?, ?, ?, ?) returning id""")
                .params(projectId, url, events.toArray(String[]::new), secret, createdBy).query(Long.class).single();
    }

    List<Webhook> list(long projectId) {
        return jdbc.sql(SELECT + " where w.project_id = ? order by w.id").param(projectId)
                .query(WebhookStore::webhook).list();
    }

    Optional<Webhook> find(long projectId, long id) {
        return jdbc.sql(SELECT + " where w.project_id = ? and w.id = ?").params(projectId, id)
                .query(WebhookStore::webhook).optional();
    }

    boolean delete(long projectId, long id) {
        return jdbc.sql("delete from webhooks where project_id = ? and id = ?").params(projectId, id).update() > 0;
    }

    private static Webhook webhook(ResultSet rs, int n) throws SQLException {
        return new Webhook(rs.getLong("id"), rs.getString("project_key"), rs.getString("url"),
                Arrays.asList((String[]) rs.getArray("events").getArray()), rs.getBoolean("active"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }
}
