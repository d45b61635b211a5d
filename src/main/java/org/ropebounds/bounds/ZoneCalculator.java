package org.ropebounds.bounds;

import static org.ropebounds.real.CertifiedDecimal.Direction.DOWNWARD;
import static org.ropebounds.real.CertifiedDecimal.Direction.UPWARD;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.ropebounds.bounds.ZoneReport.FormatZone;
import org.ropebounds.bounds.ZoneReport.LowerBound;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.Ball;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.CertifiedDecimal.Direction;
import org.ropebounds.real.DoubleDoubleInterval;
import org.ropebounds.real.DoubleInterval;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.Ziv;

/**
 * The Goldilocks zone for a query and several formats: every lower bound, the precision ceilings, the
 * zone per format, the largest context and fewest bits, and, for a base, the verdict and the largest
 * depth it admits. All quantities are evaluated together at each precision level of {@link Ziv}; each
 * is settled at the first level whose enclosures decide it, so nothing printed is undecided. At the
 * double-double level, decimals, ceilings and floor(log2) are decided from the balls themselves
 * (proofs/double-double-interval.md section 8: the same decisions as from their enclosures), and an
 * enclosure is built only for what a ball cannot decide.
 */
public final class ZoneCalculator {
    private ZoneCalculator() {
    }

    /** The index of a lower bound in {@link Bounds#lower()}. */
    private static int lowerIndex(Bound b) {
        List<Bound> all = Bounds.lower();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a lower bound: " + b.id());
    }

    /**
     * Computes the zone. Every decimal is a bound printed in its safe direction, to {@code digits}
     * significant digits (or exact): the lower bounds and the zone's lower end rounded up (a base at or
     * above the printed value satisfies them), the ceilings, the largest-context bound, the ratio
     * ceiling/lower and the margins rounded down (never overstated); see {@link ZoneReport}. A decimal
     * carries fewer digits (or is undecided) when the most precise level of {@link Ziv} could not decide
     * more; every other decision is empty when undecided, never guessed.
     *
     * @param q the query
     * @param formats the formats to give the zone in, in the order of {@link ZoneReport#formats()} (may be empty)
     * @param base the base to judge (b > 1), if any
     * @param digits significant digits for every decimal, 1..{@value Ziv#MAX_DIGITS}
     * @throws org.ropebounds.InvalidInputException if the base is not above 1
     * @throws IllegalArgumentException unless digits is within 1..{@value Ziv#MAX_DIGITS}
     */
    public static ZoneReport compute(ZoneQuery q, List<Format> formats, Optional<Rational> base, int digits) {
        base.ifPresent(b -> {
            if (!ZoneShortcuts.aboveOne(b)) {
                throw new org.ropebounds.InvalidInputException("base " + b.toCompactDecimalStringOrFraction()
                        + " is out of range; accepted: b > 1");
            }
        });
        Decisions d = new Decisions(q, formats, base, digits);
        Ziv.refine(digits, (a, mostPrecise) -> {
            d.absorb(Level.of(a, q, formats, base, mostPrecise ? Optional.empty() : d.binding.value()), mostPrecise);
            return d.settled();
        }, settled -> settled);
        return d.report();
    }

    /**
     * Every enclosure the decisions need, at one precision, computed on first use and kept: a level
     * evaluates only what the decisions still pending ask of it.
     */
    private static final class Level<T> {
        private final Arithmetic<T> a;
        private final ZoneQuery q;
        private final Optional<T> base;
        /** The lower bounds' thresholds, in the order of {@link Bounds#lower()}. */
        private final List<Value> lower = new ArrayList<>(Bounds.lower().size());
        private final Value zoneLower;
        private final ZoneShortcuts.Lazy<T> acosRoot;
        private final ZoneShortcuts.Lazy<T> length;
        private final Value depthApprox;
        private final Value marginLower;
        private final Value baseValue;
        private final ZoneShortcuts.Lazy<T> phase;
        private final ZoneShortcuts.Lazy<T> phaseOverHalfPi;
        private final ZoneShortcuts.Lazy<T> depthQuotient;
        private final List<InFormat> perFormat = new ArrayList<>();

        /**
         * @param binding the bound already decided to bind (the largest lower bound), if it is; the zone's lower end is
         *        then that bound's value (the max of the three as reals), else their max in this arithmetic
         */
        Level(Arithmetic<T> a, ZoneQuery q, List<Format> formats, Optional<Rational> base, Optional<Bound> binding) {
            this.a = a;
            this.q = q;
            this.base = base.map(a::of);
            acosRoot = new ZoneShortcuts.Lazy<>(() -> DepthStabilityBound.acosOfRoot(a, q));
            length = new ZoneShortcuts.Lazy<>(() -> a.of(q.context().longValueExact()));
            depthApprox = new Value(() -> a.divide(length.get(), acosRoot.get()));
            for (Bound b : Bounds.lower()) {
                // depth stability's approx threshold is depthApprox, L/acos(eps^(1/N)) (DepthStabilityBound.approxThreshold):
                // taken from it, acos(eps^(1/N)) is computed once per level for this bound and the max-context bound alike
                lower.add(new Value(b == Bounds.DEPTH_STABILITY ? () -> Bound.inSpectrum(a, q, depthApprox.t()) : () -> b.threshold(a, q, null)));
            }
            // dc_stability <= depth_stability for N >= 1 (proofs/depth-stability.md), so when the larger of aliasing and
            // depth stability is decided, max(aliasing, dc, depth) is that bound's value (proofs/double-double-interval.md
            // section 12; not at the last level, where the digits settled for come from the enclosure itself)
            zoneLower = binding.isPresent() ? lower(binding.get()) : new Value(() -> {
                T m = lower.get(0).t();
                for (int i = 1; i < lower.size(); i++) {
                    m = a.max(m, lower.get(i).t());
                }
                return m;
            });
            marginLower = new Value(() -> a.divide(this.base.orElseThrow(), zoneLower.t()));
            baseValue = new Value(() -> this.base.orElseThrow());
            phase = new ZoneShortcuts.Lazy<>(() -> {
                T b = this.base.orElseThrow();
                T theta = q.spectrum() == Spectrum.APPROX ? a.divide(a.of(1), b)
                        : a.pow(b, a.of(Rational.of(BigInteger.valueOf(2L - q.rotaryDim()), BigInteger.valueOf(q.rotaryDim()))));
                return a.multiply(length.get(), theta);
            });
            phaseOverHalfPi = new ZoneShortcuts.Lazy<>(() -> a.divide(phase.get(), a.divide(a.pi(), a.of(2))));
            depthQuotient = new ZoneShortcuts.Lazy<>(() -> a.divide(a.log(a.of(q.tolerance())), a.log(a.cos(phase.get()))));
            for (Format f : formats) {
                perFormat.add(new InFormat(f));
            }
        }

        static Level<?> of(Arithmetic<?> a, ZoneQuery q, List<Format> formats, Optional<Rational> base, Optional<Bound> binding) {
            return new Level<>(a, q, formats, base, binding);
        }

        /**
         * One quantity at this level: its value in the level's arithmetic, its enclosure (built only when
         * asked), and the decisions taken from it, from the double-double ball itself where the level has one.
         */
        final class Value {
            private final Supplier<T> compute;
            /** For a per-level constant: the key its value is kept under, so its decimal decisions are kept too; else null. */
            private final ZoneShortcuts.Constant constant;
            /** The value and its enclosure, each computed on first use and kept (a failed computation is not kept). */
            private T value;
            private Enclosure enclosure;
            /** The last decision taken from this value, and its arguments as digits * 8 + direction * 2 + last (-1: none yet). */
            private int decidedKey = -1;
            private Optional<CertifiedDecimal> decided;

            Value(Supplier<T> compute) {
                this(compute, null);
            }

            Value(Supplier<T> compute, ZoneShortcuts.Constant constant) {
                this.compute = compute;
                this.constant = constant;
            }

            T t() {
                T v = value;
                if (v == null) {
                    v = compute.get();
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
                if (constant != null) {
                    // a pure function of the constant's (kept) value and the arguments: the same decision every time
                    return ZoneShortcuts.decision(new ZoneShortcuts.ConstantDecision(constant, digits, direction, last),
                            () -> decideNow(digits, direction, last));
                }
                return decideNow(digits, direction, last);
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
                return ZoneShortcuts.commonCeiling(t(), this::enclosure);
            }

            /** floor(log2) every point of the enclosure shares, if every point is positive and they share one. */
            java.util.OptionalLong commonFloorLog2() {
                return ZoneShortcuts.commonFloorLog2(t(), this::enclosure);
            }
        }

        /** A lower bound's threshold. */
        Value lower(Bound b) {
            return lower.get(lowerIndex(b));
        }

        /** The i-th lower bound's threshold, in the order of {@link Bounds#lower()}. */
        Value lower(int i) {
            return lower.get(i);
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
        Value base() {
            return baseValue;
        }

        /**
         * How the phase L theta_min over pi/2 compares with 1 on its whole enclosure ({@link #versusOne}; cos of the
         * phase is positive below 1), theta_min = 1/b (approx) or b^(-(d-2)/d) (exact).
         */
        OptionalInt phaseOverHalfPiVersusOne() {
            T x = phaseOverHalfPi.get();
            return ZoneShortcuts.versusOne(x, () -> a.toEnclosure(x));
        }

        /** The floor shared by log(eps) / log(cos(L theta_min)) on its enclosure, for a phase below pi/2: cos^N >= eps iff N <= it. */
        Optional<BigInteger> depthQuotientFloor() {
            T x = depthQuotient.get();
            return ZoneShortcuts.commonFloor(x, () -> a.toEnclosure(x));
        }

        /** The i-th format's quantities. */
        InFormat format(int i) {
            return perFormat.get(i);
        }

        /** The quantities of one format at this level. */
        final class InFormat {
            private final Value ceiling;
            private final Value maxContextBound;
            private final Value ratio;
            private final Value marginUpper;

            InFormat(Format f) {
                ZoneShortcuts.Constant ceilingKey = new ZoneShortcuts.Constant(a, f.precision(), q.convention(), q.spectrum(), q.rotaryDim(), true);
                ceiling = new Value(() -> ZoneShortcuts.constant(ceilingKey, () -> Bounds.PRECISION_CEILING.threshold(a, q, f)), ceilingKey);
                maxContextBound = new Value(() -> a.divide(acosRoot.get(), ZoneShortcuts.constant(new ZoneShortcuts.Constant(a, f.precision(), q.convention(),
                        Spectrum.APPROX, 0, false), () -> a.of(q.convention().resolution(f).toRational()))));
                ratio = new Value(() -> a.divide(ceiling.t(), zoneLower.t()));
                marginUpper = new Value(() -> a.divide(ceiling.t(), base.orElseThrow()));
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

    /** The decisions taken so far; each is taken at the first level that decides it. */
    private static final class Decisions {
        private final ZoneQuery q;
        private final Optional<Rational> base;
        private final int digits;
        /** The lower bounds' decimals, in the order of {@link Bounds#lower()}. */
        private final List<Decision<CertifiedDecimal>> lower = new ArrayList<>(Bounds.lower().size());
        private final Decision<Bound> binding = new Decision<>();
        private final Decision<Boolean> dominates = new Decision<>();
        private final List<FormatDecisions> formats = new ArrayList<>();
        private final Decision<CertifiedDecimal> marginLower = new Decision<>();
        private final Decision<BigInteger> maxDepth = new Decision<>();
        private boolean settledAtLastLevel;

        Decisions(ZoneQuery q, List<Format> formats, Optional<Rational> base, int digits) {
            this.q = q;
            this.base = base;
            this.digits = digits;
            for (int i = 0; i < Bounds.lower().size(); i++) {
                lower.add(new Decision<>());
            }
            for (Format f : formats) {
                this.formats.add(new FormatDecisions(f));
            }
        }

        /** Whether nothing is left to decide, or the most precise level has been absorbed. */
        boolean settled() {
            if (settledAtLastLevel) {
                return true;
            }
            for (Decision<CertifiedDecimal> d : lower) {
                if (d.pending()) {
                    return false;
                }
            }
            for (FormatDecisions f : formats) {
                if (f.pending(base.isPresent())) {
                    return false;
                }
            }
            return !binding.pending() && !dominates.pending() && (base.isEmpty() || !marginLower.pending() && !maxDepth.pending());
        }

        /**
         * Takes what level {@code s} decides of the pending decisions; at the most precise level, every
         * pending decimal takes the digits it has.
         */
        <T> void absorb(Level<T> s, boolean last) {
            for (int i = 0; i < lower.size(); i++) {
                decimal(lower.get(i), s.lower(i), UPWARD, last); // minimums: up
            }
            if (dominates.pending()) {
                OptionalInt c = s.lower(Bounds.DEPTH_STABILITY).compareTo(s.lower(Bounds.ALIASING));
                if (c.isPresent()) {
                    dominates.take(c.getAsInt() > 0);
                    // dc_stability <= depth_stability for N >= 1 (proofs/depth-stability.md): the larger of
                    // aliasing and depth stability binds
                    binding.take(c.getAsInt() > 0 ? Bounds.DEPTH_STABILITY : Bounds.ALIASING);
                }
            }
            for (int i = 0; i < formats.size(); i++) {
                FormatDecisions f = formats.get(i);
                Level<T>.InFormat z = s.format(i);
                // each in its safe direction: the ceiling (b must stay below it) down, so a base below the printed value
                // is below it; the zone's lower end (a minimum base) up, so a base at or above the printed value is above
                // it; ceiling/lower (the zone's room, > 1 when non-empty) down, never overstating the room; the
                // max-context bound (L must stay below it) down, like the ceiling
                decimal(f.ceiling, z.ceiling(), DOWNWARD, last);
                decimal(f.zoneLower, s.zoneLower(), UPWARD, last);
                decimal(f.ratio, z.ratio(), DOWNWARD, last);
                decimal(f.maxContextBound, z.maxContextBound(), DOWNWARD, last);
                if (f.empty.pending()) {
                    // feasible b exists iff lower < ceiling (lower inclusive, ceiling exclusive)
                    OptionalInt c = s.zoneLower().compareTo(z.ceiling());
                    if (c.isPresent()) {
                        f.empty.take(c.getAsInt() >= 0);
                    }
                }
                if (f.maxContext.pending()) {
                    // the largest integer strictly below x is ceil(x) - 1
                    Optional<BigInteger> ceiling = z.maxContextBound().commonCeiling();
                    if (ceiling.isPresent()) {
                        f.maxContext.take(ceiling.get().subtract(BigInteger.ONE).max(BigInteger.ZERO));
                    }
                }
                if (f.minBits.pending()) {
                    // machine: smallest p with 2^(p-1) > B, i.e. p = floor(log2 B) + 2; unit: 2^p > B, p = floor(log2 B) + 1
                    // (for B = 2^k exactly, both give the same p: 2^(p-1) > B is strict)
                    java.util.OptionalLong log2 = s.depthApprox().commonFloorLog2();
                    if (log2.isPresent()) {
                        long p = log2.getAsLong() + (q.convention() == EpsilonConvention.MACHINE ? 2 : 1);
                        f.minBits.take((int) Math.max(1, p));
                    }
                }
                if (base.isPresent()) {
                    decimal(f.marginUpper, z.marginUpper(), DOWNWARD, last); // ceiling/b, a margin: never overstated
                    if (f.verdict.pending()) {
                        OptionalInt belowLower = s.zoneLower().compareTo(base.get(), s.base()); // > 0: b < lower
                        OptionalInt vsCeiling = z.ceiling().compareTo(base.get(), s.base()); // <= 0: b >= ceiling
                        if (belowLower.isPresent() && vsCeiling.isPresent()) {
                            f.verdict.take(Verdict.of(belowLower.getAsInt() > 0, vsCeiling.getAsInt() <= 0));
                        }
                    }
                }
            }
            if (base.isPresent()) {
                decimal(marginLower, s.marginLower(), DOWNWARD, last); // b/lower, a margin: never overstated
                if (maxDepth.pending()) {
                    OptionalInt ratioToHalfPi = s.phaseOverHalfPiVersusOne();
                    if (ratioToHalfPi.isPresent() && ratioToHalfPi.getAsInt() > 0) {
                        maxDepth.take(BigInteger.ZERO); // cos(L theta_min) <= 0: no depth keeps cos^N >= eps
                    } else if (ratioToHalfPi.isPresent()) {
                        s.depthQuotientFloor().ifPresent(floor -> maxDepth.take(floor.max(BigInteger.ZERO)));
                    }
                }
            }
            if (last) {
                settledAtLastLevel = true;
            }
        }

        /** Takes the decimal the enclosure decides in {@code direction}, or at the last level the digits it has. */
        private void decimal(Decision<CertifiedDecimal> d, Level<?>.Value x, Direction direction, boolean last) {
            if (!d.pending()) {
                return;
            }
            Optional<CertifiedDecimal> decided = x.decide(digits, direction, last);
            if (decided.isPresent()) {
                d.take(decided.get());
            } else if (last) {
                d.take(CertifiedDecimal.best(x.enclosure(), digits, direction));
            }
        }

        ZoneReport report() {
            List<LowerBound> lb = new ArrayList<>();
            for (int i = 0; i < lower.size(); i++) {
                lb.add(new LowerBound(Bounds.lower().get(i), orUndecided(lower.get(i))));
            }
            List<FormatZone> fz = new ArrayList<>();
            for (FormatDecisions f : formats) {
                fz.add(new FormatZone(f.format, orUndecided(f.ceiling), orUndecided(f.zoneLower), f.empty.value(),
                        orUndecided(f.ratio), orUndecided(f.maxContextBound), f.maxContext.value(), f.minBits.value(),
                        f.verdict.value(), base.map(b -> orUndecided(marginLower)), base.map(b -> orUndecided(f.marginUpper))));
            }
            return new ZoneReport(q, digits, base, lb, binding.value(), dominates.value(), fz, maxDepth.value());
        }

        private CertifiedDecimal orUndecided(Decision<CertifiedDecimal> d) {
            return d.value().orElseGet(() -> CertifiedDecimal.undecided(digits));
        }
    }
}
