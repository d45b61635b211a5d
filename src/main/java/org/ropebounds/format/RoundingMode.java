package org.ropebounds.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ropebounds.InvalidInputException;

/**
 * The four rounding modes of IEEE 754 binary arithmetic (MPFR's RNDN, RNDZ, RNDU, RNDD). The constants
 * are named by direction on the real line ({@link #TOWARD_POSITIVE}, {@link #TOWARD_NEGATIVE}) so that
 * they cannot be confused with {@link java.math.RoundingMode#UP} and {@link java.math.RoundingMode#DOWN},
 * which round away from and toward zero. The labels ({@code up}, {@code down}) are the spellings the
 * command line and JSON have always used.
 */
public enum RoundingMode {
    /** To the nearest value; a tie goes to the one with an even last significand bit. */
    NEAREST_EVEN("nearest-even", "rne", "rn", "nearest", "even"),
    /** Toward zero (truncation). */
    TOWARD_ZERO("toward-zero", "rtz", "rz", "zero", "trunc"),
    /** Toward positive infinity (ceiling). */
    TOWARD_POSITIVE("up", "ru", "rtp", "ceiling", "toward-positive"),
    /** Toward negative infinity (floor). */
    TOWARD_NEGATIVE("down", "rd", "rtn", "floor", "toward-negative");

    private final String label;
    private final String[] aliases;

    RoundingMode(String label, String... aliases) {
        this.label = label;
        this.aliases = aliases;
    }

    /** The name used in all output: {@code nearest-even}, {@code toward-zero}, {@code up}, {@code down}. */
    public String label() {
        return label;
    }

    /**
     * The mode named by {@code text}: a label or an alias (rne, rz, ru, rd, floor, ceiling, ...), case-insensitive.
     *
     * @throws InvalidInputException naming the text and listing the accepted names
     */
    public static RoundingMode parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (RoundingMode m : values()) {
            if (m.label.equals(t) || Arrays.asList(m.aliases).contains(t)) {
                return m;
            }
        }
        throw new InvalidInputException("unknown rounding mode '" + InvalidInputException.quoted(text) + "'; accepted: "
                + Arrays.stream(values()).map(RoundingMode::label).collect(Collectors.joining(", ")));
    }

    /**
     * Whether rounding moves the magnitude up to the next multiple of the quantum.
     *
     * @param negative the sign of the exact value
     * @param truncatedOdd whether the truncated significand is odd (for ties to even)
     * @param remainder how the discarded part compares with half a quantum
     */
    boolean roundsMagnitudeUp(boolean negative, boolean truncatedOdd, Remainder remainder) {
        if (remainder == Remainder.ZERO) {
            return false;
        }
        return switch (this) {
            case NEAREST_EVEN -> remainder == Remainder.ABOVE_HALF || (remainder == Remainder.HALF && truncatedOdd);
            case TOWARD_ZERO -> false;
            case TOWARD_POSITIVE -> !negative;
            case TOWARD_NEGATIVE -> negative;
        };
    }

    /** Whether an overflow in this mode goes to infinity (otherwise to the largest finite value). */
    boolean overflowsToInfinity(boolean negative) {
        return this == NEAREST_EVEN || (this == TOWARD_POSITIVE && !negative) || (this == TOWARD_NEGATIVE && negative);
    }

    /** The discarded part of a significand, relative to half a quantum. */
    enum Remainder { ZERO, BELOW_HALF, HALF, ABOVE_HALF }

    @Override
    public String toString() {
        return label;
    }
}
