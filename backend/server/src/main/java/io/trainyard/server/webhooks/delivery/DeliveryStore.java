package io.trainyard.server.webhooks.delivery;

import io.trainyard.client.model.WebhookDelivery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The delivery outbox: enqueued with the event, claimed with a lease by the dispatcher, then settled. */
@Repository
public class DeliveryStore {

    /** A delivery claimed for one attempt, with what sending needs. */
    record Claimed(long id, UUID eventId, String event, String payload, int attempt, String url, String secret) {
    }

    private final JdbcClient jdbc;

    DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One delivery per active webhook of the project subscribed to the event; how many were enqueued. */
    int enqueue(long projectId, String event, UUID eventId, String payload) {
        return jdbc.sql("""
                        insert into webhook_deliveries (webhook_id, event_id, event, payload)
                        select id, ?, ?, ? from webhooks where project_id = ? and active and ? = any(events)""")
                .params(eventId, event, payload, projectId, event).update();
    }

    /** A delivery to one webhook only (the "send a test event" button). */
    void enqueueFor(long webhookId, String event, UUID eventId, String payload) {
        jdbc.sql("insert into webhook_deliveries (webhook_id, event_id, event, payload) values (?, ?, ?, ?)")
                .params(webhookId, eventId, event, payload).update();
    }

    Optional<String> projectKey(long projectId) {
        return jdbc.sql("select key from projects where id = ?").param(projectId).query(String.class).optional();
    }

    boolean anySubscribed(long projectId, String event) {
        return jdbc.sql("select exists (select 1 from webhooks where project_id = ? and active and ? = any(events))")
                .params(projectId, event).query(Boolean.class).single();
    }

    /**
     * Claims due deliveries for one attempt each: the attempt is counted and the next attempt pushed past the
     * lease, so a server that dies mid-send leaves the delivery to be retried, and two servers never send the
     * same attempt.
     */
    List<Claimed> claimDue(int limit, Duration lease) {
        return jdbc.sql("""
                        with due as (
                            select id from webhook_deliveries where state = 'pending' and next_attempt_at <= now()
                            order by next_attempt_at limit ? for update skip locked)
                        update webhook_deliveries d
                        set attempts = d.attempts + 1, next_attempt_at = now() + ? * interval '1 millisecond'
                        from due, webhooks w
                        where d.id = due.id and w.id = d.webhook_id
                        returning d.id, d.event_id, d.event, d.payload, d.attempts, w.url, w.secret""")
                .params(limit, lease.toMillis())
                .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getObject("event_id", UUID.class),
                        rs.getString("event"), rs.getString("payload"), rs.getInt("attempts"), rs.getString("url"),
                        rs.getString("secret")))
                .list();
    }

    void delivered(long id, int status) {
        jdbc.sql("""
                update webhook_deliveries set state = 'delivered', last_status = ?, last_error = null,
                       delivered_at = now() where id = ?""").params(status, id).update();
    }

    /** A failed attempt: retried after {@code retryIn}, or failed for good when it was the last. */
    void attemptFailed(long id, Integer status, String error, boolean last, Duration retryIn) {
        jdbc.sql("""
                update webhook_deliveries set last_status = ?, last_error = ?,
                       state = case when ? then 'failed' else 'pending' end,
                       next_attempt_at = now() + ? * interval '1 millisecond'
                where id = ?""")
                .params(status, error == null ? null : error.substring(0, Math.min(error.length(), 1000)), last,
                        retryIn.toMillis(), id)
                .update();
    }

    /** When the earliest pending delivery is due, if any is pending. */
    Optional<Instant> nextDue() {
        return jdbc.sql("select min(next_attempt_at) from webhook_deliveries where state = 'pending'")
                .query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).optional();
    }

    /** Newest first. */
    public List<WebhookDelivery> recent(long webhookId, int limit) {
        return jdbc.sql("""
                        select id, webhook_id, event_id, event, state, attempts, last_status, last_error, created_at,
                               next_attempt_at, delivered_at
                        from webhook_deliveries where webhook_id = ? order by id desc limit ?""")
                .params(webhookId, limit).query(DeliveryStore::delivery).list();
    }

    private static WebhookDelivery delivery(ResultSet rs, int n) throws SQLException {
        return new WebhookDelivery(rs.getLong("id"), rs.getLong("webhook_id"), rs.getString("event_id"),
                rs.getString("event"), rs.getString("state"), rs.getInt("attempts"),
                (Integer) rs.getObject("last_status"), rs.getString("last_error"), instant(rs, "created_at"),
                instant(rs, "next_attempt_at"), instant(rs, "delivered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
