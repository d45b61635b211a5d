package org.ropebounds.bounds;

import java.util.List;
import org.ropebounds.format.Format;
import org.ropebounds.real.Arithmetic;

/**
 * The smallest per-token phase increment (about 1/b) must stay above the format's resolution:
 * b < 1/eps_mach(F) = 2^(p-1) (or 2^p with the unit-roundoff convention). Beyond it, increments are lost.
 */
public final class PrecisionCeiling implements Bound {
    @Override
    public String id() {
        return "precision_ceiling";
    }

    @Override
    public String title() {
        return "floating-point precision ceiling";
    }

    @Override
    public String source() {
        return Bounds.SEED_PAPER;
    }

    @Override
    public List<String> assumptions() {
        return List.of("the per-token increment theta_min must exceed the format's resolution eps_mach = 2^(1-p)"
                + " (or u = 2^-p by option); the paper's one-line criterion, refined by the pipeline emulation");
    }

    @Override
    public Side side() {
        return Side.UPPER;
    }

    @Override
    public boolean strict() {
        return true;
    }

    @Override
    public boolean dependsOnFormat() {
        return true;
    }

    /** 1/eps_mach in the machine-epsilon convention. */
    @Override
    public String closedForm() {
        return "2^(p-1)";
    }

    @Override
    public String closedForm(EpsilonConvention convention) {
        return convention == EpsilonConvention.MACHINE ? "2^(p-1)" : "2^p";
    }

    @Override
    public <T> T approxThreshold(Arithmetic<T> a, ZoneQuery q, Format format) {
        return a.divide(a.of(1), a.of(q.convention().resolution(format).toRational()));
    }
}
