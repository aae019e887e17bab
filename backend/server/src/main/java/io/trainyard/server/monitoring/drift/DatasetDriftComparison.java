package io.trainyard.server.monitoring.drift;

import io.trainyard.client.model.ColumnProfile;
import io.trainyard.client.model.ColumnType;
import io.trainyard.client.model.DatasetSelector;
import io.trainyard.client.model.DatasetVersion;
import io.trainyard.client.model.DriftReport;
import io.trainyard.client.model.DriftRequest;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.drift.DriftEngine;
import io.trainyard.drift.DriftSettings;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.datasets.ColumnTable;
import io.trainyard.server.datasets.DatasetColumns;
import io.trainyard.server.datasets.DatasetVersions;
import io.trainyard.server.monitoring.MonitoringProperties;
import io.trainyard.server.security.ProjectAccess;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Ad hoc drift between two dataset versions of a project: every column both have, typed by the reference's
 * profile (numbers; categories and booleans as categories; text and dates are not compared).
 */
@Service
public class DatasetDriftComparison {

    private final ProjectAccess projects;
    private final DatasetVersions versions;
    private final DatasetColumns columns;
    private final MonitoringProperties properties;

    DatasetDriftComparison(ProjectAccess projects, DatasetVersions versions, DatasetColumns columns,
                           MonitoringProperties properties) {
        this.projects = projects;
        this.versions = versions;
        this.columns = columns;
        this.properties = properties;
    }

    public DriftReport compare(String projectKey, DriftRequest request) {
        projects.require(projectKey, ProjectRole.VIEWER);
        if (request == null) {
            throw new ApiException.BadRequest("reference", "is required");
        }
        DriftSettings settings = DriftSettingsFactory.settings(request.thresholds(), "thresholds");
        DatasetVersion reference = describe(projectKey, request.reference(), "reference");
        DatasetVersion current = describe(projectKey, request.current(), "current");

        Map<String, ColumnProfile> currentColumns = new LinkedHashMap<>();
        current.columns().forEach(c -> currentColumns.put(c.name(), c));
        Map<String, Boolean> compared = new LinkedHashMap<>();
        FeatureFrame problems = new FeatureFrame();
        for (ColumnProfile column : reference.columns()) {
            ColumnProfile other = currentColumns.remove(column.name());
            if (other == null) {
                problems.problem(column.name(), "missing from the current data");
            } else if (kind(column.type()) == null) {
                continue; // text and dates: no distribution test
            } else if (!kind(column.type()).equals(kind(other.type()))) {
                problems.problem(column.name(), "type changed from " + column.type().wireName() + " to "
                        + other.type().wireName());
            } else {
                compared.put(column.name(), kind(column.type()));
            }
        }
        currentColumns.keySet().forEach(name -> problems.problem(name, "not in the reference data"));

        ColumnTable ref = columns.read(projectKey, reference.dataset(), reference.version(), compared, null,
                (byte) 0, properties.maxReferenceRows());
        ColumnTable cur = columns.read(projectKey, current.dataset(), current.version(), compared, null,
                (byte) 0, properties.maxCurrentRows());
        FeatureFrame frame = FeatureFrame.pair(compared, ref.columns(), cur.columns());
        frame.problems().addAll(0, problems.problems());
        io.trainyard.drift.DriftReport result;
        try {
            result = new DriftEngine(settings).report(frame.samples());
        } catch (IllegalArgumentException e) {
            // a per-feature test that cannot apply to that feature's type (checked before any work)
            throw new ApiException.BadRequest("thresholds.features", e.getMessage());
        }
        boolean enough = ref.rows() > 0 && cur.rows() > 0;
        return DriftReportBuilder.of(result, enough)
                .reference(label(reference)).current(label(current))
                .schemaProblems(frame.problems())
                .createdAt(Instant.now())
                .build();
    }

    /** true: numeric, false: categorical, null: not compared. */
    static Boolean kind(ColumnType type) {
        return switch (type) {
            case NUMERIC -> true;
            case CATEGORICAL, BOOLEAN -> false;
            default -> null;
        };
    }

    private DatasetVersion describe(String projectKey, DatasetSelector selector, String field) {
        if (selector == null || selector.dataset() == null || selector.dataset().isBlank()) {
            throw new ApiException.BadRequest(field + ".dataset", "is required");
        }
        if (selector.version() == null) {
            throw new ApiException.BadRequest(field + ".version", "is required");
        }
        try {
            return versions.describe(projectKey, selector.dataset(), selector.version());
        } catch (ApiException.NotFound e) {
            // the project was checked first, so this is about the dataset or version
            throw new ApiException.BadRequest(field, "dataset '" + selector.dataset() + "' has no version "
                    + selector.version() + " in project '" + projectKey + "'");
        }
    }

    static String label(DatasetVersion version) {
        return version.dataset() + " v" + version.version();
    }
}
