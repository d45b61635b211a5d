package org.ropebounds.bounds;

import java.util.Locale;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Format;

/** Which resolution of a format the precision ceiling divides by. */
public enum EpsilonConvention {
    /** eps_mach = 2^(1-p): ceiling 2^(p-1) (the seed paper's; fp32: 8388608). */
    MACHINE("machine", "eps_mach = 2^(1-p), ceiling 2^(p-1)"),
    /** u = 2^-p: ceiling 2^p. */
    UNIT("unit", "unit roundoff u = 2^-p, ceiling 2^p");

    private final String label;
    private final String description;

    EpsilonConvention(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The name used in JSON and on the command line: machine, unit. */
    public String label() {
        return label;
    }

    /** The convention in words, with its ceiling. */
    public String description() {
        return description;
    }

    /** The resolution of {@code f} under this convention. */
    public BinaryRational resolution(Format f) {
        return this == MACHINE ? f.machineEpsilon() : f.unitRoundoff();
    }

    /** Exponent k of the approx-spectrum ceiling 2^k: p-1 or p. */
    public int ceilingExponent(int precision) {
        return this == MACHINE ? precision - 1 : precision;
    }

    /** @throws InvalidInputException unless text is machine or unit */
    public static EpsilonConvention parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "machine", "eps-mach", "eps_mach", "mach" -> MACHINE;
            case "unit", "u", "unit-roundoff", "unit_roundoff" -> UNIT;
            default -> throw new InvalidInputException("unknown epsilon convention '" + text + "'; accepted: machine, unit");
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
