package io.trainyard.server.serving.feedback;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Either one item ({@code predictionId} and {@code label}) or a batch ({@code feedback}). The label stays a
 * JSON node so that text, numbers and wrong types can be told apart when it is checked.
 */
record FeedbackRequest(String predictionId, JsonNode label, List<FeedbackItem> feedback) {

    /** Named in full: the API description keeps one schema per simple name across all modules. */
    record FeedbackItem(String predictionId, JsonNode label) {
    }
}
