package io.trainyard.server.serving.feedback;

import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.ApiException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks a request's form and values before anything is looked up: every problem is listed at once, naming
 * {@code predictionId}/{@code label} or {@code feedback[i].predictionId}/{@code feedback[i].label}.
 */
final class FeedbackParser {

    static final int MAX_LABEL_LENGTH = 1000;
    private static final int MAX_PROBLEMS = 20;
    // UUID.fromString also takes short forms such as "1-2-3-4-5"; a prediction id is always the full form
    private static final Pattern UUID_FORM =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private FeedbackParser() {
    }

    static List<ReceivedFeedback> parse(FeedbackRequest request, int maxItems) {
        List<FeedbackRequest.FeedbackItem> items;
        String prefix;
        if (request.feedback() != null) {
            if (request.predictionId() != null || request.label() != null) {
                throw new ApiException.BadRequest("feedback",
                        "send either one predictionId and label, or a feedback list, not both");
            }
            if (request.feedback().isEmpty()) {
                throw new ApiException.BadRequest("feedback", "needs at least one item");
            }
            if (request.feedback().size() > maxItems) {
                throw new ApiException.BadRequest("feedback", "at most " + maxItems + " items per request, not "
                        + request.feedback().size());
            }
            items = request.feedback();
            prefix = "feedback[%d].";
        } else {
            items = List.of(new FeedbackRequest.FeedbackItem(request.predictionId(), request.label()));
            prefix = "";
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<ReceivedFeedback> received = new ArrayList<>(items.size());
        for (int i = 0; i < items.size() && problems.size() < MAX_PROBLEMS; i++) {
            String field = prefix.formatted(i);
            FeedbackRequest.FeedbackItem item = items.get(i);
            if (item == null) {
                problems.add(new FieldProblem(field.substring(0, field.length() - 1),
                        "must be an object with predictionId and label"));
                continue;
            }
            UUID id = predictionId(item.predictionId(), field + "predictionId", problems);
            String label = label(item.label(), field + "label", problems);
            if (id != null && label != null) {
                received.add(new ReceivedFeedback(field, id, label));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException.BadRequest(problems);
        }
        return received;
    }

    private static UUID predictionId(String value, String field, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is missing: send the predictionId the predict answer gave"));
            return null;
        }
        if (!UUID_FORM.matcher(value.strip()).matches()) {
            problems.add(new FieldProblem(field, "'" + shorten(value) + "' is not a prediction id (a UUID)"));
            return null;
        }
        return UUID.fromString(value.strip());
    }

    /**
     * The label as stored: text stripped, a number in plain decimal form (2.50 becomes 2.5, 1.0 becomes 1), so
     * the same truth sent as 1 or 1.0 is stored once.
     */
    private static String label(JsonNode value, String field, List<FieldProblem> problems) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            problems.add(new FieldProblem(field, "is missing: send the true class or value"));
            return null;
        }
        String text;
        if (value.isNumber()) {
            if (value.isFloatingPointNumber() && !value.isBigDecimal() && !Double.isFinite(value.doubleValue())) {
                problems.add(new FieldProblem(field, "must be a finite number"));
                return null;
            }
            text = value.decimalValue().stripTrailingZeros().toPlainString();
        } else if (value.isString()) {
            text = value.stringValue().strip();
        } else {
            problems.add(new FieldProblem(field, "must be text or a number, not "
                    + value.getNodeType().name().toLowerCase()));
            return null;
        }
        if (text.isEmpty()) {
            problems.add(new FieldProblem(field, "must not be blank"));
            return null;
        }
        if (text.length() > MAX_LABEL_LENGTH) {
            problems.add(new FieldProblem(field, "at most " + MAX_LABEL_LENGTH + " characters"));
            return null;
        }
        return text;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
