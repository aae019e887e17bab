package io.trainyard.training.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Already-parsed rows. Each row has one cell per column, in column order; {@code null} or blank means missing.
 * Rows are not copied: callers must not mutate them while training runs.
 */
public final class TabularData {
    private final List<Column> columns;
    private final List<String[]> rows;

    public TabularData(List<Column> columns, List<String[]> rows) {
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
        for (int i = 0; i < this.rows.size(); i++) {
            if (this.rows.get(i).length != this.columns.size()) {
                throw new IllegalArgumentException("row " + i + " has " + this.rows.get(i).length
                        + " cells, expected " + this.columns.size());
            }
        }
    }

    public List<Column> columns() {
        return columns;
    }

    public List<String[]> rows() {
        return rows;
    }

    public int size() {
        return rows.size();
    }

    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    public String cell(int row, int column) {
        return rows.get(row)[column];
    }

    public static boolean isMissing(String cell) {
        return cell == null || cell.isBlank();
    }

    /** A schema with distinct counts computed from the rows (for validation when no profile is at hand). */
    public Schema schema() {
        List<Column> out = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            Set<String> distinct = new HashSet<>();
            for (String[] row : rows) {
                if (!isMissing(row[c])) {
                    distinct.add(row[c].strip());
                }
            }
            Column col = columns.get(c);
            out.add(new Column(col.name(), col.type(), (long) distinct.size()));
        }
        return new Schema(out, rows.size());
    }

    @Override
    public String toString() {
        return "TabularData[" + columns.size() + " columns, " + rows.size() + " rows]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TabularData t && t.columns.equals(columns) && t.rows == rows;
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, rows.size());
    }
}
