package io.trainyard.server.datasets.profile;

/**
 * Recognises ISO-8601 dates and date-times in the CSV parser's char buffer, without allocating, and
 * turns them into an instant for ordering.
 *
 * <p>Accepted: {@code yyyy-MM-dd}, optionally followed by {@code T} (or a space) and {@code HH:mm},
 * {@code HH:mm:ss} or {@code HH:mm:ss.fraction} (1–9 digits, {@code .} or {@code ,}), optionally followed
 * by {@code Z} or an offset {@code ±HH}, {@code ±HHmm} or {@code ±HH:mm}. Month, day (leap years
 * included), hour, minute and second are range-checked. Values without an offset are taken as UTC for
 * ordering; a date alone is its midnight.
 *
 * <p>Not thread-safe: {@link #epochSecond} and {@link #nano} hold the result of the last successful
 * {@link #parse}.
 */
final class IsoDateTimeParser {

    long epochSecond;
    int nano;

    boolean parse(char[] b, int off, int len) {
        if (len < 10 || b[off + 4] != '-' || b[off + 7] != '-') {
            return false;
        }
        int year = digits(b, off, 4);
        int month = digits(b, off + 5, 2);
        int day = digits(b, off + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return false;
        }
        long seconds = epochDay(year, month, day) * 86_400L;
        int fraction = 0;
        if (len > 10) {
            char sep = b[off + 10];
            if ((sep != 'T' && sep != 't' && sep != ' ') || len < 16 || b[off + 13] != ':') {
                return false;
            }
            int hour = digits(b, off + 11, 2);
            int minute = digits(b, off + 14, 2);
            if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
                return false;
            }
            int second = 0;
            int i = off + 16;
            int end = off + len;
            if (i < end && b[i] == ':') {
                if (i + 3 > end) {
                    return false;
                }
                second = digits(b, i + 1, 2);
                if (second < 0 || second > 59) {
                    return false;
                }
                i += 3;
                if (i < end && (b[i] == '.' || b[i] == ',')) {
                    int start = ++i;
                    while (i < end && b[i] >= '0' && b[i] <= '9') {
                        if (i - start < 9) {
                            fraction = fraction * 10 + (b[i] - '0');
                        }
                        i++;
                    }
                    int count = i - start;
                    if (count == 0 || count > 9) {
                        return false;
                    }
                    for (int k = count; k < 9; k++) {
                        fraction *= 10;
                    }
                }
            }
            seconds += hour * 3600L + minute * 60L + second;
            if (i < end) {
                char z = b[i];
                if ((z == 'Z' || z == 'z') && i + 1 == end) {
                    // UTC
                } else if (z == '+' || z == '-') {
                    int rest = end - i - 1;
                    int offsetHours;
                    int offsetMinutes = 0;
                    if (rest == 2) {
                        offsetHours = digits(b, i + 1, 2);
                    } else if (rest == 4) {
                        offsetHours = digits(b, i + 1, 2);
                        offsetMinutes = digits(b, i + 3, 2);
                    } else if (rest == 5 && b[i + 3] == ':') {
                        offsetHours = digits(b, i + 1, 2);
                        offsetMinutes = digits(b, i + 4, 2);
                    } else {
                        return false;
                    }
                    if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
                        return false;
                    }
                    int offsetSeconds = offsetHours * 3600 + offsetMinutes * 60;
                    seconds -= z == '+' ? offsetSeconds : -offsetSeconds;
                } else {
                    return false;
                }
            }
        }
        epochSecond = seconds;
        nano = fraction;
        return true;
    }

    /** The value of {@code count} decimal digits, or -1 if one of them is not a digit. */
    private static int digits(char[] b, int off, int count) {
        int value = 0;
        for (int i = off; i < off + count; i++) {
            char c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
