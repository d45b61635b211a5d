package org.ropebounds.crosscheck;

import java.util.Locale;
import org.ropebounds.InvalidInputException;

/** What an array produced by another implementation holds. */
public enum Quantity {
    /** inv_freq_i = b^(-2i/d), one entry per mode (d/2 entries). */
    INV_FREQ("inv_freq"),
    /** phase_i(p) = p * inv_freq_i, one row per position. */
    PHASE("phase"),
    /** cos(phase_i(p)), one row per position (a cos cache). */
    COS("cos"),
    /** sin(phase_i(p)), one row per position (a sin cache). */
    SIN("sin");

    private final String label;

    Quantity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The exact value an entry should be, as a formula: {@code theta_i = b^(-2i/d)}, {@code p * theta_i}, {@code cos(p * theta_i)}. */
    public String exactFormula() {
        return switch (this) {
            case INV_FREQ -> "theta_i = b^(-2i/d)";
            case PHASE -> "p * theta_i";
            case COS -> "cos(p * theta_i)";
            case SIN -> "sin(p * theta_i)";
        };
    }

    /** Whether entries depend on a position (every quantity but inv_freq). */
    public boolean hasPositions() {
        return this != INV_FREQ;
    }

    /**
     * @throws InvalidInputException unless the text is inv_freq, phase, cos or sin (any case; inv-freq too)
     */
    public static Quantity parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "inv_freq", "inv-freq", "invfreq" -> INV_FREQ;
            case "phase", "freqs" -> PHASE;
            case "cos" -> COS;
            case "sin" -> SIN;
            default -> throw new InvalidInputException("unknown quantity '" + InvalidInputException.quoted(text)
                    + "'; accepted: inv_freq, phase, cos, sin");
        };
    }
}
