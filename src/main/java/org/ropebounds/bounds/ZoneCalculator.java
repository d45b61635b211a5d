package org.ropebounds.bounds;

import static org.ropebounds.real.CertifiedDecimal.Direction.DOWNWARD;
import static org.ropebounds.real.CertifiedDecimal.Direction.UPWARD;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.ropebounds.bounds.ZoneReport.FormatZone;
import org.ropebounds.bounds.ZoneReport.LowerBound;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal;
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
            d.absorb(ZoneLevel.of(a, q, formats, base, mostPrecise ? null : d.binding.valueOrNull()), mostPrecise);
            return d.settled();
        }, settled -> settled);
        return d.report();
    }

    /** The decisions taken so far; each is taken at the first level that decides it. */
    private static final class Decisions {
        private final ZoneQuery q;
        private final Optional<Rational> base;
        private final int digits;
        /** The lower bounds' decimals, in the order of {@link Bounds#lower()} (arrays, not lists: no iterator per pass). */
        private final Decision<CertifiedDecimal>[] lower;
        private final Decision<Bound> binding = new Decision<>();
        private final Decision<Boolean> dominates = new Decision<>();
        private final FormatDecisions[] formats;
        private final Decision<CertifiedDecimal> marginLower = new Decision<>();
        private final Decision<BigInteger> maxDepth = new Decision<>();
        private boolean settledAtLastLevel;

        @SuppressWarnings("unchecked")
        Decisions(ZoneQuery q, List<Format> formats, Optional<Rational> base, int digits) {
            this.q = q;
            this.base = base;
            this.digits = digits;
            lower = new Decision[Bounds.lower().size()];
            for (int i = 0; i < lower.length; i++) {
                lower[i] = new Decision<>();
            }
            this.formats = new FormatDecisions[formats.size()];
            for (int i = 0; i < this.formats.length; i++) {
                this.formats[i] = new FormatDecisions(formats.get(i));
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
         * pending decimal takes the digits it has. The steps are methods of their own so that the JIT's optimising
         * compiler compiles each as a unit (a format's step is above its inlining size): one method holding them all
         * took it longer than the zones it serves while it warms up.
         */
        <T> void absorb(ZoneLevel<T> s, boolean last) {
            // each Value is asked for only while its decision is pending: a level builds only what it is asked
            absorbLower(s, last);
            for (int i = 0; i < formats.length; i++) {
                absorbFormat(s, i, last);
            }
            if (base.isPresent()) {
                absorbBase(s, last);
            }
            if (last) {
                settledAtLastLevel = true;
            }
        }

        /** The lower bounds' decimals, and which of them binds. */
        private <T> void absorbLower(ZoneLevel<T> s, boolean last) {
            for (int i = 0; i < lower.length; i++) {
                if (lower[i].pending()) {
                    s.lower(i).decideInto(lower[i], digits, UPWARD, last); // minimums: up
                }
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
        }

        /** The i-th format's decisions. */
        private <T> void absorbFormat(ZoneLevel<T> s, int i, boolean last) {
            FormatDecisions f = formats[i];
            // the format's and the zone's lower end's holders, asked for once: each call was inlined anew by the JIT
            // (they only hold values, built on first use, so asking early computes nothing)
            ZoneLevel<T>.InFormat in = s.format(i);
            ZoneLevel<T>.Value zoneLower = s.zoneLower();
            // each in its safe direction: the ceiling (b must stay below it) down, so a base below the printed value
            // is below it; the zone's lower end (a minimum base) up, so a base at or above the printed value is above
            // it; ceiling/lower (the zone's room, > 1 when non-empty) down, never overstating the room; the
            // max-context bound (L must stay below it) down, like the ceiling
            if (f.ceiling.pending()) {
                in.ceiling().decideInto(f.ceiling, digits, DOWNWARD, last);
            }
            if (f.zoneLower.pending()) {
                zoneLower.decideInto(f.zoneLower, digits, UPWARD, last);
            }
            if (f.ratio.pending()) {
                in.ratio().decideInto(f.ratio, digits, DOWNWARD, last);
            }
            if (f.maxContextBound.pending()) {
                in.maxContextBound().decideInto(f.maxContextBound, digits, DOWNWARD, last);
            }
            if (f.empty.pending()) {
                // feasible b exists iff lower < ceiling (lower inclusive, ceiling exclusive)
                OptionalInt c = zoneLower.compareTo(in.ceiling());
                if (c.isPresent()) {
                    f.empty.take(c.getAsInt() >= 0);
                }
            }
            if (f.maxContext.pending()) {
                // the largest integer strictly below x is ceil(x) - 1
                Optional<BigInteger> ceiling = in.maxContextBound().commonCeiling();
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
                if (f.marginUpper.pending()) {
                    in.marginUpper().decideInto(f.marginUpper, digits, DOWNWARD, last); // ceiling/b, a margin: never overstated
                }
                if (f.verdict.pending()) {
                    ZoneLevel<T>.Value b = s.baseValue();
                    OptionalInt belowLower = zoneLower.compareTo(base.get(), b); // > 0: b < lower
                    OptionalInt vsCeiling = in.ceiling().compareTo(base.get(), b); // <= 0: b >= ceiling
                    if (belowLower.isPresent() && vsCeiling.isPresent()) {
                        f.verdict.take(Verdict.of(belowLower.getAsInt() > 0, vsCeiling.getAsInt() <= 0));
                    }
                }
            }
        }

        /** The margin b/lower and the largest depth the base admits; only with a base. */
        private <T> void absorbBase(ZoneLevel<T> s, boolean last) {
            if (marginLower.pending()) {
                s.marginLower().decideInto(marginLower, digits, DOWNWARD, last); // b/lower, a margin: never overstated
            }
            if (maxDepth.pending()) {
                OptionalInt ratioToHalfPi = s.phaseOverHalfPiVersusOne();
                if (ratioToHalfPi.isPresent() && ratioToHalfPi.getAsInt() > 0) {
                    maxDepth.take(BigInteger.ZERO); // cos(L theta_min) <= 0: no depth keeps cos^N >= eps
                } else if (ratioToHalfPi.isPresent()) {
                    s.depthQuotientFloor().ifPresent(floor -> maxDepth.take(floor.max(BigInteger.ZERO)));
                }
            }
        }

        ZoneReport report() {
            // immutable lists from arrays, which the report keeps as they are (List.copyOf of an immutable list)
            LowerBound[] lb = new LowerBound[lower.length];
            for (int i = 0; i < lb.length; i++) {
                lb[i] = new LowerBound(Bounds.lower().get(i), orUndecided(lower[i]));
            }
            Optional<CertifiedDecimal> ml = base.isPresent() ? Optional.of(orUndecided(marginLower)) : Optional.empty();
            FormatZone[] fz = new FormatZone[formats.length];
            for (int i = 0; i < fz.length; i++) {
                FormatDecisions f = formats[i];
                fz[i] = new FormatZone(f.format, orUndecided(f.ceiling), orUndecided(f.zoneLower), f.empty.value(),
                        orUndecided(f.ratio), orUndecided(f.maxContextBound), f.maxContext.value(), f.minBits.value(),
                        f.verdict.value(), ml, base.isPresent() ? Optional.of(orUndecided(f.marginUpper)) : Optional.empty());
            }
            return new ZoneReport(q, digits, base, List.of(lb), binding.value(), dominates.value(), List.of(fz), maxDepth.value());
        }

        private CertifiedDecimal orUndecided(Decision<CertifiedDecimal> d) {
            CertifiedDecimal v = d.valueOrNull();
            return v != null ? v : CertifiedDecimal.undecided(digits);
        }
    }
}
