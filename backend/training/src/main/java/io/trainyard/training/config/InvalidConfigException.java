package io.trainyard.training.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by the trainer when a config does not validate; carries every problem found. */
public class InvalidConfigException extends IllegalArgumentException {
    private final List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super("invalid training config: "
                + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
