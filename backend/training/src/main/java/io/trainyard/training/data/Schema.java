package io.trainyard.training.data;

import java.util.List;
import java.util.Optional;

/**
 * A dataset schema/profile summary, enough to validate a training config before any data is read.
 *
 * @param columns the columns in file order
 * @param rowCount rows in the dataset (0 when unknown: the batch-size check is then skipped)
 */
public record Schema(List<Column> columns, long rowCount) {
    public Schema {
        columns = List.copyOf(columns);
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
