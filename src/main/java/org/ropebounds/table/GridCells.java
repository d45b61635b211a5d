package org.ropebounds.table;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.ropebounds.bounds.Bounds;
import org.ropebounds.bounds.EpsilonConvention;
import org.ropebounds.bounds.Spectrum;
import org.ropebounds.bounds.ZoneCalculator;
import org.ropebounds.bounds.ZoneQuery;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.DoubleDoubleInterval;
import org.ropebounds.real.DoubleDoubleIntervalArithmetic;
import org.ropebounds.real.InsufficientPrecisionException;
import org.ropebounds.real.Ziv;

/**
 * The cells of the grid tables that share work across the grid: minimum-base (below), max-context ({@link
 * #maxContext}) and fewest-bits ({@link #minBits}). A minimum-base cell is the binding lower bound max(L/(2 pi), L/acos(eps^(1/N))), raised to
 * d/(d-2) for the exact spectrum, rounded up to the grid's digits, exactly as {@link ZoneCalculator} prints
 * {@code bindingLower()} for the query. The work a row shares with its neighbours is done once: per (N, eps)
 * the ball of 1/acos(eps^(1/N)) (the depth bound at L = 1) and its logarithm, per L its ball and logarithm,
 * and 1/(2 pi), and for the exact spectrum their powers x^(d/(d-2)) = exp(d/(d-2) log x); a cell is then one product
 * (L times a threshold at L = 1, the bounds being linear in L; for the exact spectrum L^(d/(d-2)) times the threshold's
 * power), and a decimal decision from the ball
 * ({@link CertifiedDecimal#decide(DoubleDoubleInterval, int, CertifiedDecimal.Direction)}). A cell this cannot
 * decide (a ball too wide, a comparison or rounding too close to call) goes to {@link ZoneCalculator}, so
 * every printed digit is one the reference computation prints (proofs/double-double-interval.md section 9).
 * Thread-safe: the shared balls are immutable and built on first use (a race only builds one twice).
 */
final class GridCells {
    private final GridSpec spec;
    private final boolean fast;
    private final DoubleDoubleIntervalArithmetic a = new DoubleDoubleIntervalArithmetic(64);
    private final DoubleDoubleInterval inverseTwoPi;
    private final DoubleDoubleInterval exactExponent;
    /** Per (layer index, tolerance index): 1/acos(eps^(1/N)), log acos(eps^(1/N)) and which bound binds, or null until built. */
    private final Depth[] perDepth;
    /** Per context index: L and log L, or null until built. */
    private final Shared[] perContext;
    /** (1/(2 pi))^(d/(d-2)), the aliasing bound's exact-spectrum factor at L = 1. */
    private final DoubleDoubleInterval inverseTwoPiPower;
    /** Per (layer index, tolerance index): (1/acos(eps^(1/N)))^(d/(d-2)), or null until built (exact spectrum only). */
    private final DoubleDoubleInterval[] perDepthPower;
    /** Per context index: L^(d/(d-2)), or null until built (exact spectrum only). */
    private final DoubleDoubleInterval[] perContextPower;

    /** Per format: the ball of its ceiling 1/resolution (machine convention), built on first use. */
    private final java.util.Map<Format, DoubleDoubleInterval> ceilings = new java.util.concurrent.ConcurrentHashMap<>();

    /** A ball and a logarithm (final fields: safely published to every thread). */
    private record Shared(DoubleDoubleInterval value, DoubleDoubleInterval log) {
    }

    /**
     * A depth's ball B1 = 1/acos(eps^(1/N)), its logarithm's negation, and the sign of B1 - 1/(2 pi) as the balls
     * decide it (0: not decided): at any L &gt; 0 the sign of L B1 - L/(2 pi), so which bound binds at every context.
     */
    private record Depth(DoubleDoubleInterval value, DoubleDoubleInterval log, int bindingSign) {
    }

    /** The cells of the grid's minimum-base table (nothing is computed yet). */
    GridCells(GridSpec spec) {
        this.spec = spec;
        this.fast = spec.digits() <= Ziv.DOUBLE_DOUBLE_DIGITS;
        ZoneQuery one = query(BigInteger.ONE, 1, spec.tolerances().get(0), Spectrum.APPROX);
        DoubleDoubleInterval inv = null;
        DoubleDoubleInterval log = null;
        DoubleDoubleInterval exponent = null;
        DoubleDoubleInterval power = null;
        if (fast) {
            inv = Bounds.ALIASING.approxThreshold(a, one, null);
            log = a.log(a.divide(a.of(1), inv));
            exponent = a.of(one.exactSpectrumExponent());
            if (spec.spectra().contains(Spectrum.EXACT)) {
                power = a.exp(a.multiply(exponent, a.subtract(a.of(0), log)));
            }
        }
        this.inverseTwoPi = inv;
        this.exactExponent = exponent;
        this.inverseTwoPiPower = power;
        this.perDepthPower = new DoubleDoubleInterval[spec.layers().size() * spec.tolerances().size()];
        this.perContextPower = new DoubleDoubleInterval[spec.contexts().size()];
        this.perDepth = new Depth[spec.layers().size() * spec.tolerances().size()];
        this.perContext = new Shared[spec.contexts().size()];
    }

    private ZoneQuery query(BigInteger l, int n, Rational eps, Spectrum sp) {
        return new ZoneQuery(l, n, eps, spec.rotaryDim(), sp, EpsilonConvention.MACHINE);
    }

    /**
     * The cell's text: the binding lower bound rounded up to the grid's digits, or "undecided".
     *
     * @param contextIndex index into the grid's contexts
     * @param layerIndex index into the grid's layers
     * @param toleranceIndex index into the grid's tolerances
     */
    String cell(int contextIndex, int layerIndex, int toleranceIndex, Spectrum sp) {
        if (fast) {
            try {
                Optional<CertifiedDecimal> d = fastCell(contextIndex, layerIndex, toleranceIndex, sp);
                if (d.isPresent()) {
                    return d.get().text();
                }
            } catch (InsufficientPrecisionException e) {
                // left to the reference computation below
            }
        }
        ZoneQuery q = query(spec.contexts().get(contextIndex), spec.layers().get(layerIndex), spec.tolerances().get(toleranceIndex), sp);
        // ZoneCalculator rounds lower bounds up: a base at or above the cell satisfies the bound
        return ZoneCalculator.compute(q, List.of(), Optional.empty(), spec.digits()).bindingLower().map(CertifiedDecimal::text)
                .orElse("undecided");
    }

    private Optional<CertifiedDecimal> fastCell(int contextIndex, int layerIndex, int toleranceIndex, Spectrum sp) {
        return ball(contextIndex, layerIndex, toleranceIndex, sp)
                .flatMap(value -> CertifiedDecimal.decide(value, spec.digits(), CertifiedDecimal.Direction.UPWARD));
    }

    /**
     * A ball containing the binding lower bound of the cell, from the shared balls; empty when the balls do not
     * decide which bound binds.
     *
     * @throws InsufficientPrecisionException when a ball cannot be formed (the reference computation decides then)
     */
    Optional<DoubleDoubleInterval> ball(int contextIndex, int layerIndex, int toleranceIndex, Spectrum sp) {
        Depth depth = depth(layerIndex, toleranceIndex);
        // which binds: the sign of L B1 - L/(2 pi), that of B1 - 1/(2 pi) for L > 0, decided once per depth by the balls
        // (x^(d/(d-2)) is increasing, so the approx-spectrum comparison decides the exact spectrum's too); dc stability
        // never binds (proofs/depth-stability.md)
        int sign = depth.bindingSign();
        if (sign == 0) {
            return Optional.empty();
        }
        boolean depthBinds = sign > 0;
        DoubleDoubleInterval value;
        if (sp == Spectrum.APPROX) {
            value = a.multiply(context(contextIndex).value(), depthBinds ? depth.value() : inverseTwoPi);
        } else {
            // (L B1)^(d/(d-2)) = L^(d/(d-2)) B1^(d/(d-2)): one product of shared powers, no exponential per cell
            value = a.multiply(contextPower(contextIndex), depthBinds ? depthPower(layerIndex, toleranceIndex) : inverseTwoPiPower);
        }
        return Optional.of(value);
    }

    /**
     * The max-context cell: the largest integer context below acos(eps^(1/N)) / resolution(f) (machine
     * convention), as text, or "undecided"; as {@link ZoneCalculator}'s {@code maxContext()} for the query.
     *
     * @param f the format (one of the grid's)
     */
    String maxContext(Format f, int layerIndex, int toleranceIndex) {
        if (fast) {
            try {
                DoubleDoubleInterval ceiling = ceilings.computeIfAbsent(f,
                        g -> a.of(Rational.ONE.divide(EpsilonConvention.MACHINE.resolution(g).toRational())));
                Optional<BigInteger> k = a.divide(ceiling, depth(layerIndex, toleranceIndex).value()).commonCeiling();
                if (k.isPresent()) {
                    return k.get().subtract(BigInteger.ONE).max(BigInteger.ZERO).toString(); // the largest integer strictly below
                }
            } catch (InsufficientPrecisionException e) {
                // left to the reference computation below
            }
        }
        ZoneQuery q = query(BigInteger.ONE, spec.layers().get(layerIndex), spec.tolerances().get(toleranceIndex), Spectrum.APPROX);
        return ZoneCalculator.compute(q, List.of(f), Optional.empty(), spec.digits()).zone(f).maxContext().map(BigInteger::toString)
                .orElse("undecided");
    }

    /**
     * The fewest-bits cell: the smallest p with 2^(p-1) > L/acos(eps^(1/N)), as text, or "undecided"; as
     * {@link ZoneCalculator}'s {@code minPrecisionBits()} for the query (machine convention, approx spectrum).
     */
    String minBits(int contextIndex, int layerIndex, int toleranceIndex) {
        if (fast) {
            try {
                OptionalLong log2 = a.multiply(context(contextIndex).value(), depth(layerIndex, toleranceIndex).value()).commonFloorLog2();
                if (log2.isPresent()) {
                    return Long.toString(Math.max(1, log2.getAsLong() + 2)); // p = floor(log2 B) + 2
                }
            } catch (InsufficientPrecisionException e) {
                // left to the reference computation below
            }
        }
        ZoneQuery q = query(spec.contexts().get(contextIndex), spec.layers().get(layerIndex), spec.tolerances().get(toleranceIndex),
                Spectrum.APPROX);
        return ZoneCalculator.compute(q, List.of(Format.FP32), Optional.empty(), spec.digits()).zone(Format.FP32).minPrecisionBits()
                .map(String::valueOf).orElse("undecided");
    }

    private Shared context(int i) {
        Shared c = perContext[i];
        if (c == null) {
            DoubleDoubleInterval l = a.of(Rational.of(spec.contexts().get(i), BigInteger.ONE));
            c = new Shared(l, a.log(l));
            perContext[i] = c;
        }
        return c;
    }

    /** L^(d/(d-2)) = exp(d/(d-2) log L). @throws InsufficientPrecisionException if the ball cannot be formed */
    private DoubleDoubleInterval contextPower(int i) {
        DoubleDoubleInterval p = perContextPower[i];
        if (p == null) {
            p = a.exp(a.multiply(exactExponent, context(i).log()));
            perContextPower[i] = p;
        }
        return p;
    }

    /** (1/acos(eps^(1/N)))^(d/(d-2)) = exp(-d/(d-2) log acos(eps^(1/N))). @throws InsufficientPrecisionException as above */
    private DoubleDoubleInterval depthPower(int layerIndex, int toleranceIndex) {
        int i = layerIndex * spec.tolerances().size() + toleranceIndex;
        DoubleDoubleInterval p = perDepthPower[i];
        if (p == null) {
            p = a.exp(a.multiply(exactExponent, a.subtract(a.of(0), depth(layerIndex, toleranceIndex).log())));
            perDepthPower[i] = p;
        }
        return p;
    }

    private Depth depth(int layerIndex, int toleranceIndex) {
        int i = layerIndex * spec.tolerances().size() + toleranceIndex;
        Depth d = perDepth[i];
        if (d == null) {
            ZoneQuery q = query(BigInteger.ONE, spec.layers().get(layerIndex), spec.tolerances().get(toleranceIndex), Spectrum.APPROX);
            DoubleDoubleInterval inverse = Bounds.DEPTH_STABILITY.approxThreshold(a, q, null); // 1/acos(eps^(1/N))
            d = new Depth(inverse, a.subtract(a.of(0), a.log(inverse)), a.subtract(inverse, inverseTwoPi).signum().orElse(0));
            perDepth[i] = d;
        }
        return d;
    }
}
