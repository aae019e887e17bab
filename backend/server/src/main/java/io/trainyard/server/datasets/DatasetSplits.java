package io.trainyard.server.datasets;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.trainyard.client.model.DatasetVersion;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.Sha256;
import io.trainyard.server.datasets.catalog.LoadedVersion;
import io.trainyard.server.datasets.catalog.VersionService;
import io.trainyard.server.datasets.profile.MissingValues;
import io.trainyard.server.datasets.profile.Split;
import io.trainyard.server.datasets.profile.SplitAssignment;
import io.trainyard.server.datasets.profile.SplitPlanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The deterministic split that training uses: the same version and {@link SplitSpec} give the same row
 * assignment every time, on every machine.
 */
@Service
public class DatasetSplits {

    private final VersionService versions;

    DatasetSplits(VersionService versions) {
        this.versions = versions;
    }

    public DatasetSplit split(String projectKey, String dataset, int version, SplitSpec spec) {
        LoadedVersion loaded = versions.load(projectKey, dataset, version);
        DatasetVersionRef ref = loaded.ref();
        DatasetVersion stored = loaded.view();
        char delimiter = stored.delimiter().charAt(0);
        List<String> labels = spec.stratifyColumn() == null ? null
                : columnValues(ref, delimiter, spec.stratifyColumn());
        SplitAssignment assignment;
        try {
            assignment = new SplitPlanner().plan(Math.toIntExact(stored.rowCount()), spec.validation(), spec.test(),
                    spec.seed(), labels);
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadRequest("split", e.getMessage());
        }
        byte[] bytes = assignment.toByteArray();
        return new DatasetSplit(ref, spec, assignment.count(Split.TRAIN), assignment.count(Split.VALIDATION),
                assignment.count(Split.TEST), Sha256.hex(bytes), bytes);
    }

    private List<String> columnValues(DatasetVersionRef ref, char delimiter, String column) {
        try (InputStream content = versions.content(ref);
             Reader reader = new InputStreamReader(content, StandardCharsets.UTF_8)) {
            List<String> values = new ArrayList<>();
            int index = -1;
            for (CsvRecord record : CsvReader.builder().fieldSeparator(delimiter).skipEmptyLines(true)
                    .ofCsvRecord(reader)) {
                if (index < 0) {
                    index = indexOf(record, column);
                    continue;
                }
                String value = index < record.getFieldCount() ? record.getField(index).strip() : "";
                // a missing label is a stratum of its own
                values.add(MissingValues.isMissing(value) ? null : value);
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(CsvRecord header, String column) {
        for (int i = 0; i < header.getFieldCount(); i++) {
            if (header.getField(i).strip().replace("\uFEFF", "").equals(column)) {
                return i;
            }
        }
        throw new ApiException.BadRequest("stratifyColumn", "column '" + column + "' is not in the dataset");
    }
}
