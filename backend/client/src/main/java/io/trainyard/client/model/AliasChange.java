package io.trainyard.client.model;

import java.time.Instant;
import java.util.List;

/**
 * One entry of an alias's history.
 *
 * @param action {@code set}, {@code refused}, {@code requested}, {@code approved}, {@code rejected},
 *               {@code superseded} or {@code deleted}
 */
public record AliasChange(String alias, String action, Integer fromVersion, Integer toVersion, String actor,
                          String approver, List<GateResult> gates, String comment, Instant at) {
}
