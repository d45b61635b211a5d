package org.ropebounds.bounds;

import java.math.BigInteger;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.CertifiedDecimal.Direction;

/**
 * The quantities of a zone that depend on its query through eps and N at most, in one arithmetic, computed on first
 * use and kept: 2 pi and pi/2 (the same for every query), acos(eps) and log(eps) (per tolerance), acos(eps^(1/N))
 * (per tolerance and depth), and each format's precision ceiling and resolution with the decimals decided from them
 * (per precision, convention and spectrum). Each is the value its formula gives in the arithmetic, and every arithmetic is
 * deterministic, so keeping a value changes no result, only how often it is computed. Found by the arithmetic's
 * identity (Ziv's levels are shared instances) with no key object or hash of the whole query: a zone asks for these at
 * every level. Bounded: at most {@value #MAX_ARITHMETICS} arithmetics, {@value #MAX_TOLERANCES} tolerances each,
 * depths below {@value #MAX_LAYERS}, {@value #MAX_ROOTS} depth values in all, and {@value #MAX_CONSTANTS} format
 * constants and {@value #MAX_DECISIONS} of their decisions each; past that a value is computed each time. Thread-safe: the values kept are
 * immutable.
 *
 * @param <T> the arithmetic's enclosure type
 */
final class SharedQuantities<T> {
    static final int MAX_ARITHMETICS = 64;
    static final int MAX_TOLERANCES = 256;
    static final int MAX_LAYERS = 4096;
    static final int MAX_ROOTS = 16384;
    static final int MAX_CONSTANTS = 256;
    static final int MAX_DECISIONS = 1024;

    /** How many depth values all holders keep (never decremented: a bound, not a count of live entries). */
    private static final java.util.concurrent.atomic.AtomicInteger ROOTS_KEPT = new java.util.concurrent.atomic.AtomicInteger();

    /** The arithmetics' holders so far, in the order they were first asked for; replaced whole on each addition. */
    private static volatile SharedQuantities<?>[] holders = new SharedQuantities<?>[0];

    private final Arithmetic<T> a;
    private volatile T twoPi;
    private volatile T halfPi;
    private volatile T one;
    /** The context lengths 2^k, at index k (0 <= k < 63), each null until asked for. */
    private final Object[] powersOfTwo = new Object[63];
    private final ConcurrentHashMap<Rational, PerTolerance<T>> perTolerance = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<FormatConstant, T> constants = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ConstantDecision, Optional<CertifiedDecimal>> decisions = new ConcurrentHashMap<>();

    private SharedQuantities(Arithmetic<T> a) {
        this.a = a;
    }

    /** The holder of arithmetic {@code a}'s shared quantities (a fresh one, kept nowhere, past {@value #MAX_ARITHMETICS}). */
    @SuppressWarnings("unchecked")
    static <T> SharedQuantities<T> of(Arithmetic<T> a) {
        for (SharedQuantities<?> h : holders) {
            if (h.a == a) {
                return (SharedQuantities<T>) h;
            }
        }
        synchronized (SharedQuantities.class) {
            SharedQuantities<?>[] now = holders;
            for (SharedQuantities<?> h : now) {
                if (h.a == a) {
                    return (SharedQuantities<T>) h;
                }
            }
            SharedQuantities<T> h = new SharedQuantities<>(a);
            if (now.length < MAX_ARITHMETICS) {
                SharedQuantities<?>[] more = java.util.Arrays.copyOf(now, now.length + 1);
                more[now.length] = h;
                holders = more;
            }
            return h;
        }
    }

    /** 2 pi, the aliasing threshold's denominator ({@link AliasingBound#denominator}). */
    T twoPi() {
        T v = twoPi;
        if (v == null) {
            v = AliasingBound.denominator(a);
            twoPi = v;
        }
        return v;
    }

    /** 1, exact. */
    T one() {
        T v = one;
        if (v == null) {
            v = a.of(1);
            one = v;
        }
        return v;
    }

    /**
     * The context length L of query q, exact: kept per exponent for L = 2^k (the lengths people use; a table lookup
     * where {@link Arithmetic#of(long)} would be a call per level), else computed.
     */
    @SuppressWarnings("unchecked")
    T context(ZoneQuery q) {
        BigInteger length = q.context();
        int k = length.bitLength() - 1;
        if (k >= powersOfTwo.length || length.getLowestSetBit() != k) {
            return a.of(length.longValueExact());
        }
        T v = (T) powersOfTwo[k];
        if (v == null) {
            v = a.of(length.longValueExact());
            powersOfTwo[k] = v; // a benign race: every thread computes the same immutable value
        }
        return v;
    }

    /** pi / 2. */
    T halfPi() {
        T v = halfPi;
        if (v == null) {
            v = a.divide(a.pi(), a.of(2));
            halfPi = v;
        }
        return v;
    }

    /** acos(eps), the DC-stability threshold's denominator ({@link DcStabilityBound#denominator}). */
    T acosTolerance(ZoneQuery q) {
        PerTolerance<T> t = tolerance(q.tolerance());
        T v = t == null ? null : t.acos;
        if (v == null) {
            v = DcStabilityBound.denominator(a, q);
            if (t != null) {
                t.acos = v;
            }
        }
        return v;
    }

    /** log(eps). */
    T logTolerance(ZoneQuery q) {
        PerTolerance<T> t = tolerance(q.tolerance());
        T v = t == null ? null : t.log;
        if (v == null) {
            v = a.log(a.of(q.tolerance()));
            if (t != null) {
                t.log = v;
            }
        }
        return v;
    }

    /** acos(eps^(1/N)) ({@link DepthStabilityBound#acosOfRoot}). */
    T acosRoot(ZoneQuery q) {
        int n = q.layers();
        PerTolerance<T> t = n < MAX_LAYERS ? tolerance(q.tolerance()) : null;
        if (t == null) {
            return DepthStabilityBound.acosOfRoot(a, q);
        }
        Object[] roots = t.roots;
        @SuppressWarnings("unchecked")
        T v = n < roots.length ? (T) roots[n] : null;
        if (v == null) {
            v = DepthStabilityBound.acosOfRoot(a, q);
            if (ROOTS_KEPT.incrementAndGet() <= MAX_ROOTS) {
                t.keepRoot(n, v);
            }
        }
        return v;
    }

    /**
     * A per-format constant: the precision ceiling in a spectrum (with its rotary dimension), or the resolution. Both
     * depend on the format only through its precision p (resolution 2^(1-p) or 2^-p), and on the query not at all.
     */
    record FormatConstant(int precision, EpsilonConvention convention, Spectrum spectrum, int rotaryDim, boolean ceiling) {
        /** The precision ceiling of format f for the query's convention, spectrum and rotary dimension. */
        static FormatConstant ceilingOf(ZoneQuery q, Format f) {
            return new FormatConstant(f.precision(), q.convention(), q.spectrum(), q.rotaryDim(), true);
        }

        /** The resolution of format f in the query's convention. */
        static FormatConstant resolutionOf(ZoneQuery q, Format f) {
            return new FormatConstant(f.precision(), q.convention(), Spectrum.APPROX, 0, false);
        }

        // written out rather than the record's generated methods, which run slowly before the JIT has compiled them
        @Override
        public boolean equals(Object o) {
            return o instanceof FormatConstant c && precision == c.precision && convention == c.convention && spectrum == c.spectrum
                    && rotaryDim == c.rotaryDim && ceiling == c.ceiling;
        }

        @Override
        public int hashCode() {
            return ((precision * 31 + rotaryDim) * 8 + convention.ordinal() * 4 + spectrum.ordinal() * 2) + (ceiling ? 1 : 0);
        }
    }

    /** A decimal decision about a per-format constant, with the arguments it was taken with. */
    record ConstantDecision(FormatConstant constant, int digits, Direction direction, boolean last) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ConstantDecision d && constant.equals(d.constant) && digits == d.digits && direction == d.direction
                    && last == d.last;
        }

        @Override
        public int hashCode() {
            return (constant.hashCode() * 31 + digits) * 8 + direction.ordinal() * 2 + (last ? 1 : 0);
        }
    }

    /** Format f's precision ceiling for query q ({@link Bounds#PRECISION_CEILING}), the same for every query of its key. */
    T ceiling(ZoneQuery q, Format f) {
        FormatConstant key = FormatConstant.ceilingOf(q, f);
        T v = constants.get(key);
        return v != null ? v : keep(key, Bounds.PRECISION_CEILING.threshold(a, q, f));
    }

    /** Format f's resolution in q's convention (2^(1-p) or 2^-p), exact. */
    T resolution(ZoneQuery q, Format f) {
        FormatConstant key = FormatConstant.resolutionOf(q, f);
        T v = constants.get(key);
        return v != null ? v : keep(key, a.of(q.convention().resolution(f).toRational()));
    }

    private T keep(FormatConstant key, T value) {
        if (constants.size() < MAX_CONSTANTS) {
            T was = constants.putIfAbsent(key, value);
            return was == null ? value : was;
        }
        return value;
    }

    /** The decision kept for the key, or null when none is kept yet (see {@link #keepDecision}). */
    Optional<CertifiedDecimal> decision(ConstantDecision key) {
        return decisions.get(key);
    }

    /**
     * Keeps {@code decided}, the decision taken for {@code key} (a pure function of the constant's kept value and the
     * arguments), and returns it.
     */
    Optional<CertifiedDecimal> keepDecision(ConstantDecision key, Optional<CertifiedDecimal> decided) {
        if (decisions.size() < MAX_DECISIONS) {
            decisions.putIfAbsent(key, decided);
        }
        return decided;
    }

    /** The tolerance's quantities, or null when {@value #MAX_TOLERANCES} others are kept. */
    private PerTolerance<T> tolerance(Rational eps) {
        PerTolerance<T> t = perTolerance.get(eps);
        if (t == null && perTolerance.size() < MAX_TOLERANCES) {
            t = perTolerance.computeIfAbsent(eps, e -> new PerTolerance<>());
        }
        return t;
    }

    /** One tolerance's quantities; each null until computed. */
    private static final class PerTolerance<T> {
        volatile T acos;
        volatile T log;
        /** acos(eps^(1/N)) at index N; grown (a copy) as deeper N are kept. */
        volatile Object[] roots = new Object[0];

        synchronized void keepRoot(int n, T v) {
            Object[] now = roots;
            if (n >= now.length) {
                now = java.util.Arrays.copyOf(now, Math.min(MAX_LAYERS, Math.max(n + 1, 2 * now.length)));
            } else {
                now = now.clone();
            }
            now[n] = v;
            roots = now;
        }
    }
}
