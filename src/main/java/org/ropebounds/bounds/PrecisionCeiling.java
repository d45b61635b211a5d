package org.ropebounds.bounds;

import org.ropebounds.format.Format;
import org.ropebounds.real.Arithmetic;

/**
 * The smallest per-token phase increment (about 1/b) must stay above the format's resolution:
 * {@code b < 1/eps_mach(F) = 2^(p-1)} (or 2^p with the unit-roundoff convention). Beyond it, increments are lost.
 */
public final class PrecisionCeiling extends AbstractBound {
    PrecisionCeiling() {
        super("precision_ceiling", "floating-point precision ceiling", Side.UPPER, true, "2^(p-1)",
                "the per-token increment theta_min must exceed the format's resolution eps_mach = 2^(1-p)"
                        + " (or u = 2^-p by option); the paper's one-line criterion, refined by the pipeline emulation");
    }

    /**
     * What the ceiling is, in one clause, for printing beside a ceiling verdict: the seed paper's one-line
     * heuristic, not a measured loss of positions, which the exact pipeline emulation gives instead
     * ({@code rope.ErasureAnalysis}). Names the convention's resolution (1/eps_mach or 1/u).
     */
    public static String heuristicNote(EpsilonConvention convention) {
        return "the precision ceiling b < " + (convention == EpsilonConvention.MACHINE ? "1/eps_mach" : "1/u")
                + " is a one-line heuristic, not a measured loss; the emulated pipelines are exact";
    }

    @Override
    public boolean dependsOnFormat() {
        return true;
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
