package io.trainyard.server.registry.pages;

import io.trainyard.client.model.ModelVersion;
import io.trainyard.client.model.PromotionPolicy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Which metrics the versions table shows side by side: the policy's metrics first, then the test metrics. */
final class VersionColumns {

    private static final int MAX_COLUMNS = 8;

    private VersionColumns() {
    }

    static List<String> metrics(PromotionPolicy policy, List<ModelVersion> versions) {
        Set<String> columns = new LinkedHashSet<>();
        policy.aliases().values().forEach(rules -> {
            rules.gates().forEach(g -> columns.add(g.metric()));
            if (rules.mustBeat() != null) {
                columns.add(rules.mustBeat().metric());
            }
        });
        Set<String> tests = new TreeSet<>();
        versions.forEach(v -> v.metrics().keySet().stream().filter(k -> k.startsWith("test_")).forEach(tests::add));
        columns.addAll(tests);
        return columns.stream().limit(MAX_COLUMNS).toList();
    }
}
