package io.trainyard.server.serving.feedback;

/**
 * @param accepted      the items received (all of them: a request is taken whole or refused)
 * @param unknownLabels items of a classification model whose label is none of the model's classes
 */
record FeedbackResponse(int accepted, int unknownLabels) {
}
