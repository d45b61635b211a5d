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
        /**
         * Aliasing's threshold, L/(2 pi); this and the next two kinds are the lower bounds' thresholds, each a kind of
         * its own so that the JIT compiles each alone, once (as one method choosing among the three it was compiled
         * both whole and inlined into its caller).
         */
        ALIASING_THRESHOLD {
            @Override
            <T> T of(ZoneLevel<T> l, int i) {
                return Bound.inSpectrum(l.a, l.q, l.a.divide(l.length(), l.shared.twoPi()));
            }
        },
        /** dc stability's threshold, L/acos(eps). */
        DC_THRESHOLD {
            @Override
            <T> T of(ZoneLevel<T> l, int i) {
                return Bound.inSpectrum(l.a, l.q, l.a.divide(l.length(), l.shared.acosTolerance(l.q, l.tolerance())));
            }
        },
        /** depth stability's approx threshold, depthApprox: L/acos(eps^(1/N)) (DepthStabilityBound.approxThreshold). */
        DEPTH_THRESHOLD {
            @Override
            <T> T of(ZoneLevel<T> l, int i) {
                return Bound.inSpectrum(l.a, l.q, l.depthApprox().t());
            }
        },
        /** The i-th lower bound's threshold from the bound itself, for a lower bound none of the kinds above is. */
        LOWER {
            @Override
            <T> T of(ZoneLevel<T> l, int i) {
                return Bounds.lower().get(i).threshold(l.a, l.q, null);
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
                return l.a.divide(l.base(), l.zoneLower().t());
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
                return l.a.divide(l.format(i).ceiling().t(), l.zoneLower().t());
            }
        },
        /** The i-th format's ceiling / base. */
        MARGIN_UPPER {
            @Override
            <T> T of(ZoneLevel<T> l, int i) {
                return l.a.divide(l.format(i).ceiling().t(), l.base());
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
    /** The bound already decided to bind, or null (see {@link #of}). */
    private final Bound binding;
    /**
     * The quantities, each built on first use (null until then): a level is asked only for what the decisions still
     * pending need, and the double-double level, which follows the double one, for about half of them.
     */
    private final Value[] lower;
    private Value zoneLower;
    /** depthApprox, marginLower and baseValue, in these slots (see {@link #single}). */
    private final Value[] singles = new ZoneLevel.Value[3];
    private final InFormat[] perFormat;
    /** The base in this arithmetic, or null without one. */
    private final T base;
    /** Intermediate quantities, each computed on first use (null until then). */
    private SharedQuantities.PerTolerance<T> tolerance;
    private T acosRoot;
    private T length;
    private T phase;
    private T phaseOverHalfPi;
    private T depthQuotient;

    private ZoneLevel(Arithmetic<T> a, ZoneQuery q, List<Format> formats, Optional<Rational> base, Bound binding) {
        this.a = a;
        this.shared = SharedQuantities.of(a);
        this.q = q;
        this.formats = formats;
        // at construction, as before: a level whose arithmetic cannot hold the base is skipped whole
        this.base = base.isPresent() ? a.of(base.get()) : null;
        this.binding = binding;
        lower = new ZoneLevel.Value[Bounds.lower().size()];
        perFormat = new ZoneLevel.InFormat[formats.size()];
    }

    /**
     * The level for arithmetic {@code a}.
     *
     * @param binding the bound already decided to bind (the largest lower bound), or null; the zone's lower end is then
     *        that bound's value (the max of the three as reals), else their max in this arithmetic
     */
    static ZoneLevel<?> of(Arithmetic<?> a, ZoneQuery q, List<Format> formats, Optional<Rational> base, Bound binding) {
        return new ZoneLevel<>(a, q, formats, base, binding);
    }

    private T maxOfLower() {
        T m = lower(0).t();
        for (int i = 1; i < lower.length; i++) {
            m = a.max(m, lower(i).t());
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

    /** eps's kept quantities ({@link SharedQuantities#tolerance}), looked up once per level. */
    private SharedQuantities.PerTolerance<T> tolerance() {
        SharedQuantities.PerTolerance<T> t = tolerance;
        if (t == null) {
            t = shared.tolerance(q);
            tolerance = t;
        }
        return t;
    }

    private T acosRoot() {
        T v = acosRoot;
        if (v == null) {
            v = shared.acosRoot(q, tolerance());
            acosRoot = v;
        }
        return v;
    }

    private T length() {
        T v = length;
        if (v == null) {
            v = shared.context(q);
            length = v;
        }
        return v;
    }

    /**
     * L theta_min: L/b (approx; one rounded operation, where L times 1/b took two) or L b^(-(d-2)/d) (exact). Only its
     * decisions are printed, and every level's decisions are the enclosures' (the same value whatever the formula).
     */
    private T phase() {
        T v = phase;
        if (v == null) {
            T b = base();
            v = q.spectrum() == Spectrum.APPROX ? a.divide(length(), b)
                    : a.multiply(length(), a.pow(b, a.of(Rational.of(BigInteger.valueOf(2L - q.rotaryDim()), BigInteger.valueOf(q.rotaryDim())))));
            phase = v;
        }
        return v;
    }

    /** A lower bound's threshold. */
    Value lower(Bound b) {
        List<Bound> all = Bounds.lower();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) == b) {
                return lower(i);
            }
        }
        throw new IllegalArgumentException("not a lower bound: " + b.id());
    }

    /**
     * The i-th lower bound's threshold, in the order of {@link Bounds#lower()}: each L over its denominator, which is the
     * same for many zones and kept ({@link SharedQuantities}).
     */
    Value lower(int i) {
        return kept(lower, i, THRESHOLD_KINDS[i], i);
    }

    /** The kind of each lower bound's threshold, in the order of {@link Bounds#lower()}. */
    private static final Kind[] THRESHOLD_KINDS = Bounds.lower().stream().map(ZoneLevel::thresholdKind).toArray(Kind[]::new);

    private static Kind thresholdKind(Bound b) {
        return b == Bounds.ALIASING ? Kind.ALIASING_THRESHOLD : b == Bounds.DC_STABILITY ? Kind.DC_THRESHOLD
                : b == Bounds.DEPTH_STABILITY ? Kind.DEPTH_THRESHOLD : Kind.LOWER;
    }

    /**
     * max of the lower bounds. When the larger of aliasing and depth stability is decided, max(aliasing, dc, depth) is
     * that bound's value, since dc_stability <= depth_stability for N >= 1 (proofs/depth-stability.md,
     * proofs/double-double-interval.md section 12; not at the last level, where the digits settled for come from the
     * enclosure itself).
     */
    Value zoneLower() {
        Value v = zoneLower;
        if (v == null) {
            v = binding != null ? lower(binding) : new Value(Kind.MAX_OF_LOWER, 0);
            zoneLower = v;
        }
        return v;
    }

    /** kept[slot], the quantity of this kind and index, built on first use (every lazily built Value of a level). */
    private Value kept(Value[] kept, int slot, Kind kind, int index) {
        Value v = kept[slot];
        if (v == null) {
            v = new Value(kind, index);
            kept[slot] = v;
        }
        return v;
    }

    /** The level's quantity of this kind (index 0), kept in {@link #singles} at slot. */
    private Value single(int slot, Kind kind) {
        return kept(singles, slot, kind, 0);
    }

    /** L / acos(eps^(1/N)), the approx-spectrum depth bound (p_min compares it with 2^(p-1)). */
    Value depthApprox() {
        return single(0, Kind.DEPTH_APPROX);
    }

    /** base / zone lower; only with a base. */
    Value marginLower() {
        return single(1, Kind.MARGIN_LOWER);
    }

    /** The base, in this level's arithmetic; only with a base. */
    Value baseValue() {
        return single(2, Kind.BASE);
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
            x = a.divide(shared.logTolerance(q, tolerance()), a.log(a.cos(phase())));
            depthQuotient = x;
        }
        return ZoneShortcuts.commonFloor(a, x);
    }

    /** The i-th format's quantities. */
    InFormat format(int i) {
        InFormat f = perFormat[i];
        if (f == null) {
            f = new InFormat(i);
            perFormat[i] = f;
        }
        return f;
    }

    /**
     * One quantity at this level: its value in the level's arithmetic, its enclosure (built only when asked), and the
     * decisions taken from it, from the double-double ball itself where the level has one.
     */
    final class Value implements Supplier<Enclosure> {
        private final Kind kind;
        private final int index;
        /** The value and its enclosure, each computed on first use and kept (a failed computation is not kept). */
        private T value;
        private Enclosure enclosure;
        /** The last decision taken from this value, and its arguments as digits * 8 + direction * 2 + last (-1: none yet). */
        private int decidedKey = -1;
        private Optional<CertifiedDecimal> decided;

        Value(Kind kind, int index) {
            this.kind = kind;
            this.index = index;
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
         * Takes into {@code d} the decimal the enclosure decides in {@code direction} (CertifiedDecimal.decide, from the
         * ball when there is one; at a double, double-double or ball level that is not the last, from the ball test
         * alone: a more precise level follows and decides the same digits), or at the last level the digits the
         * enclosure has ({@link CertifiedDecimal#best}); nothing when this level does not decide. One method for the
         * whole step, so that the JIT compiles it once rather than once per wrapper.
         */
        void decideInto(Decision<CertifiedDecimal> d, int digits, Direction direction, boolean last) {
            // the same quantity asked again at this level (a format's zone lower end is the zone's and, once the binding
            // bound is known, that bound's value) answers from the first: a pure function of the kept value and the arguments
            int key = digits * 8 + direction.ordinal() * 2 + (last ? 1 : 0);
            Optional<CertifiedDecimal> x = decided;
            if (key != decidedKey) {
                // a per-format constant is kept with its decimal decisions: the same decision every time
                SharedQuantities.FormatConstant<T> c = kind == Kind.CEILING ? shared.constant(q, formats.get(index), true) : null;
                x = c == null ? null : c.decision(key);
                if (x == null) {
                    T v = t();
                    if (v instanceof DoubleDoubleInterval ball) {
                        x = last ? CertifiedDecimal.decide(ball, digits, direction) : CertifiedDecimal.decideByBall(ball, digits, direction);
                    } else if (v instanceof DoubleInterval i) {
                        x = last ? CertifiedDecimal.decide(i, digits, direction) : CertifiedDecimal.decideByBall(i, digits, direction);
                    } else if (v instanceof Ball b && enclosure == null) {
                        x = last ? CertifiedDecimal.decide(b, digits, direction) : CertifiedDecimal.decideByBall(b, digits, direction);
                    } else {
                        x = CertifiedDecimal.decide(enclosure(), digits, direction);
                    }
                    if (c != null) {
                        c.keep(key, x);
                    }
                }
                decided = x;
                decidedKey = key;
            }
            if (x.isPresent()) {
                d.take(x.get());
            } else if (last) {
                d.take(CertifiedDecimal.best(enclosure(), digits, direction));
            }
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
        private final int index;
        /** ceiling, maxContextBound, ratio and marginUpper, each built on first use (null until then), as the level's own. */
        private final Value[] values = new ZoneLevel.Value[4];

        InFormat(int index) {
            this.index = index;
        }

        private Value value(int slot, Kind kind) {
            return kept(values, slot, kind, index);
        }

        /** The precision ceiling. */
        Value ceiling() {
            return value(0, Kind.CEILING);
        }

        /** acos(eps^(1/N)) / resolution. */
        Value maxContextBound() {
            return value(1, Kind.MAX_CONTEXT_BOUND);
        }

        /** ceiling / zone lower. */
        Value ratio() {
            return value(2, Kind.RATIO);
        }

        /** ceiling / base; only with a base. */
        Value marginUpper() {
            return value(3, Kind.MARGIN_UPPER);
        }
    }
}
