package io.trainyard.client.model;

/**
 * One promotion rule checked for a version.
 *
 * @param gate      {@code min}, {@code max}, {@code mustBeat} or {@code maxSubgroupGap}
 * @param threshold the value compared with (for mustBeat: the holder's value plus or minus the margin)
 * @param actual    the version's value, null when it has none
 */
public record GateResult(String gate, String metric, Double threshold, Double actual, boolean passed,
                         String detail) {
}
