package io.trainyard.server.datasets.profile;

import io.trainyard.client.model.ColumnProfile;
import io.trainyard.client.model.QualityReport;
import java.util.List;

/**
 * What {@link CsvProfiler} learns from one CSV file.
 *
 * @param rowCount        data rows (the header not counted)
 * @param delimiter       the detected field separator: {@code ,}, {@code ;} or a tab
 * @param columns         one profile per column, in file order
 * @param quality         the data quality report
 * @param sortedRowHashes a 64-bit hash of each row's normalized values, sorted ascending; equal
 *                        neighbours are duplicate rows. Kept to diff versions ({@link DatasetDiffer}).
 *                        The record does not copy the array: treat it as read-only
 */
public record ProfileResult(long rowCount, char delimiter, List<ColumnProfile> columns, QualityReport quality,
                            long[] sortedRowHashes) {
}
