package io.trainyard.server.datasets;

import java.util.List;
import java.util.Map;

/**
 * Columns read from a dataset version, in the order asked; {@code absent} names the asked columns the version
 * does not have. {@code sourceRows} is how many rows were eligible before sampling down to {@code rows}.
 */
public record ColumnTable(DatasetVersionRef version, int rows, long sourceRows, Map<String, ColumnValues> columns,
                          List<String> absent) {
}
