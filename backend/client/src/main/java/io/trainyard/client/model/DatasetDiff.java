package io.trainyard.client.model;

import java.util.List;

/**
 * What changed from one dataset version ("before", the reference) to another ("after").
 *
 * @param rowsBefore     rows in the reference version
 * @param rowsAfter      rows in the other version
 * @param rowsAdded      rows of "after" that are not in "before" (rows compare by a hash of their
 *                       normalized values; a row present twice in "after" but once in "before" counts once)
 * @param rowsRemoved    rows of "before" that are not in "after" (same rules)
 * @param addedColumns   columns only in "after", in its column order
 * @param removedColumns columns only in "before", in its column order
 * @param retypedColumns columns in both whose inferred type changed
 * @param columns        distribution drift of the columns in both with the same numeric, categorical or
 *                       boolean type
 */
public record DatasetDiff(long rowsBefore, long rowsAfter, long rowsAdded, long rowsRemoved,
                          List<String> addedColumns, List<String> removedColumns,
                          List<ColumnTypeChange> retypedColumns, List<ColumnDrift> columns) {
}
