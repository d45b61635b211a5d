package org.ropebounds.table;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
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
 * The shared balls are built once, on all cores, by {@link #prepare} (or the first cell); one instance serves the three
 * tables. Thread-safe: the shared balls are immutable once published.
 */
final class GridCells {
    private final GridSpec spec;
    private final boolean fast;
    private final DoubleDoubleIntervalArithmetic a = new DoubleDoubleIntervalArithmetic(64);
    private final DoubleDoubleInterval inverseTwoPi;
    private final DoubleDoubleInterval exactExponent;
    /** (1/(2 pi))^(d/(d-2)), the aliasing bound's exact-spectrum factor at L = 1. */
    private final DoubleDoubleInterval inverseTwoPiPower;
    /** The balls every cell shares, built once by {@link #prepare}; null until then. */
    private volatile Shared shared;

    /**
     * The shared balls, indexed by context index and by depth index (layer index times the number of tolerances plus
     * tolerance index); an entry is null when its ball cannot be formed (the reference computation decides those cells).
     * Arrays filled before the object is published through a volatile field, and never written after.
     *
     * @param depth per depth: B1 = 1/acos(eps^(1/N)), the depth bound at L = 1
     * @param bindingSign per depth: the sign of B1 - 1/(2 pi) as the balls decide it (0: not decided, or no ball): at any
     *     L &gt; 0 the sign of L B1 - L/(2 pi), so which bound binds at every context
     * @param depthPower per depth: B1^(d/(d-2)) (null throughout when the grid has no exact spectrum)
     * @param context per context: L
     * @param contextPower per context: L^(d/(d-2)) (null throughout when the grid has no exact spectrum)
     * @param ceiling per format of the grid: its ceiling 1/resolution (machine convention)
     */
    private record Shared(DoubleDoubleInterval[] depth, int[] bindingSign, DoubleDoubleInterval[] depthPower, DoubleDoubleInterval[] context,
            DoubleDoubleInterval[] contextPower, DoubleDoubleInterval[] ceiling) {
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
    }

    /**
     * Builds every ball the cells share (per depth and per context), on all cores; idempotent and thread-safe (later
     * callers wait for the first). Cells prepare on first use anyway: this only moves the work before the rows.
     */
    void prepare() {
        if (fast) {
            shared();
        }
    }

    private Shared shared() {
        Shared s = shared;
        if (s == null) {
            synchronized (this) {
                s = shared;
                if (s == null) {
                    s = build();
                    shared = s;
                }
            }
        }
        return s;
    }

    private Shared build() {
        int tolerances = spec.tolerances().size();
        int depths = spec.layers().size() * tolerances;
        boolean exact = spec.spectra().contains(Spectrum.EXACT);
        DoubleDoubleInterval[] depth = new DoubleDoubleInterval[depths];
        int[] sign = new int[depths];
        DoubleDoubleInterval[] depthPower = new DoubleDoubleInterval[depths]; // all null without the exact spectrum
        IntStream.range(0, depths).parallel().forEach(i -> {
            ZoneQuery q = query(BigInteger.ONE, spec.layers().get(i / tolerances), spec.tolerances().get(i % tolerances), Spectrum.APPROX);
            DoubleDoubleInterval inverse;
            try {
                inverse = Bounds.DEPTH_STABILITY.approxThreshold(a, q, null); // 1/acos(eps^(1/N))
                sign[i] = a.subtract(inverse, inverseTwoPi).signum().orElse(0);
            } catch (InsufficientPrecisionException e) {
                return; // no ball (sign 0): left to the reference computation
            }
            depth[i] = inverse;
            if (exact) {
                try {
                    // (1/acos(eps^(1/N)))^(d/(d-2)) = exp(-d/(d-2) log acos(eps^(1/N)))
                    DoubleDoubleInterval logAcos = a.subtract(a.of(0), a.log(inverse));
                    depthPower[i] = a.exp(a.multiply(exactExponent, a.subtract(a.of(0), logAcos)));
                } catch (InsufficientPrecisionException e) {
                    // no power: the exact spectrum's cells of this depth are left to the reference computation
                }
            }
        });
        int contexts = spec.contexts().size();
        DoubleDoubleInterval[] context = new DoubleDoubleInterval[contexts];
        DoubleDoubleInterval[] contextPower = new DoubleDoubleInterval[contexts]; // all null without the exact spectrum
        for (int i = 0; i < contexts; i++) {
            try {
                DoubleDoubleInterval l = a.of(Rational.of(spec.contexts().get(i), BigInteger.ONE));
                context[i] = l;
                if (exact) {
                    contextPower[i] = a.exp(a.multiply(exactExponent, a.log(l))); // L^(d/(d-2)) = exp(d/(d-2) log L)
                }
            } catch (InsufficientPrecisionException e) {
                // no ball: left to the reference computation
            }
        }
        DoubleDoubleInterval[] ceiling = new DoubleDoubleInterval[spec.formats().size()];
        for (int i = 0; i < ceiling.length; i++) {
            try {
                ceiling[i] = ceilingBall(spec.formats().get(i));
            } catch (InsufficientPrecisionException e) {
                // no ball: left to the reference computation
            }
        }
        return new Shared(depth, sign, depthPower, context, contextPower, ceiling);
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
                DoubleDoubleInterval value = shared(contextIndex, layerIndex, toleranceIndex, sp);
                if (value != null) {
                    Optional<CertifiedDecimal> d = CertifiedDecimal.decide(value, spec.digits(), CertifiedDecimal.Direction.UPWARD);
                    if (d.isPresent()) {
                        return d.get().text();
                    }
                }
            } catch (InsufficientPrecisionException e) {
                // left to the reference computation below
            }
        }
        return referenceCell(contextIndex, layerIndex, toleranceIndex, sp);
    }

    /** The cell as {@link ZoneCalculator} prints it: the reference computation, for the cells the shared balls do not decide. */
    private String referenceCell(int contextIndex, int layerIndex, int toleranceIndex, Spectrum sp) {
        ZoneQuery q = query(spec.contexts().get(contextIndex), spec.layers().get(layerIndex), spec.tolerances().get(toleranceIndex), sp);
        // ZoneCalculator rounds lower bounds up: a base at or above the cell satisfies the bound
        return ZoneCalculator.compute(q, List.of(), Optional.empty(), spec.digits()).bindingLower().map(CertifiedDecimal::text)
                .orElse("undecided");
    }

    /**
     * A ball containing the binding lower bound of the cell, from the shared balls; empty when the balls do not
     * decide which bound binds.
     *
     * @throws InsufficientPrecisionException when a ball cannot be formed (the reference computation decides then)
     */
    Optional<DoubleDoubleInterval> ball(int contextIndex, int layerIndex, int toleranceIndex, Spectrum sp) {
        if (!fast) {
            throw new InsufficientPrecisionException("more digits than the double-double level's");
        }
        Shared s = shared();
        int i = layerIndex * spec.tolerances().size() + toleranceIndex;
        DoubleDoubleInterval l = sp == Spectrum.APPROX ? s.context()[contextIndex] : s.contextPower()[contextIndex];
        DoubleDoubleInterval b = sp == Spectrum.APPROX ? s.depth()[i] : s.depthPower()[i];
        if (l == null || b == null) {
            throw new InsufficientPrecisionException("a shared ball of the cell could not be formed");
        }
        return Optional.ofNullable(shared(contextIndex, layerIndex, toleranceIndex, sp));
    }

    /**
     * The ball of the cell's binding lower bound from the shared balls, or null when which bound binds is not decided
     * or a shared ball could not be formed (the reference computation decides those cells).
     *
     * @throws InsufficientPrecisionException when the product cannot be formed
     */
    private DoubleDoubleInterval shared(int contextIndex, int layerIndex, int toleranceIndex, Spectrum sp) {
        Shared s = shared();
        int i = layerIndex * spec.tolerances().size() + toleranceIndex;
        // which binds: the sign of L B1 - L/(2 pi), that of B1 - 1/(2 pi) for L > 0, decided once per depth by the balls
        // (x^(d/(d-2)) is increasing, so the approx-spectrum comparison decides the exact spectrum's too); dc stability
        // never binds (proofs/depth-stability.md)
        int sign = s.bindingSign()[i];
        if (sign == 0) {
            return null;
        }
        boolean depthBinds = sign > 0;
        DoubleDoubleInterval l;
        DoubleDoubleInterval b;
        if (sp == Spectrum.APPROX) {
            l = s.context()[contextIndex];
            b = depthBinds ? s.depth()[i] : inverseTwoPi;
        } else {
            // (L B1)^(d/(d-2)) = L^(d/(d-2)) B1^(d/(d-2)): one product of shared powers, no exponential per cell
            l = s.contextPower()[contextIndex];
            b = depthBinds ? s.depthPower()[i] : inverseTwoPiPower;
        }
        return l == null || b == null ? null : a.multiply(l, b);
    }

    /**
     * The max-context cell: the largest integer context below acos(eps^(1/N)) / resolution(f) (machine
     * convention), as text, or "undecided"; as {@link ZoneCalculator}'s {@code maxContext()} for the query.
     *
     * @param f the format (one of the grid's)
     */
    String maxContext(Format f, int layerIndex, int toleranceIndex) {
        int i = spec.formats().indexOf(f);
        if (fast) {
            try {
                DoubleDoubleInterval ceiling = i >= 0 ? shared().ceiling()[i] : ceilingBall(f);
                Optional<BigInteger> k = ceiling == null ? Optional.empty()
                        : a.divide(ceiling, depthBall(layerIndex, toleranceIndex)).commonCeiling();
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

    /** The ball of f's ceiling 1/resolution (machine convention). @throws InsufficientPrecisionException if it cannot be formed */
    private DoubleDoubleInterval ceilingBall(Format f) {
        return a.of(Rational.ONE.divide(EpsilonConvention.MACHINE.resolution(f).toRational()));
    }

    /**
     * The fewest-bits cell: the smallest p with 2^(p-1) > L/acos(eps^(1/N)), as text, or "undecided"; as
     * {@link ZoneCalculator}'s {@code minPrecisionBits()} for the query (machine convention, approx spectrum).
     */
    String minBits(int contextIndex, int layerIndex, int toleranceIndex) {
        if (fast) {
            try {
                OptionalLong log2 = a.multiply(contextBall(contextIndex), depthBall(layerIndex, toleranceIndex)).commonFloorLog2();
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

    /** The shared ball of 1/acos(eps^(1/N)). @throws InsufficientPrecisionException if it could not be formed */
    private DoubleDoubleInterval depthBall(int layerIndex, int toleranceIndex) {
        DoubleDoubleInterval b = shared().depth()[layerIndex * spec.tolerances().size() + toleranceIndex];
        if (b == null) {
            throw new InsufficientPrecisionException("the depth ball could not be formed");
        }
        return b;
    }

    /** The shared ball of L. @throws InsufficientPrecisionException if it could not be formed */
    private DoubleDoubleInterval contextBall(int contextIndex) {
        DoubleDoubleInterval b = shared().context()[contextIndex];
        if (b == null) {
            throw new InsufficientPrecisionException("the context ball could not be formed");
        }
        return b;
    }
}
