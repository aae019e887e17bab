package io.trainyard.server.serving.feedback;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class FeedbackController {

    private final FeedbackService feedback;

    FeedbackController(FeedbackService feedback) {
        this.feedback = feedback;
    }

    /** Ground truth for logged predictions: {@code {predictionId, label}} or {@code {feedback: [...]}}. */
    @PostMapping("/api/v1/projects/{project}/models/{name}/feedback")
    FeedbackResponse feedback(@PathVariable String project, @PathVariable String name,
                              @RequestBody FeedbackRequest request) {
        return feedback.receive(project, name, request);
    }
}
