package io.trainyard.server.serving;

import io.trainyard.server.serving.log.PredictionLog;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * What other modules (monitoring) may read of the prediction log and its ground truth, by the registry's
 * model id. Lists are oldest first; when a window holds more than {@code limit} predictions the newest
 * {@code limit} are kept. Each read first waits briefly for the asynchronous log writer, so a prediction
 * answered just before is included.
 */
@Service
public class PredictionHistory {

    /** Long enough for a normal backlog; a reader that waited this long reads what is written so far. */
    private static final long LOG_FLUSH_MILLIS = 5_000;

    private final PredictionLog predictionLog;
    private final PredictionHistoryQueries queries;

    PredictionHistory(PredictionLog predictionLog, PredictionHistoryQueries queries) {
        this.predictionLog = predictionLog;
        this.queries = queries;
    }

    /**
     * Predictions of the model made in [from, to), oldest first, at most limit (the newest {@code limit} of them
     * if there are more).
     */
    public List<PastPrediction> between(long modelId, Instant from, Instant to, int limit) {
        requireWindow(from, to);
        requireLimit(limit);
        predictionLog.tryFlush(LOG_FLUSH_MILLIS);
        return queries.between(modelId, from, to, limit);
    }

    /** The model's last {@code limit} predictions, oldest first. */
    public List<PastPrediction> latest(long modelId, int limit) {
        requireLimit(limit);
        predictionLog.tryFlush(LOG_FLUSH_MILLIS);
        return queries.latest(modelId, limit);
    }

    /** Predictions in [from, to) that have feedback, oldest first, at most limit (newest ones kept). */
    public List<LabelledPrediction> labelled(long modelId, Instant from, Instant to, int limit) {
        requireWindow(from, to);
        requireLimit(limit);
        predictionLog.tryFlush(LOG_FLUSH_MILLIS);
        return queries.labelled(modelId, from, to, limit);
    }

    /** Predictions of the model logged in [from, to) (count only). */
    public long count(long modelId, Instant from, Instant to) {
        requireWindow(from, to);
        predictionLog.tryFlush(LOG_FLUSH_MILLIS);
        return queries.count(modelId, from, to);
    }

    private static void requireWindow(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    private static void requireLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
    }
}
