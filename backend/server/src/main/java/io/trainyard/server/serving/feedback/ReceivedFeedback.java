package io.trainyard.server.serving.feedback;

import java.util.UUID;

/** One checked item; {@code field} is how errors name it ({@code ""} or {@code "feedback[3]."}). */
record ReceivedFeedback(String field, UUID predictionId, String label) {

    String predictionIdField() {
        return field + "predictionId";
    }

    String labelField() {
        return field + "label";
    }
}
