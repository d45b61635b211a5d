package org.ropebounds.bounds;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.ropebounds.bounds.ZoneReport.FormatZone;
import org.ropebounds.bounds.ZoneReport.LowerBound;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.InsufficientPrecisionException;
import org.ropebounds.real.Ziv;

/**
 * The Goldilocks zone for a query and several formats: every lower bound, the precision ceilings, the
 * zone per format, the largest context and fewest bits, and, for a base, the verdict and the largest
 * depth it admits. All quantities are evaluated together at each precision level of {@link Ziv}; each
 * is settled at the first level whose enclosures decide it, so nothing printed is undecided.
 */
public final class ZoneCalculator {
    private ZoneCalculator() {
    }

    /**
     * Computes the zone.
     *
     * @param base the base to judge (b > 1), if any
     * @param digits significant digits for every decimal, 1..{@value Ziv#MAX_DIGITS}
     * @throws org.ropebounds.InvalidInputException if the base is not above 1
     */
    public static ZoneReport compute(ZoneQuery q, List<Format> formats, Optional<Rational> base, int digits) {
        base.ifPresent(b -> {
            if (b.compareTo(Rational.ONE) <= 0) {
                throw new org.ropebounds.InvalidInputException("base " + b.toCompactDecimalStringOrFraction()
                        + " is out of range; accepted: b > 1");
            }
        });
        Decisions d = new Decisions(q, formats, base, digits);
        List<Arithmetic<?>> levels = Ziv.levels(digits);
        for (int i = 0; i < levels.size() && !d.settled(); i++) {
            boolean last = i == levels.size() - 1;
            try {
                d.absorb(Snapshot.of(levels.get(i), q, formats, base), last);
            } catch (InsufficientPrecisionException e) {
                // the next level has more bits
            }
        }
        return d.report();
    }

    /** Every enclosure the decisions need, at one precision. */
    private record Snapshot(Enclosure[] lower, Enclosure zoneLower, Enclosure depthApprox, Enclosure[] ceiling,
                            Enclosure[] maxContextBound, Enclosure[] ratio, Enclosure marginLower,
                            Enclosure[] marginUpper, Enclosure phaseOverHalfPi, Enclosure depthQuotient) {

        static Snapshot of(Arithmetic<?> a, ZoneQuery q, List<Format> formats, Optional<Rational> base) {
            return capture(a, q, formats, base);
        }

        private static <T> Snapshot capture(Arithmetic<T> a, ZoneQuery q, List<Format> formats, Optional<Rational> base) {
            List<Bound> bounds = Bounds.lower();
            Enclosure[] lower = new Enclosure[bounds.size()];
            List<T> lowerT = new ArrayList<>();
            for (int i = 0; i < lower.length; i++) {
                T v = bounds.get(i).threshold(a, q, null);
                lowerT.add(v);
                lower[i] = a.toEnclosure(v);
            }
            Enclosure zoneLower = maxOf(lower);
            T acosRoot = DepthStabilityBound.acosOfRoot(a, q);
            T length = a.of(q.context().longValueExact());
            Enclosure depthApprox = a.toEnclosure(a.divide(length, acosRoot));
            int n = formats.size();
            Enclosure[] ceiling = new Enclosure[n];
            Enclosure[] maxContext = new Enclosure[n];
            Enclosure[] ratio = new Enclosure[n];
            Enclosure[] marginUpper = new Enclosure[n];
            T zoneLowerT = hull(a, lowerT);
            T b = base.map(a::of).orElse(null);
            for (int i = 0; i < n; i++) {
                Format f = formats.get(i);
                T c = Bounds.PRECISION_CEILING.threshold(a, q, f);
                ceiling[i] = a.toEnclosure(c);
                maxContext[i] = a.toEnclosure(a.divide(acosRoot, a.of(q.convention().resolution(f).toRational())));
                ratio[i] = a.toEnclosure(a.divide(c, zoneLowerT));
                marginUpper[i] = b == null ? null : a.toEnclosure(a.divide(c, b));
            }
            Enclosure marginLower = null;
            Enclosure phaseOverHalfPi = null;
            Enclosure depthQuotient = null;
            if (b != null) {
                marginLower = a.toEnclosure(a.divide(b, zoneLowerT));
                // theta_min = 1/b (approx) or b^(-(d-2)/d) (exact); the phase L theta_min against pi/2
                T theta = q.spectrum() == Spectrum.APPROX ? a.divide(a.of(1), b)
                        : a.pow(b, a.of(Rational.of(BigInteger.valueOf(2L - q.rotaryDim()), BigInteger.valueOf(q.rotaryDim()))));
                T phase = a.multiply(length, theta);
                T halfPi = a.divide(a.pi(), a.of(2));
                phaseOverHalfPi = a.toEnclosure(a.divide(phase, halfPi));
                if (phaseOverHalfPi.hi().compareTo(Rational.ONE) < 0) {
                    // cos(phase) in (0, 1): cos^N >= eps  <=>  N <= log(eps) / log(cos(phase))
                    depthQuotient = a.toEnclosure(a.divide(a.log(a.of(q.tolerance())), a.log(a.cos(phase))));
                }
            }
            return new Snapshot(lower, zoneLower, depthApprox, ceiling, maxContext, ratio, marginLower, marginUpper,
                    phaseOverHalfPi, depthQuotient);
        }

        private static <T> T hull(Arithmetic<T> a, List<T> xs) {
            T m = xs.get(0);
            for (T x : xs) {
                m = a.max(m, x);
            }
            return m;
        }

        private static Enclosure maxOf(Enclosure[] xs) {
            Rational lo = xs[0].lo();
            Rational hi = xs[0].hi();
            for (Enclosure x : xs) {
                lo = lo.max(x.lo());
                hi = hi.max(x.hi());
            }
            return Enclosure.of(lo, hi);
        }
    }

    /** The decisions taken so far; each is filled at the first level that decides it. */
    private static final class Decisions {
        private final ZoneQuery q;
        private final List<Format> formats;
        private final Optional<Rational> base;
        private final int digits;
        private final CertifiedDecimal[] lower;
        private Optional<Bound> binding;
        private Optional<Boolean> dominates;
        private final CertifiedDecimal[] ceiling;
        private final CertifiedDecimal[] zoneLower;
        private final Boolean[] empty;
        private final CertifiedDecimal[] ratio;
        private final CertifiedDecimal[] maxContextBound;
        private final BigInteger[] maxContext;
        private final Integer[] minBits;
        private final Verdict[] verdict;
        private final CertifiedDecimal[] marginUpper;
        private CertifiedDecimal marginLower;
        private BigInteger maxDepth;
        private boolean settledAtLastLevel;

        Decisions(ZoneQuery q, List<Format> formats, Optional<Rational> base, int digits) {
            this.q = q;
            this.formats = formats;
            this.base = base;
            this.digits = digits;
            this.lower = new CertifiedDecimal[Bounds.lower().size()];
            this.binding = null;
            this.dominates = null;
            int n = formats.size();
            ceiling = new CertifiedDecimal[n];
            zoneLower = new CertifiedDecimal[n];
            empty = new Boolean[n];
            ratio = new CertifiedDecimal[n];
            maxContextBound = new CertifiedDecimal[n];
            maxContext = new BigInteger[n];
            minBits = new Integer[n];
            verdict = new Verdict[n];
            marginUpper = new CertifiedDecimal[n];
        }

        boolean settled() {
            if (settledAtLastLevel) {
                return true;
            }
            for (Object[] xs : new Object[][] {lower, ceiling, zoneLower, empty, ratio, maxContextBound, maxContext, minBits}) {
                for (Object x : xs) {
                    if (x == null) {
                        return false;
                    }
                }
            }
            if (binding == null || dominates == null) {
                return false;
            }
            if (base.isPresent()) {
                for (int i = 0; i < formats.size(); i++) {
                    if (verdict[i] == null || marginUpper[i] == null) {
                        return false;
                    }
                }
                return marginLower != null && maxDepth != null;
            }
            return true;
        }

        void absorb(Snapshot s, boolean last) {
            for (int i = 0; i < lower.length; i++) {
                lower[i] = decimal(lower[i], s.lower()[i], last);
            }
            int aliasing = Bounds.lower().indexOf(Bounds.ALIASING);
            int depth = Bounds.lower().indexOf(Bounds.DEPTH_STABILITY);
            if (dominates == null) {
                OptionalInt c = s.lower()[depth].compareTo(s.lower()[aliasing]);
                if (c.isPresent()) {
                    dominates = Optional.of(c.getAsInt() > 0);
                    // dc_stability <= depth_stability for N >= 1 (proofs/depth-stability.md): the larger of
                    // aliasing and depth stability binds
                    binding = Optional.of(c.getAsInt() > 0 ? Bounds.DEPTH_STABILITY : Bounds.ALIASING);
                } else if (last) {
                    dominates = Optional.empty();
                    binding = Optional.empty();
                }
            }
            for (int i = 0; i < formats.size(); i++) {
                ceiling[i] = decimal(ceiling[i], s.ceiling()[i], last);
                zoneLower[i] = decimal(zoneLower[i], s.zoneLower(), last);
                ratio[i] = decimal(ratio[i], s.ratio()[i], last);
                maxContextBound[i] = decimal(maxContextBound[i], s.maxContextBound()[i], last);
                if (empty[i] == null) {
                    // feasible b exists iff lower < ceiling (lower inclusive, ceiling exclusive)
                    OptionalInt c = s.zoneLower().compareTo(s.ceiling()[i]);
                    if (c.isPresent()) {
                        empty[i] = c.getAsInt() >= 0;
                    }
                }
                if (maxContext[i] == null) {
                    // the largest integer strictly below x is ceil(x) - 1
                    Enclosure x = s.maxContextBound()[i];
                    if (x.lo().ceil().equals(x.hi().ceil())) {
                        maxContext[i] = x.lo().ceil().subtract(BigInteger.ONE).max(BigInteger.ZERO);
                    }
                }
                if (minBits[i] == null) {
                    // machine: smallest p with 2^(p-1) > B, i.e. p = floor(log2 B) + 2; unit: 2^p > B, p = floor(log2 B) + 1
                    // (for B = 2^k exactly, both give the same p: 2^(p-1) > B is strict)
                    Enclosure bq = s.depthApprox();
                    if (bq.lo().signum() > 0 && bq.lo().floorLog2() == bq.hi().floorLog2()) {
                        long p = bq.lo().floorLog2() + (q.convention() == EpsilonConvention.MACHINE ? 2 : 1);
                        minBits[i] = (int) Math.max(1, p);
                    }
                }
                if (base.isPresent()) {
                    marginUpper[i] = decimal(marginUpper[i], s.marginUpper()[i], last);
                    if (verdict[i] == null) {
                        OptionalInt belowLower = s.zoneLower().compareTo(base.get()); // > 0: b < lower
                        OptionalInt vsCeiling = s.ceiling()[i].compareTo(base.get()); // <= 0: b >= ceiling
                        if (belowLower.isPresent() && belowLower.getAsInt() > 0) {
                            verdict[i] = Verdict.BELOW;
                        } else if (belowLower.isPresent() && vsCeiling.isPresent()) {
                            verdict[i] = vsCeiling.getAsInt() <= 0 ? Verdict.ABOVE : Verdict.INSIDE;
                        }
                    }
                }
            }
            if (base.isPresent()) {
                marginLower = decimal(marginLower, s.marginLower(), last);
                if (maxDepth == null) {
                    Enclosure ratioToHalfPi = s.phaseOverHalfPi();
                    if (ratioToHalfPi.lo().compareTo(Rational.ONE) >= 0) {
                        maxDepth = BigInteger.ZERO; // cos(L theta_min) <= 0: no depth keeps cos^N >= eps
                    } else if (s.depthQuotient() != null
                            && s.depthQuotient().lo().floor().equals(s.depthQuotient().hi().floor())) {
                        maxDepth = s.depthQuotient().lo().floor().max(BigInteger.ZERO);
                    }
                }
            }
            if (last) {
                settledAtLastLevel = true;
            }
        }

        private CertifiedDecimal decimal(CertifiedDecimal current, Enclosure x, boolean last) {
            if (current != null || x == null) {
                return current;
            }
            Optional<CertifiedDecimal> d = CertifiedDecimal.decide(x, digits);
            return d.orElse(last ? CertifiedDecimal.best(x, digits) : null);
        }

        ZoneReport report() {
            List<LowerBound> lb = new ArrayList<>();
            for (int i = 0; i < lower.length; i++) {
                lb.add(new LowerBound(Bounds.lower().get(i), orUndecided(lower[i])));
            }
            List<FormatZone> fz = new ArrayList<>();
            for (int i = 0; i < formats.size(); i++) {
                CertifiedDecimal upperMargin = marginUpper[i];
                fz.add(new FormatZone(formats.get(i), orUndecided(ceiling[i]), orUndecided(zoneLower[i]),
                        Optional.ofNullable(empty[i]), orUndecided(ratio[i]), orUndecided(maxContextBound[i]),
                        Optional.ofNullable(maxContext[i]), Optional.ofNullable(minBits[i]), Optional.ofNullable(verdict[i]),
                        base.map(b -> orUndecided(marginLower)), base.map(b -> orUndecided(upperMargin))));
            }
            return new ZoneReport(q, digits, base, lb, binding == null ? Optional.empty() : binding,
                    dominates == null ? Optional.empty() : dominates, fz, Optional.ofNullable(maxDepth));
        }

        private CertifiedDecimal orUndecided(CertifiedDecimal d) {
            return d != null ? d : new CertifiedDecimal("?", 0, digits, false);
        }
    }
}
