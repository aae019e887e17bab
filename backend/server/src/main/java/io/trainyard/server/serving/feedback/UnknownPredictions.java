package io.trainyard.server.serving.feedback;

import io.trainyard.server.common.ApiException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/** 404 naming each item whose prediction is not in the model's log (ApiException.NotFound names no field). */
class UnknownPredictions extends ApiException {

    UnknownPredictions(String model, List<FieldProblem> problems) {
        super(HttpStatus.NOT_FOUND, "no such prediction of model '" + model + "': " + problems.stream()
                .map(FieldProblem::field).collect(Collectors.joining(", ")), problems);
    }
}
