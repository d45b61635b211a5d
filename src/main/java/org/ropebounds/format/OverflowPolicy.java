package org.ropebounds.format;

import java.util.Locale;
import org.ropebounds.InvalidInputException;

/** What a rounding produces where IEEE 754 would overflow to infinity. */
public enum OverflowPolicy {
    /**
     * IEEE 754: infinity, or NaN in a format without infinity (OCP FP8 e4m3fn's non-saturating
     * conversion). Directed modes that round toward zero still give the largest finite value.
     */
    INFINITY("inf"),
    /** The largest finite value of the right sign (saturating conversion). */
    SATURATE("saturate");

    private final String label;

    OverflowPolicy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** @throws InvalidInputException unless {@code text} is {@code inf} or {@code saturate} */
    public static OverflowPolicy parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "inf", "infinity", "ieee", "nan" -> INFINITY;
            case "saturate", "sat" -> SATURATE;
            default -> throw new InvalidInputException("unknown overflow policy '" + InvalidInputException.quoted(text) + "'; accepted: inf, saturate");
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
