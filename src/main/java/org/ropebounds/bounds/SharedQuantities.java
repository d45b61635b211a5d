package org.ropebounds.bounds;

import java.math.BigInteger;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.CertifiedDecimal;

/**
 * The quantities of a zone that depend on its query through eps and N at most, in one arithmetic, computed on first
 * use and kept: 2 pi and pi/2 (the same for every query), acos(eps) and log(eps) (per tolerance), acos(eps^(1/N))
 * (per tolerance and depth), and each format's precision ceiling and resolution with the decimals decided from them
 * (per precision, convention and spectrum). Each is the value its formula gives in the arithmetic, and every arithmetic is
 * deterministic, so keeping a value changes no result, only how often it is computed. Found by the arithmetic's
 * identity (Ziv's levels are shared instances) with no key object or hash of the whole query: a zone asks for these at
 * every level. Bounded: at most {@value #MAX_ARITHMETICS} arithmetics, {@value #MAX_TOLERANCES} tolerances each,
 * depths below {@value #MAX_LAYERS}, {@value #MAX_ROOTS} depth values in all, and {@value #MAX_CONSTANTS} format
 * constants and {@value #MAX_DECISIONS_EACH} of their decisions each; past that a value is computed each time. Thread-safe: the values kept are
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

    /** How many depth values all holders keep (never decremented: a bound, not a count of live entries). */
    private static final java.util.concurrent.atomic.AtomicInteger ROOTS_KEPT = new java.util.concurrent.atomic.AtomicInteger();

    /** The arithmetics' holders so far, in the order they were first asked for; replaced whole on each addition. */
    private static volatile SharedQuantities<?>[] holders = new SharedQuantities<?>[0];

    private final Arithmetic<T> a;
    private volatile T twoPi;
    private volatile T halfPi;
    /** The context lengths 2^k, at index k (0 <= k < 63), each null until asked for. */
    private final Object[] powersOfTwo = new Object[63];
    private final ConcurrentHashMap<Rational, PerTolerance<T>> perTolerance = new ConcurrentHashMap<>();
    /** The format constants kept so far, in the order first asked for; replaced whole on each addition. */
    private volatile FormatConstant<?>[] constants = new FormatConstant<?>[0];

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

    /**
     * The holder of eps's quantities for query q: the kept one, or a fresh one kept nowhere when
     * {@value #MAX_TOLERANCES} others are kept. A level looks it up once and passes it to {@link #acosTolerance},
     * {@link #logTolerance} and {@link #acosRoot}, one hashed lookup of eps per level instead of one per quantity.
     */
    PerTolerance<T> tolerance(ZoneQuery q) {
        Rational eps = q.tolerance();
        PerTolerance<T> t = perTolerance.get(eps);
        if (t == null && perTolerance.size() < MAX_TOLERANCES) {
            t = perTolerance.computeIfAbsent(eps, e -> new PerTolerance<>(true));
        }
        return t != null ? t : new PerTolerance<>(false);
    }

    /** acos(eps), the DC-stability threshold's denominator ({@link DcStabilityBound#denominator}); t is {@link #tolerance}(q). */
    T acosTolerance(ZoneQuery q, PerTolerance<T> t) {
        T v = t.acos;
        if (v == null) {
            v = DcStabilityBound.denominator(a, q);
            t.acos = v;
        }
        return v;
    }

    /** log(eps); t is {@link #tolerance}(q). */
    T logTolerance(ZoneQuery q, PerTolerance<T> t) {
        T v = t.log;
        if (v == null) {
            v = a.log(a.of(q.tolerance()));
            t.log = v;
        }
        return v;
    }

    /** acos(eps^(1/N)) ({@link DepthStabilityBound#acosOfRoot}); t is {@link #tolerance}(q). */
    T acosRoot(ZoneQuery q, PerTolerance<T> t) {
        int n = q.layers();
        if (n >= MAX_LAYERS || !t.kept) {
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
     * A per-format constant, the precision ceiling in a spectrum (with its rotary dimension) or the resolution, with the
     * decimals decided from it. Both depend on the format only through its precision p (resolution 2^(1-p) or 2^-p),
     * and on the query not at all. Found by comparing these fields, with no key object: a zone asks for four at each level.
     */
    static final class FormatConstant<T> {
        final int precision;
        final EpsilonConvention convention;
        final Spectrum spectrum;
        final int rotaryDim;
        final boolean ceiling;
        final T value;
        /** The decisions kept so far: arguments digits * 8 + direction * 2 + last, and the decision; replaced whole on each addition. */
        private volatile Decided[] decided = new Decided[0];

        FormatConstant(int precision, EpsilonConvention convention, Spectrum spectrum, int rotaryDim, boolean ceiling, T value) {
            this.precision = precision;
            this.convention = convention;
            this.spectrum = spectrum;
            this.rotaryDim = rotaryDim;
            this.ceiling = ceiling;
            this.value = value;
        }

        boolean is(int p, EpsilonConvention c, Spectrum s, int d, boolean isCeiling) {
            return precision == p && convention == c && spectrum == s && rotaryDim == d && ceiling == isCeiling;
        }

        /** The decision kept for the arguments (digits * 8 + direction * 2 + last), or null when none is kept yet. */
        Optional<CertifiedDecimal> decision(int key) {
            for (Decided d : decided) {
                if (d.key == key) {
                    return d.value;
                }
            }
            return null;
        }

        /** Keeps {@code value}, the decision taken for the arguments {@code key} (a pure function of them and the constant), and returns it. */
        synchronized Optional<CertifiedDecimal> keep(int key, Optional<CertifiedDecimal> value) {
            Decided[] now = decided;
            if (now.length < MAX_DECISIONS_EACH && decision(key) == null) {
                Decided[] more = java.util.Arrays.copyOf(now, now.length + 1);
                more[now.length] = new Decided(key, value);
                decided = more;
            }
            return value;
        }
    }

    /** Most decisions kept per format constant: the arguments a zone uses are few (digits, direction, last level or not). */
    static final int MAX_DECISIONS_EACH = 16;

    /** A decision about a per-format constant and the arguments it was taken with. */
    private record Decided(int key, Optional<CertifiedDecimal> value) {
    }

    /** The constant (kept, or fresh when {@value #MAX_CONSTANTS} are kept) of format f for query q: its ceiling, or its resolution. */
    FormatConstant<T> constant(ZoneQuery q, Format f, boolean ceiling) {
        int p = f.precision();
        EpsilonConvention c = q.convention();
        Spectrum s = ceiling ? q.spectrum() : Spectrum.APPROX;
        int d = ceiling ? q.rotaryDim() : 0;
        for (FormatConstant<?> k : constants) {
            if (k.is(p, c, s, d, ceiling)) {
                @SuppressWarnings("unchecked")
                FormatConstant<T> kept = (FormatConstant<T>) k;
                return kept;
            }
        }
        T value = ceiling ? Bounds.PRECISION_CEILING.threshold(a, q, f) : a.of(q.convention().resolution(f).toRational());
        synchronized (this) {
            FormatConstant<?>[] now = constants;
            for (FormatConstant<?> k : now) {
                if (k.is(p, c, s, d, ceiling)) {
                    @SuppressWarnings("unchecked")
                    FormatConstant<T> kept = (FormatConstant<T>) k;
                    return kept;
                }
            }
            FormatConstant<T> made = new FormatConstant<>(p, c, s, d, ceiling, value);
            if (now.length < MAX_CONSTANTS) {
                FormatConstant<?>[] more = java.util.Arrays.copyOf(now, now.length + 1);
                more[now.length] = made;
                constants = more;
            }
            return made;
        }
    }

    /** Format f's precision ceiling for query q ({@link Bounds#PRECISION_CEILING}), the same for every query of its key. */
    T ceiling(ZoneQuery q, Format f) {
        return constant(q, f, true).value;
    }

    /** Format f's resolution in q's convention (2^(1-p) or 2^-p), exact. */
    T resolution(ZoneQuery q, Format f) {
        return constant(q, f, false).value;
    }

    /** One tolerance's quantities; each null until computed. */
    static final class PerTolerance<T> {
        /** Whether this holder is kept (a fresh one, past the bound, keeps no depth values). */
        final boolean kept;
        volatile T acos;
        volatile T log;
        /** acos(eps^(1/N)) at index N; grown (a copy) as deeper N are kept. */
        volatile Object[] roots = new Object[0];

        PerTolerance(boolean kept) {
            this.kept = kept;
        }

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
