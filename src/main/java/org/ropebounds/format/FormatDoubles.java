package org.ropebounds.format;

import org.ropebounds.InvalidInputException;

/**
 * A view of a {@link Format} whose every value is a double ({@link Format#valuesAreDoubles()}): its
 * values held as doubles, reading number text into the format, encodings, and distances in ulps.
 * Obtained from {@link Format#doubles()}. Immutable and thread-safe.
 */
public final class FormatDoubles {
    private static final int OTHER = 0;
    private static final int FP32 = 1;
    private static final int FP64 = 2;

    private final Format format;
    private final long signBit;
    private final int kind; // fp32 and fp64 take Java's own conversions

    /**
     * The view of {@code format}; callers use {@link Format#doubles()}, which keeps one per format.
     *
     * @throws InvalidInputException unless {@link Format#valuesAreDoubles()}, naming the format
     */
    FormatDoubles(Format format) {
        if (!format.valuesAreDoubles()) {
            throw new InvalidInputException("format " + format.name() + " has values that are not doubles; accepted: "
                    + "fp64, fp32, tf32, fp16, bf16, fp8-e4m3, fp8-e5m2 and custom formats with p <= 53 within fp64's exponents");
        }
        this.format = format;
        this.signBit = format.encodingBits() == 64 ? Long.MIN_VALUE : 1L << (format.encodingBits() - 1);
        this.kind = format.equals(Format.FP32) ? FP32 : format.equals(Format.FP64) ? FP64 : OTHER;
    }

    /** The format viewed. */
    public Format format() {
        return format;
    }

    /** The encoding of v, a value of the format (NaN gives the format's NaN encoding). */
    public long bits(double v) {
        if (kind == FP32 && !Double.isNaN(v)) {
            return Float.floatToRawIntBits((float) v) & 0xffffffffL; // exact: v is an fp32 value
        }
        if (kind == FP64 && !Double.isNaN(v)) {
            return Double.doubleToRawLongBits(v);
        }
        return format.roundToBits(v, RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY);
    }

    /** The value with encoding {@code bits}, exactly. */
    public double value(long bits) {
        return format.toDouble(bits);
    }

    /** x rounded to nearest-even in the format (infinity on overflow, NaN in formats without infinity). */
    public double round(double x) {
        return format.roundNearestToDouble(x);
    }

    /** Whether the double v is a value of the format. */
    public boolean contains(double v) {
        return Double.isNaN(v) || round(v) == v;
    }

    /**
     * The number of format values from a to b: 0 when equal (+0 and -0 are equal), 1 for neighbours,
     * counted across zero, as an unsigned 64-bit integer (fp64's widest distance needs all 64 bits).
     * Infinity counts as the value after the largest finite one.
     *
     * @param a a non-NaN value of the format
     * @param b a non-NaN value of the format
     */
    public long ulpDistance(double a, double b) {
        long oa = ordinal(a);
        long ob = ordinal(b);
        return oa >= ob ? oa - ob : ob - oa; // the exact difference fits 64 unsigned bits
    }

    private long ordinal(double v) {
        long bits = bits(v);
        long magnitude = bits & ~signBit;
        return (bits & signBit) != 0 ? -magnitude : magnitude;
    }

    /** The encoding as hex digits of the format's width, e.g. {@code 0x3f800000} for fp32 1. */
    public String bitsHex(double v) {
        return FormatEncoding.hex(format, Long.toHexString(bits(v)));
    }

    /**
     * A number in text (decimal or C99 hex float; inf, -inf, nan) read into the format: decimal text is
     * rounded to nearest-even, as numpy and Python read it, so any shortest or longer decimal printout
     * reads back as the value printed; hex text must be a value of the format exactly.
     *
     * @return the value (NaN for nan text)
     * @throws InvalidInputException for anything else, naming the text
     */
    public double parse(String text) {
        String t = text.strip();
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        switch (lower) {
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return format.hasInfinity() ? Double.POSITIVE_INFINITY : invalid(t, "the format has no infinity");
            }
            case "-inf", "-infinity" -> {
                return format.hasInfinity() ? Double.NEGATIVE_INFINITY : invalid(t, "the format has no infinity");
            }
            default -> { }
        }
        if (t.isEmpty() || t.length() > 1000) {
            return invalid(t, t.isEmpty() ? "empty" : "longer than 1000 characters");
        }
        if (lower.contains("x")) {
            var rounded = format.round(SignedRational.parse(t), RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY);
            if (rounded.ternary() != 0) {
                return invalid(t, "a hex float must be a value of " + format.name() + " exactly");
            }
            return format.toDouble(rounded.value().bits().longValue());
        }
        if (!plainDecimal(t)) {
            return invalid(t, "accepted: decimal (0.1, -1.5e-7) or hex float (0x1.8p-3), inf, nan");
        }
        double v = roundDecimal(t);
        if (Double.isNaN(v)) { // overflow in a format without infinity
            return invalid(t, "it overflows " + format.name() + ", which has no infinity (largest finite value "
                    + format.maxFinite().toRational().toCompactDecimalStringOrFraction() + ")");
        }
        return v;
    }

    private double roundDecimal(String t) {
        double d = Double.parseDouble(t); // correctly rounded to fp64
        long down = format.roundToBits(d, RoundingMode.TOWARD_NEGATIVE, OverflowPolicy.INFINITY);
        double lo = format.toDouble(down);
        if (lo == d) {
            return d;
        }
        double hi = format.toDouble(format.roundToBits(d, RoundingMode.TOWARD_POSITIVE, OverflowPolicy.INFINITY));
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || d - lo != hi - d) {
            // every midpoint of the format is a double, so d and the decimal lie on the same side of each
            return round(d);
        }
        // d is a midpoint: the decimal may lie on either side of it
        return format.toDouble(format.round(Rational.parse(t), RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).value().bits().longValue());
    }

    /**
     * An array entry: {@link #parse}, refusing NaN (a NaN has no distance in ulps, and is never a correct entry).
     *
     * @param where the entry's place for messages ({@code cos.txt, line 12})
     * @throws InvalidInputException naming the place
     */
    public double parseEntry(String text, String where) {
        double v;
        try {
            v = parse(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + ": " + e.getMessage());
        }
        if (Double.isNaN(v)) {
            throw nanEntry(where);
        }
        return v;
    }

    /** The error for a NaN entry at {@code where}. */
    public static InvalidInputException nanEntry(String where) {
        return new InvalidInputException(where + " holds NaN; crosscheck compares numbers, and NaN is never a correct entry");
    }

    private static boolean plainDecimal(String t) {
        int i = 0;
        int n = t.length();
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && t.charAt(i) == '.') {
            i++;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static double invalid(String t, String why) {
        throw new InvalidInputException("number '" + InvalidInputException.quoted(t) + "' is not accepted: " + why);
    }
}
