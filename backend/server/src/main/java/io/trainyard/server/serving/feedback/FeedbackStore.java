package io.trainyard.server.serving.feedback;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code prediction_feedback}: looks the items' predictions up in the log and stores labels, a batch per statement. */
@Repository
class FeedbackStore {

    /**
     * What the log knows of the i-th item (0-based); {@code modelId} is null when the prediction is not logged.
     * {@code knownClass}: the label is one of the classes the prediction has probabilities for.
     */
    record Logged(int index, Long modelId, boolean classification, boolean knownClass) {
    }

    private final JdbcClient jdbc;

    FeedbackStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row per item, in one query whatever the batch size. */
    List<Logged> lookUp(List<ReceivedFeedback> items) {
        UUID[] ids = items.stream().map(ReceivedFeedback::predictionId).toArray(UUID[]::new);
        String[] labels = items.stream().map(ReceivedFeedback::label).toArray(String[]::new);
        return jdbc.sql("""
                        select t.i - 1 as index, l.model_id,
                               jsonb_typeof(l.output -> 'probabilities') = 'object' as classification,
                               (l.output -> 'probabilities' -> t.label) is not null as known_class
                        from unnest(cast(? as uuid[]), cast(? as text[])) with ordinality as t(id, label, i)
                        left join prediction_log l on l.id = t.id
                        order by t.i""")
                .params(ids, labels)
                .query((rs, n) -> new Logged(rs.getInt("index"), rs.getObject("model_id", Long.class),
                        rs.getBoolean("classification"), rs.getBoolean("known_class")))
                .list();
    }

    /**
     * Inserts or replaces (a correction) the labels, one per prediction; one statement, so all or nothing.
     * The prediction time is copied from the log for the labelled-window index. Rows are taken in id order,
     * so two batches that overlap lock their common rows in the same order instead of deadlocking.
     */
    void save(Collection<ReceivedFeedback> distinctPredictions, Instant receivedAt, String receivedBy) {
        UUID[] ids = distinctPredictions.stream().map(ReceivedFeedback::predictionId).toArray(UUID[]::new);
        String[] labels = distinctPredictions.stream().map(ReceivedFeedback::label).toArray(String[]::new);
        jdbc.sql("""
                        insert into prediction_feedback (prediction_id, project_id, model_id, predicted_at, label,
                                                         received_at, received_by)
                        select t.id, l.project_id, l.model_id, l.predicted_at, t.label, ?, ?
                        from unnest(cast(? as uuid[]), cast(? as text[])) as t(id, label)
                        join prediction_log l on l.id = t.id
                        order by t.id
                        on conflict (prediction_id) do update
                            set label = excluded.label, received_at = excluded.received_at,
                                received_by = excluded.received_by""")
                .params(OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC), receivedBy, ids, labels)
                .update();
    }
}
