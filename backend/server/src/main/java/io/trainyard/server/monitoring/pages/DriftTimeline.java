package io.trainyard.server.monitoring.pages;

import io.trainyard.client.model.DriftReport;
import io.trainyard.client.model.FeatureDrift;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A monitor's reports as chart series, oldest first: each feature's PSI (one scale for every test, so features
 * compare on one chart), the drifted share, and the performance metrics where labels existed. Failed and
 * not-enough-data reports leave gaps.
 */
record DriftTimeline(List<Long> times, Map<String, List<Double>> psi, List<Double> driftedShare,
                     Map<String, List<Double>> performance) {

    static DriftTimeline of(List<DriftReport> newestFirst) {
        List<DriftReport> reports = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(reports);
        List<Long> times = new ArrayList<>();
        Map<String, List<Double>> psi = new LinkedHashMap<>();
        List<Double> share = new ArrayList<>();
        Map<String, List<Double>> performance = new LinkedHashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            DriftReport r = reports.get(i);
            times.add(r.windowEnd().getEpochSecond());
            boolean usable = "ok".equals(r.status()) || "drifting".equals(r.status());
            share.add(usable ? r.driftedShare() : null);
            for (FeatureDrift f : r.features()) {
                psi.computeIfAbsent(f.feature(), k -> new ArrayList<>());
            }
            for (Map.Entry<String, List<Double>> e : psi.entrySet()) {
                pad(e.getValue(), i);
                e.getValue().add(usable ? psiOf(r, e.getKey()) : null);
            }
            if (r.performance() != null) {
                put(performance, "accuracy", i, r.performance().accuracy());
                put(performance, "macro F1", i, r.performance().f1());
                put(performance, "RMSE", i, r.performance().rmse());
            }
        }
        psi.values().forEach(v -> pad(v, reports.size()));
        performance.values().forEach(v -> pad(v, reports.size()));
        return new DriftTimeline(times, psi, share, performance);
    }

    private static Double psiOf(DriftReport report, String feature) {
        return report.features().stream().filter(f -> f.feature().equals(feature)).findFirst()
                .map(FeatureDrift::psi).orElse(null);
    }

    private static void put(Map<String, List<Double>> series, String name, int index, Double value) {
        if (value == null) {
            return;
        }
        List<Double> values = series.computeIfAbsent(name, k -> new ArrayList<>());
        pad(values, index);
        values.add(value);
    }

    private static void pad(List<Double> values, int size) {
        while (values.size() < size) {
            values.add(null);
        }
    }
}
