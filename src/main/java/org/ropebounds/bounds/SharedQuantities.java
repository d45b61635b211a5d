package org.ropebounds.bounds;

import java.util.concurrent.ConcurrentHashMap;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;

/**
 * The quantities of a zone that depend on its query through eps and N at most, in one arithmetic, computed on first
 * use and kept: 2 pi and pi/2 (the same for every query), acos(eps) and log(eps) (per tolerance), and acos(eps^(1/N))
 * (per tolerance and depth). Each is the value its formula gives in the arithmetic, and every arithmetic is
 * deterministic, so keeping a value changes no result, only how often it is computed. Found by the arithmetic's
 * identity (Ziv's levels are shared instances) with no key object or hash of the whole query: a zone asks for these at
 * every level. Bounded: at most {@value #MAX_ARITHMETICS} arithmetics, {@value #MAX_TOLERANCES} tolerances each,
 * depths below {@value #MAX_LAYERS}, and {@value #MAX_ROOTS} depth values in all; past that a value is computed
 * each time. Thread-safe: the values kept are
 * immutable.
 *
 * @param <T> the arithmetic's enclosure type
 */
final class SharedQuantities<T> {
    static final int MAX_ARITHMETICS = 64;
    static final int MAX_TOLERANCES = 256;
    static final int MAX_LAYERS = 4096;
    static final int MAX_ROOTS = 16384;

    /** How many depth values all holders keep (never decremented: a bound, not a count of live entries). */
    private static final java.util.concurrent.atomic.AtomicInteger ROOTS_KEPT = new java.util.concurrent.atomic.AtomicInteger();

    /** The arithmetics' holders so far, in the order they were first asked for; replaced whole on each addition. */
    private static volatile SharedQuantities<?>[] holders = new SharedQuantities<?>[0];

    private final Arithmetic<T> a;
    private volatile T twoPi;
    private volatile T halfPi;
    private final ConcurrentHashMap<Rational, PerTolerance<T>> perTolerance = new ConcurrentHashMap<>();

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
