package org.ropebounds.bounds;

import java.util.Locale;
import org.ropebounds.InvalidInputException;

/** Which slowest RoPE frequency the bounds use. */
public enum Spectrum {
    /** theta_min = 1/b, the d -> infinity limit the seed paper's summaries use. */
    APPROX("approx", "theta_min = 1/b (the seed paper's approximation)"),
    /** theta_min = b^(-(d-2)/d), the true slowest mode of b^(-2i/d): the project's extension. */
    EXACT("exact", "theta_min = b^(-(d-2)/d) (exact slowest mode; this project's extension of the paper)");

    private final String label;
    private final String description;

    Spectrum(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The name used in JSON and on the command line: approx, exact. */
    public String label() {
        return label;
    }

    /** The slowest frequency it uses, in words. */
    public String description() {
        return description;
    }

    /** @throws InvalidInputException unless text is approx or exact */
    public static Spectrum parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "approx", "approximate", "paper" -> APPROX;
            case "exact" -> EXACT;
            default -> throw new InvalidInputException("unknown spectrum '" + text + "'; accepted: approx, exact");
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
