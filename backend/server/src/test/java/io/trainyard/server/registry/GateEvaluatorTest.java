package io.trainyard.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.client.model.GateResult;
import io.trainyard.client.model.PromotionPolicy;
import io.trainyard.client.model.PromotionPolicy.AliasRules;
import io.trainyard.server.registry.policy.GateEvaluator;
import io.trainyard.server.registry.policy.GateEvaluator.Candidate;
import io.trainyard.server.registry.policy.PolicyValidator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GateEvaluatorTest {

    private static AliasRules rules(String json) {
        // normalize fills in defaults (mode, margin) as the API does
        return PolicyValidator.normalize(new PromotionPolicy(Map.of("a", parse(json))), "policy").aliases().get("a");
    }

    private static AliasRules parse(String json) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readValue(json, AliasRules.class);
    }

    private static Candidate version(int n, Map<String, Double> metrics) {
        return new Candidate(n, metrics, null);
    }

    @Test
    void boundsAreInclusiveAndMissingOrNanMetricsFail() {
        AliasRules rules = rules("{\"gates\":[{\"metric\":\"acc\",\"min\":0.9,\"max\":1.0}]}");
        assertThat(GateEvaluator.evaluate(rules, version(1, Map.of("acc", 0.9)), Optional.empty()))
                .allMatch(GateResult::passed).hasSize(2);
        assertThat(GateEvaluator.allPassed(GateEvaluator.evaluate(rules, version(1, Map.of("acc", 0.8999)),
                Optional.empty()))).isFalse();
        assertThat(GateEvaluator.evaluate(rules, version(1, Map.of()), Optional.empty()))
                .noneMatch(GateResult::passed);
        assertThat(GateEvaluator.evaluate(rules, version(1, Map.of("acc", Double.NaN)), Optional.empty()))
                .noneMatch(GateResult::passed);
    }

    @Test
    void mustBeatUsesTheMarginAndTheDirectionOfTheMetric() {
        AliasRules higher = rules("{\"mustBeat\":{\"metric\":\"f1\",\"by\":0.02}}");
        Optional<Candidate> holder = Optional.of(version(1, Map.of("f1", 0.80, "val_loss", 0.5)));
        assertThat(GateEvaluator.evaluate(higher, version(2, Map.of("f1", 0.82)), holder).get(0).passed()).isTrue();
        assertThat(GateEvaluator.evaluate(higher, version(2, Map.of("f1", 0.81)), holder).get(0).passed()).isFalse();
        assertThat(GateEvaluator.evaluate(higher, version(2, Map.of("f1", 0.1)), Optional.empty()).get(0).passed())
                .as("no holder yet").isTrue();

        AliasRules lower = rules("{\"mustBeat\":{\"metric\":\"val_loss\",\"by\":0.1}}");
        assertThat(lower.mustBeat().mode()).isEqualTo("min");
        assertThat(GateEvaluator.evaluate(lower, version(2, Map.of("val_loss", 0.4)), holder).get(0).passed())
                .isTrue();
        assertThat(GateEvaluator.evaluate(lower, version(2, Map.of("val_loss", 0.45)), holder).get(0).passed())
                .isFalse();
        assertThat(GateEvaluator.evaluate(lower, version(2, Map.of()), holder).get(0).passed()).isFalse();
    }

    @Test
    void subgroupGapAppliesToEveryNamedMetric() {
        AliasRules rules = rules("""
                {"gates":[{"metric":"acc","min":0.5}],"mustBeat":{"metric":"f1"},"maxSubgroupGap":0.1}""");
        List<GateResult> results = GateEvaluator.evaluate(rules,
                new Candidate(1, Map.of("acc", 0.9, "f1", 0.9), Map.of("acc", 0.1, "f1", 0.3)), Optional.empty());
        assertThat(results).extracting(GateResult::gate).containsExactly("min", "mustBeat", "maxSubgroupGap",
                "maxSubgroupGap");
        assertThat(results).extracting(GateResult::passed).containsExactly(true, true, true, false);
    }
}
