package io.trainyard.server.datasets.profile;

/**
 * Parses a decimal number straight from the CSV parser's char buffer, without allocating.
 *
 * <p>Accepted: an optional sign, digits with an optional decimal point (digits on at least one side),
 * an optional exponent ({@code e} or {@code E}, optional sign, digits). Not accepted, on purpose:
 * {@code NaN}, {@code Infinity}, hexadecimal, the {@code d}/{@code f} suffixes and digit grouping that
 * {@link Double#parseDouble} takes, and values that overflow to infinity.
 *
 * <p>When the digits form a mantissa of at most 2<sup>53</sup> and the decimal exponent is within ±22,
 * the value is that exact mantissa times or divided by an exact power of ten (Clinger's fast path): one
 * rounding, so the result is the correctly rounded double, the same as {@code Double.parseDouble}. Plain
 * decimals ({@code -1234.56}) take a shorter loop still. Anything else goes to
 * {@code Double.parseDouble}.
 */
final class NumberParser {

    /** Exact powers of ten as doubles (10^22 is the largest one a double holds exactly). */
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    /** Below this the mantissa can take another digit without overflowing a long. */
    private static final long MANTISSA_LIMIT = 100_000_000_000_000_000L;
    private static final long MAX_EXACT_MANTISSA = 1L << 53;

    private NumberParser() {
    }

    /**
     * @param decimalComma also accept {@code ,} as the decimal point (semicolon-separated files written
     *                     with a European locale use it)
     * @return the value, or {@code NaN} when the text is not a finite number
     */
    static double parse(char[] buf, int off, int len, boolean decimalComma) {
        // fast path: [sign] digits with at most one decimal point, no exponent, at most 18 digits
        int i = off;
        final int end = off + len;
        char c = buf[i];
        boolean negative = c == '-';
        if (negative || c == '+') {
            i++;
        }
        if (end - i <= 19) {
            long mantissa = 0;
            int point = -1;
            int start = i;
            for (; i < end; i++) {
                c = buf[i];
                int digit = c - '0';
                if (digit >= 0 && digit <= 9) {
                    mantissa = mantissa * 10 + digit;
                } else if (point < 0 && (c == '.' || (decimalComma && c == ','))) {
                    point = i;
                } else {
                    break;
                }
            }
            int digits = i - start - (point < 0 ? 0 : 1);
            if (i == end && digits > 0 && digits <= 18 && mantissa <= MAX_EXACT_MANTISSA) {
                int fraction = point < 0 ? 0 : end - point - 1; // digits after the point: at most 18
                double value = fraction == 0 ? mantissa : mantissa / POWERS_OF_TEN[fraction];
                return negative ? -value : value;
            }
        }
        return parseGeneral(buf, off, len, decimalComma);
    }

    /** The general case: exponents, and more digits than the fast path takes. */
    private static double parseGeneral(char[] buf, int off, int len, boolean decimalComma) {
        int i = off;
        final int end = off + len;
        char c = buf[i];
        // quick reject: most text cells fail here
        if ((c < '0' || c > '9') && c != '-' && c != '+' && c != '.' && !(decimalComma && c == ',')) {
            return Double.NaN;
        }
        boolean negative = false;
        if (c == '-' || c == '+') {
            negative = c == '-';
            if (++i == end) {
                return Double.NaN;
            }
        }
        long mantissa = 0;
        int exponent = 0;
        boolean digits = false;
        boolean truncated = false;
        for (; i < end; i++) {
            c = buf[i];
            if (c < '0' || c > '9') {
                break;
            }
            digits = true;
            if (mantissa < MANTISSA_LIMIT) {
                mantissa = mantissa * 10 + (c - '0');
            } else {
                exponent++;
                truncated |= c != '0';
            }
        }
        if (i < end && (c == '.' || (decimalComma && c == ','))) {
            for (i++; i < end; i++) {
                c = buf[i];
                if (c < '0' || c > '9') {
                    break;
                }
                digits = true;
                if (mantissa < MANTISSA_LIMIT) {
                    mantissa = mantissa * 10 + (c - '0');
                    exponent--;
                } else {
                    truncated |= c != '0';
                }
            }
        }
        if (!digits) {
            return Double.NaN;
        }
        if (i < end && (c == 'e' || c == 'E')) {
            if (++i == end) {
                return Double.NaN;
            }
            boolean negativeExponent = false;
            c = buf[i];
            if (c == '-' || c == '+') {
                negativeExponent = c == '-';
                if (++i == end) {
                    return Double.NaN;
                }
            }
            int e = 0;
            int start = i;
            for (; i < end; i++) {
                c = buf[i];
                if (c < '0' || c > '9') {
                    return Double.NaN;
                }
                if (e < 100_000) {
                    e = e * 10 + (c - '0');
                }
            }
            if (i == start) {
                return Double.NaN;
            }
            exponent += negativeExponent ? -e : e;
        }
        if (i != end) {
            return Double.NaN;
        }
        if (mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        if (!truncated && mantissa <= MAX_EXACT_MANTISSA && exponent >= -22 && exponent <= 22) {
            double value = mantissa;
            value = exponent < 0 ? value / POWERS_OF_TEN[-exponent] : value * POWERS_OF_TEN[exponent];
            return negative ? -value : value;
        }
        return slowPath(buf, off, len);
    }

    private static double slowPath(char[] buf, int off, int len) {
        char[] copy = new char[len];
        for (int k = 0; k < len; k++) {
            char c = buf[off + k];
            copy[k] = c == ',' ? '.' : c;
        }
        double value = Double.parseDouble(new String(copy));
        return Double.isInfinite(value) ? Double.NaN : value;
    }
}
