package org.ropebounds.bounds;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.Ball;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.CertifiedDecimal.Direction;
import org.ropebounds.real.DoubleDoubleInterval;
import org.ropebounds.real.DoubleInterval;
import org.ropebounds.real.Enclosure;

/**
 * Every enclosure {@link ZoneCalculator}'s decisions need, at one precision level, computed on first use and kept: a
 * level evaluates only what the decisions still pending ask of it. Each {@link Value} names its quantity by a kind
 * that the level evaluates, with no lambda or supplier per quantity: most of a zone's cost before the JIT's
 * optimising compiler runs is allocation and indirection. A mutable working object of one computation; not shared
 * between threads.
 *
 * @param <T> the level's enclosure type
 */
final class ZoneLevel<T> {
    /**
     * The quantities a {@link Value} may be, each evaluated by its own method: the call from {@link Value#t()} then
     * dispatches over many classes and the JIT compiles each quantity as a unit of its own, not every quantity inlined
     * into one method whose optimising compilation takes longer than the zones it serves.
     */
    private enum Kind {
        /** The i-th lower bound's threshold. */
        LOWER {
            @Override
            <T> T of(ZoneLevel<T> l, int i) {
                return l.lowerThreshold(Bounds.lower().get(i));
            }
        },
        /** max of the lower bounds in this arithmetic. */
        MAX_OF_LOWER {
            @Override
            <T> T of(ZoneLevel<T> l, int i) {
                return l.maxOfLower();
            }
        },
        /** L / acos(eps^(1/N)). */
        DEPTH_APPROX {
            @Override
            <T> T of(ZoneLevel<T> l, int i) {
                return l.a.divide(l.length(), l.acosRoot());
            }
        },
        /** base / zone lower. */
        MARGIN_LOWER {
            @Override
            <T> T of(ZoneLevel<T> l, int i) {
                return l.a.divide(l.base(), l.zoneLower.t());
            }
        },
        /** The base. */
        BASE {
            @Override
            <T> T of(ZoneLevel<T> l, int i) {
                return l.base();
            }
        },
        /** The i-th format's precision ceiling. */
        CEILING {
            @Override
            <T> T of(ZoneLevel<T> l, int i) {
                return l.ceiling(i);
            }
        },
        /** acos(eps^(1/N)) / the i-th format's resolution. */
        MAX_CONTEXT_BOUND {
            @Override
            <T> T of(ZoneLevel<T> l, int i) {
                return l.a.divide(l.acosRoot(), l.resolution(i));
            }
        },
        /** The i-th format's ceiling / zone lower. */
        RATIO {
            @Override
            <T> T of(ZoneLevel<T> l, int i) {
                return l.a.divide(l.perFormat[i].ceiling.t(), l.zoneLower.t());
            }
        },
        /** The i-th format's ceiling / base. */
        MARGIN_UPPER {
            @Override
            <T> T of(ZoneLevel<T> l, int i) {
                return l.a.divide(l.perFormat[i].ceiling.t(), l.base());
            }
        };

        /** The quantity in level {@code l} (for its i-th lower bound or format where the kind has an index). */
        abstract <T> T of(ZoneLevel<T> l, int i);
    }

    private final Arithmetic<T> a;
    /** The quantities this level shares with other zones' levels in the same arithmetic. */
    private final SharedQuantities<T> shared;
    private final ZoneQuery q;
    private final List<Format> formats;
    /** The base in this arithmetic, or null without one. */
    private final T base;
    /** The lower bounds' thresholds, in the order of {@link Bounds#lower()}. */
    private final Value[] lower;
    private final Value zoneLower;
    private final Value depthApprox;
    private final Value marginLower;
    private final Value baseValue;
    private final InFormat[] perFormat;
    /** Intermediate quantities, each computed on first use (null until then). */
    private T acosRoot;
    private T length;
    private T phase;
    private T phaseOverHalfPi;
    private T depthQuotient;

    /**
     * @param binding the bound already decided to bind (the largest lower bound), if it is; the zone's lower end is
     *        then that bound's value (the max of the three as reals), else their max in this arithmetic
     */
    private ZoneLevel(Arithmetic<T> a, ZoneQuery q, List<Format> formats, Optional<Rational> base, Optional<Bound> binding) {
        this.a = a;
        this.shared = SharedQuantities.of(a);
        this.q = q;
        this.formats = formats;
        this.base = base.isPresent() ? a.of(base.get()) : null;
        int n = Bounds.lower().size();
        lower = new ZoneLevel.Value[n];
        for (int i = 0; i < n; i++) {
            lower[i] = new Value(Kind.LOWER, i, null);
        }
        depthApprox = new Value(Kind.DEPTH_APPROX, 0, null);
        // dc_stability <= depth_stability for N >= 1 (proofs/depth-stability.md), so when the larger of aliasing and
        // depth stability is decided, max(aliasing, dc, depth) is that bound's value (proofs/double-double-interval.md
        // section 12; not at the last level, where the digits settled for come from the enclosure itself)
        zoneLower = binding.isPresent() ? lower(binding.get()) : new Value(Kind.MAX_OF_LOWER, 0, null);
        marginLower = new Value(Kind.MARGIN_LOWER, 0, null);
        baseValue = new Value(Kind.BASE, 0, null);
        perFormat = new ZoneLevel.InFormat[formats.size()];
        for (int i = 0; i < perFormat.length; i++) {
            perFormat[i] = new InFormat(i, formats.get(i));
        }
    }

    /** The level for arithmetic {@code a}; see the constructor for {@code binding}. */
    static ZoneLevel<?> of(Arithmetic<?> a, ZoneQuery q, List<Format> formats, Optional<Rational> base, Optional<Bound> binding) {
        return new ZoneLevel<>(a, q, formats, base, binding);
    }

    /**
     * A lower bound's threshold: depth stability's approx threshold is depthApprox, L/acos(eps^(1/N))
     * (DepthStabilityBound.approxThreshold), aliasing's and dc stability's L/(2 pi) and L/acos(eps), each L over its
     * denominator, which is the same for many zones and kept ({@link SharedQuantities}).
     */
    private T lowerThreshold(Bound b) {
        if (b == Bounds.DEPTH_STABILITY) {
            return Bound.inSpectrum(a, q, depthApprox.t());
        }
        if (b == Bounds.ALIASING) {
            return Bound.inSpectrum(a, q, a.divide(length(), shared.twoPi()));
        }
        if (b == Bounds.DC_STABILITY) {
            return Bound.inSpectrum(a, q, a.divide(length(), shared.acosTolerance(q)));
        }
        return b.threshold(a, q, null);
    }

    private T maxOfLower() {
        T m = lower[0].t();
        for (int i = 1; i < lower.length; i++) {
            m = a.max(m, lower[i].t());
        }
        return m;
    }

    /** The i-th format's precision ceiling, the same for every query of its spectrum and convention, so kept. */
    private T ceiling(int i) {
        return shared.ceiling(q, formats.get(i));
    }

    /** The i-th format's resolution (2^(1-p) or 2^-p), kept like the ceiling. */
    private T resolution(int i) {
        return shared.resolution(q, formats.get(i));
    }

    private T base() {
        if (base == null) {
            throw new java.util.NoSuchElementException("no base");
        }
        return base;
    }

    private T acosRoot() {
        T v = acosRoot;
        if (v == null) {
            v = shared.acosRoot(q);
            acosRoot = v;
        }
        return v;
    }

    private T length() {
        T v = length;
        if (v == null) {
            v = a.of(q.context().longValueExact());
            length = v;
        }
        return v;
    }

    /** L theta_min, theta_min = 1/b (approx) or b^(-(d-2)/d) (exact). */
    private T phase() {
        T v = phase;
        if (v == null) {
            T b = base();
            T theta = q.spectrum() == Spectrum.APPROX ? a.divide(a.of(1), b)
                    : a.pow(b, a.of(Rational.of(BigInteger.valueOf(2L - q.rotaryDim()), BigInteger.valueOf(q.rotaryDim()))));
            v = a.multiply(length(), theta);
            phase = v;
        }
        return v;
    }

    /** A lower bound's threshold. */
    Value lower(Bound b) {
        List<Bound> all = Bounds.lower();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) == b) {
                return lower[i];
            }
        }
        throw new IllegalArgumentException("not a lower bound: " + b.id());
    }

    /** The i-th lower bound's threshold, in the order of {@link Bounds#lower()}. */
    Value lower(int i) {
        return lower[i];
    }

    /** max of the lower bounds. */
    Value zoneLower() {
        return zoneLower;
    }

    /** L / acos(eps^(1/N)), the approx-spectrum depth bound (p_min compares it with 2^(p-1)). */
    Value depthApprox() {
        return depthApprox;
    }

    /** base / zone lower; only with a base. */
    Value marginLower() {
        return marginLower;
    }

    /** The base, in this level's arithmetic; only with a base. */
    Value baseValue() {
        return baseValue;
    }

    /**
     * How the phase L theta_min over pi/2 compares with 1 on its whole enclosure ({@link ZoneShortcuts#versusOne}; cos
     * of the phase is positive below 1); only with a base.
     */
    OptionalInt phaseOverHalfPiVersusOne() {
        T x = phaseOverHalfPi;
        if (x == null) {
            x = a.divide(phase(), shared.halfPi());
            phaseOverHalfPi = x;
        }
        return ZoneShortcuts.versusOne(a, x);
    }

    /**
     * The floor shared by log(eps) / log(cos(L theta_min)) on its enclosure, for a phase below pi/2: cos^N >= eps iff
     * N <= it; only with a base.
     */
    Optional<BigInteger> depthQuotientFloor() {
        T x = depthQuotient;
        if (x == null) {
            x = a.divide(shared.logTolerance(q), a.log(a.cos(phase())));
            depthQuotient = x;
        }
        return ZoneShortcuts.commonFloor(a, x);
    }

    /** The i-th format's quantities. */
    InFormat format(int i) {
        return perFormat[i];
    }

    /**
     * One quantity at this level: its value in the level's arithmetic, its enclosure (built only when asked), and the
     * decisions taken from it, from the double-double ball itself where the level has one.
     */
    final class Value implements Supplier<Enclosure> {
        private final Kind kind;
        private final int index;
        /** For a per-level constant: the key its value is kept under, so its decimal decisions are kept too; else null. */
        private final SharedQuantities.FormatConstant constant;
        /** The value and its enclosure, each computed on first use and kept (a failed computation is not kept). */
        private T value;
        private Enclosure enclosure;
        /** The last decision taken from this value, and its arguments as digits * 8 + direction * 2 + last (-1: none yet). */
        private int decidedKey = -1;
        private Optional<CertifiedDecimal> decided;

        Value(Kind kind, int index, SharedQuantities.FormatConstant constant) {
            this.kind = kind;
            this.index = index;
            this.constant = constant;
        }

        T t() {
            T v = value;
            if (v == null) {
                v = kind.of(ZoneLevel.this, index);
                value = v;
            }
            return v;
        }

        Enclosure enclosure() {
            Enclosure e = enclosure;
            if (e == null) {
                e = a.toEnclosure(t());
                enclosure = e;
            }
            return e;
        }

        /** The enclosure ({@link #enclosure()}), for the shortcuts that build it only when the doubles cannot decide. */
        @Override
        public Enclosure get() {
            return enclosure();
        }

        /**
         * The decimal the enclosure decides in {@code direction} (CertifiedDecimal.decide, from the ball when there
         * is one); at a double, double-double or ball level that is not the last, from the ball test alone (a more
         * precise level follows and decides the same digits).
         */
        Optional<CertifiedDecimal> decide(int digits, Direction direction, boolean last) {
            // the same quantity asked again at this level (a format's zone lower end is the zone's and, once the binding
            // bound is known, that bound's value) answers from the first: a pure function of the kept value and the arguments
            int key = digits * 8 + direction.ordinal() * 2 + (last ? 1 : 0);
            if (key != decidedKey) {
                decided = decideAnew(digits, direction, last);
                decidedKey = key;
            }
            return decided;
        }

        private Optional<CertifiedDecimal> decideAnew(int digits, Direction direction, boolean last) {
            if (constant == null) {
                return decideNow(digits, direction, last);
            }
            // a pure function of the constant's (kept) value and the arguments: the same decision every time
            SharedQuantities.ConstantDecision key = new SharedQuantities.ConstantDecision(constant, digits, direction, last);
            Optional<CertifiedDecimal> kept = shared.decision(key);
            return kept != null ? kept : shared.keepDecision(key, decideNow(digits, direction, last));
        }

        private Optional<CertifiedDecimal> decideNow(int digits, Direction direction, boolean last) {
            T v = t();
            if (v instanceof DoubleDoubleInterval ball) {
                return last ? CertifiedDecimal.decide(ball, digits, direction) : CertifiedDecimal.decideByBall(ball, digits, direction);
            }
            if (v instanceof DoubleInterval d) {
                return last ? CertifiedDecimal.decide(d, digits, direction) : CertifiedDecimal.decideByBall(d, digits, direction);
            }
            if (v instanceof Ball b && enclosure == null) {
                return last ? CertifiedDecimal.decide(b, digits, direction) : CertifiedDecimal.decideByBall(b, digits, direction);
            }
            return CertifiedDecimal.decide(enclosure(), digits, direction);
        }

        /**
         * How this value compares with {@code o}'s, as their enclosures decide it ({@link Enclosure#compareTo(Enclosure)}):
         * from the balls or double intervals themselves when they are apart, else from the enclosures.
         */
        OptionalInt compareTo(Value o) {
            OptionalInt fast = a.compareIfApart(t(), o.t());
            return fast.isPresent() ? fast : enclosure().compareTo(o.enclosure());
        }

        /** How this value compares with the exact x, as its enclosure decides it ({@link Enclosure#compareTo(Rational)}). */
        OptionalInt compareTo(Rational x, Value xHere) {
            OptionalInt fast = a.compareIfApart(t(), xHere.t());
            return fast.isPresent() ? fast : enclosure().compareTo(x);
        }

        /** The ceiling every point of the enclosure shares, if they share one ({@link ZoneShortcuts#commonCeiling}). */
        Optional<BigInteger> commonCeiling() {
            return ZoneShortcuts.commonCeiling(t(), this);
        }

        /** floor(log2) every point of the enclosure shares, if every point is positive and they share one. */
        OptionalLong commonFloorLog2() {
            return ZoneShortcuts.commonFloorLog2(t(), this);
        }
    }

    /** The quantities of one format at this level. */
    final class InFormat {
        private final Value ceiling;
        private final Value maxContextBound;
        private final Value ratio;
        private final Value marginUpper;

        InFormat(int i, Format f) {
            ceiling = new Value(Kind.CEILING, i, SharedQuantities.FormatConstant.ceilingOf(q, f));
            maxContextBound = new Value(Kind.MAX_CONTEXT_BOUND, i, null);
            ratio = new Value(Kind.RATIO, i, null);
            marginUpper = new Value(Kind.MARGIN_UPPER, i, null);
        }

        /** The precision ceiling. */
        Value ceiling() {
            return ceiling;
        }

        /** acos(eps^(1/N)) / resolution. */
        Value maxContextBound() {
            return maxContextBound;
        }

        /** ceiling / zone lower. */
        Value ratio() {
            return ratio;
        }

        /** ceiling / base; only with a base. */
        Value marginUpper() {
            return marginUpper;
        }
    }
}
