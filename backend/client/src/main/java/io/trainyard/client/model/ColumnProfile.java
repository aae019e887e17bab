package io.trainyard.client.model;

import java.util.List;

/**
 * The profile of one column of a dataset version.
 *
 * @param name           the column name from the header row
 * @param type           the inferred type
 * @param count          rows in the file (missing values included)
 * @param missing        empty cells and {@code NA}, {@code N/A}, {@code n/a}, {@code #N/A}, {@code NaN},
 *                       {@code nan}, {@code NAN}, {@code null}, {@code NULL}, {@code Null}
 * @param distinct       distinct non-missing values (numbers compare by value, so {@code 1} and
 *                       {@code 1.0} are one value)
 * @param distinctExact  whether {@code distinct} was counted exactly; false when it is a sketch estimate
 * @param numeric        summary statistics; null unless the type is numeric
 * @param topValues      the 20 most frequent values, most frequent first; null for numeric and datetime
 *                       columns. Estimated (frequent-items sketch) when {@code distinctExact} is false
 * @param datetimeRange  earliest and latest value; null unless the type is datetime
 * @param typeViolations non-missing values that do not fit the inferred type (numeric and datetime
 *                       columns only; always 0 for the other types)
 */
public record ColumnProfile(String name, ColumnType type, long count, long missing, long distinct,
                            boolean distinctExact, NumericSummary numeric, List<ValueCount> topValues,
                            DatetimeRange datetimeRange, long typeViolations) {
}
