package io.trainyard.server.monitoring.pages;

import io.trainyard.client.model.DriftReport;
import io.trainyard.client.model.FeatureDrift;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A report with each feature's histogram overlay prepared for the template (the output under "prediction"). */
record ReportView(DriftReport report, Map<String, List<HistogramBars>> bars) {

    static ReportView of(DriftReport report) {
        if (report == null) {
            return null;
        }
        Map<String, List<HistogramBars>> bars = new LinkedHashMap<>();
        for (FeatureDrift f : report.features()) {
            bars.put(f.feature(), HistogramBars.of(f.histogram()));
        }
        if (report.output() != null) {
            bars.put(report.output().feature(), HistogramBars.of(report.output().histogram()));
        }
        return new ReportView(report, bars);
    }
}
