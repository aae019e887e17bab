package io.trainyard.server.serving.feedback;

import io.trainyard.client.model.ProjectRole;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.ApiException.FieldProblem;
import io.trainyard.server.registry.ModelRegistry;
import io.trainyard.server.registry.ServableVersion;
import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.serving.log.PredictionLog;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Ground truth for logged predictions. Every item must name a prediction of this model; the whole request is
 * stored in one statement or refused, so a bad item never leaves half a batch behind.
 */
@Service
class FeedbackService {

    static final int MAX_ITEMS = 10_000;
    /** The log is written asynchronously: a prediction made just now may still be in its buffer. */
    private static final long LOG_FLUSH_MILLIS = 5_000;
    private static final int MAX_PROBLEMS = 20;

    private final ModelRegistry registry;
    private final PredictionLog predictionLog;
    private final FeedbackStore store;

    FeedbackService(ModelRegistry registry, PredictionLog predictionLog, FeedbackStore store) {
        this.registry = registry;
        this.predictionLog = predictionLog;
        this.store = store;
    }

    FeedbackResponse receive(String projectKey, String modelName, FeedbackRequest request) {
        // the registry names models by their versions; the newest one gives the model's id and the role check
        ServableVersion model = registry.resolve(projectKey, modelName, "latest", null, ProjectRole.EDITOR);
        List<ReceivedFeedback> items = FeedbackParser.parse(request, MAX_ITEMS);

        List<FeedbackStore.Logged> logged = store.lookUp(items);
        if (logged.stream().anyMatch(l -> l.modelId() == null)) {
            predictionLog.tryFlush(LOG_FLUSH_MILLIS);
            logged = store.lookUp(items);
        }
        requireLoggedFor(model, items, logged);
        requireNumbersForRegression(items, logged);

        // a later item for the same prediction corrects an earlier one, as a later request would
        Map<UUID, ReceivedFeedback> distinct = new LinkedHashMap<>();
        items.forEach(item -> distinct.put(item.predictionId(), item));
        store.save(distinct.values(), Instant.now(), CurrentUser.require().getUsername());

        int unknownLabels = (int) logged.stream().filter(l -> l.classification() && !l.knownClass()).count();
        return new FeedbackResponse(items.size(), unknownLabels);
    }

    /** A prediction of another model is answered like a missing one: the caller may not see that model. */
    private static void requireLoggedFor(ServableVersion model, List<ReceivedFeedback> items,
                                         List<FeedbackStore.Logged> logged) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FeedbackStore.Logged l : logged) {
            if ((l.modelId() == null || l.modelId() != model.modelId()) && problems.size() < MAX_PROBLEMS) {
                problems.add(new FieldProblem(items.get(l.index()).predictionIdField(),
                        "no prediction of this model has this id"));
            }
        }
        if (!problems.isEmpty()) {
            throw new UnknownPredictions(model.model(), problems);
        }
    }

    /** Monitoring computes errors from a regression's labels: text there would only break it later. */
    private static void requireNumbersForRegression(List<ReceivedFeedback> items, List<FeedbackStore.Logged> logged) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FeedbackStore.Logged l : logged) {
            ReceivedFeedback item = items.get(l.index());
            if (!l.classification() && !isNumber(item.label()) && problems.size() < MAX_PROBLEMS) {
                problems.add(new FieldProblem(item.labelField(), "must be a number: the prediction is a regression"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException.BadRequest(problems);
        }
    }

    private static boolean isNumber(String label) {
        try {
            new BigDecimal(label);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
