package io.trainyard.client.model;

import java.util.List;

/**
 * What happened to a request to point an alias at a version.
 *
 * @param outcome {@code set} (done), {@code unchanged} (it already held the alias), {@code pending} (waiting
 *                for an owner's approval, see {@code requestId}) or {@code refused} (a gate failed)
 */
public record AliasChangeResult(String alias, int version, String outcome, Integer previousVersion,
                                List<GateResult> gates, Long requestId) {
}
