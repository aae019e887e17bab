package io.trainyard.server.datasets.profile;

import io.trainyard.client.model.ColumnProfile;
import io.trainyard.client.model.ColumnType;
import io.trainyard.client.model.QualityIssue;
import io.trainyard.client.model.QualityReport;
import io.trainyard.client.model.Severity;
import io.trainyard.client.model.ValueCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The data quality rules. Each finding names its column (null: the whole file), a count and a severity:
 * <ul>
 * <li>{@code missing_values}: info below 20 % of the rows, warning from 20 %, error when every value
 *     is missing;
 * <li>{@code duplicate_rows}: warning; count = rows equal to an earlier row;
 * <li>{@code constant_column}: warning when every non-missing value is the same;
 * <li>{@code type_violations}: warning when a numeric or datetime column has values of another kind;
 * <li>{@code high_cardinality}: warning for a categorical column with more than 50 distinct values
 *     (one-hot encoding would add a feature each); info for a text column whose every value is
 *     different (an identifier, not a feature);
 * <li>{@code outliers}: values outside [Q1 − 1.5 IQR, Q3 + 1.5 IQR]; info up to 1 % of the values,
 *     warning above; not checked when the IQR is 0;
 * <li>{@code class_imbalance} (only with a target column that is categorical, boolean, or numeric with
 *     at most 20 distinct values): error when it has a single class; otherwise the smallest class
 *     against the largest: warning below 0.2, info below 0.5. Count = rows of the smallest class.
 * </ul>
 * The report lists errors first, then warnings, then infos; within a severity, file-level findings
 * first and then the columns in file order.
 */
final class QualityChecks {

    static final double MISSING_WARNING_SHARE = 0.2;
    static final long HIGH_CARDINALITY = 50;
    static final double OUTLIER_WARNING_SHARE = 0.01;
    static final double IMBALANCE_WARNING_RATIO = 0.2;
    static final double IMBALANCE_INFO_RATIO = 0.5;
    static final int MAX_CLASSES = 20;

    private QualityChecks() {
    }

    static QualityReport report(List<ColumnAccumulator.Finished> columns, long rows, long duplicateRows,
                                String targetColumn) {
        List<QualityIssue> issues = new ArrayList<>();
        if (duplicateRows > 0) {
            issues.add(new QualityIssue(Severity.WARNING, "duplicate_rows", null,
                    count(duplicateRows, "row repeats", "rows repeat") + " an earlier row ("
                            + percent(duplicateRows, rows) + " of the rows)", duplicateRows));
        }
        for (ColumnAccumulator.Finished column : columns) {
            checkColumn(column, issues);
            if (column.profile().name().equals(targetColumn)) {
                checkClasses(column, issues);
            }
        }
        issues.sort(Comparator.comparing(QualityIssue::severity).reversed());
        return new QualityReport(List.copyOf(issues));
    }

    private static void checkColumn(ColumnAccumulator.Finished column, List<QualityIssue> issues) {
        ColumnProfile p = column.profile();
        String name = p.name();
        long nonMissing = p.count() - p.missing();
        if (p.missing() > 0) {
            Severity severity = p.missing() == p.count() ? Severity.ERROR
                    : p.missing() >= MISSING_WARNING_SHARE * p.count() ? Severity.WARNING : Severity.INFO;
            String message = p.missing() == p.count()
                    ? "column '" + name + "' is empty: all " + p.count() + " values are missing"
                    : "column '" + name + "' has " + count(p.missing(), "missing value", "missing values")
                            + " (" + percent(p.missing(), p.count()) + ")";
            issues.add(new QualityIssue(severity, "missing_values", name, message, p.missing()));
        }
        if (nonMissing > 0 && p.distinct() == 1 && p.distinctExact()) {
            String value = column.column().distinct.top(1).get(0).value();
            issues.add(new QualityIssue(Severity.WARNING, "constant_column", name, "column '" + name
                    + "' has the same value '" + value + "' in every row where it is not missing", nonMissing));
        }
        if (p.typeViolations() > 0) {
            boolean numeric = p.type() == ColumnType.NUMERIC;
            String example = numeric ? column.column().firstNonNumeric : column.column().firstNonDatetime;
            long line = numeric ? column.column().firstNonNumericLine : column.column().firstNonDatetimeLine;
            issues.add(new QualityIssue(Severity.WARNING, "type_violations", name, "column '" + name + "' is "
                    + p.type().wireName() + " but " + count(p.typeViolations(), "value is not", "values are not")
                    + (numeric ? " a number" : " an ISO date or date-time") + ", e.g. '" + example + "' on line "
                    + line, p.typeViolations()));
        }
        if (p.type() == ColumnType.CATEGORICAL && p.distinct() > HIGH_CARDINALITY) {
            issues.add(new QualityIssue(Severity.WARNING, "high_cardinality", name, "column '" + name
                    + "' is categorical with " + (p.distinctExact() ? "" : "about ") + p.distinct()
                    + " distinct values; one-hot encoding would add a feature for each", p.distinct()));
        }
        if (p.type() == ColumnType.TEXT && nonMissing >= 20 && p.distinct() >= 0.98 * nonMissing) {
            issues.add(new QualityIssue(Severity.INFO, "high_cardinality", name, "column '" + name
                    + "' has a different value in every row: an identifier rather than a feature",
                    p.distinct()));
        }
        NumericAccumulator.Result numeric = column.numeric();
        if (numeric != null && numeric.outliersChecked() && numeric.outliers() > 0) {
            long values = nonMissing - p.typeViolations();
            Severity severity = numeric.outliers() > OUTLIER_WARNING_SHARE * values ? Severity.WARNING : Severity.INFO;
            issues.add(new QualityIssue(severity, "outliers", name, "column '" + name + "' has "
                    + (column.column().numeric.exact() ? "" : "about ")
                    + count(numeric.outliers(), "value", "values") + " (" + percent(numeric.outliers(), values)
                    + ") outside [" + number(numeric.lowerFence()) + ", " + number(numeric.upperFence())
                    + "], 1.5 interquartile ranges beyond the quartiles", numeric.outliers()));
        }
    }

    private static void checkClasses(ColumnAccumulator.Finished column, List<QualityIssue> issues) {
        ColumnProfile p = column.profile();
        String name = p.name();
        boolean classes = p.type() == ColumnType.CATEGORICAL || p.type() == ColumnType.BOOLEAN
                || (p.type() == ColumnType.NUMERIC && p.distinctExact() && p.distinct() <= MAX_CLASSES);
        if (!classes || !p.distinctExact() || p.distinct() == 0) {
            return;
        }
        List<ValueCount> counts = column.column().distinct.all();
        ValueCount largest = counts.get(0);
        if (counts.size() == 1) {
            issues.add(new QualityIssue(Severity.ERROR, "class_imbalance", name, "target column '" + name
                    + "' has a single class, '" + largest.value() + "': there is nothing to tell apart",
                    largest.count()));
            return;
        }
        ValueCount smallest = counts.get(counts.size() - 1);
        double ratio = (double) smallest.count() / largest.count();
        if (ratio >= IMBALANCE_INFO_RATIO) {
            return;
        }
        Severity severity = ratio < IMBALANCE_WARNING_RATIO ? Severity.WARNING : Severity.INFO;
        issues.add(new QualityIssue(severity, "class_imbalance", name, "target column '" + name
                + "' is imbalanced: its smallest class '" + smallest.value() + "' has "
                + count(smallest.count(), "row", "rows") + ", its largest '" + largest.value() + "' "
                + largest.count() + " (ratio " + String.format(Locale.ROOT, "%.2f", ratio) + ")",
                smallest.count()));
    }

    private static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f%%", whole == 0 ? 0.0 : 100.0 * part / whole);
    }

    private static String number(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }
}
