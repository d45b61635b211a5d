package org.ropebounds.bounds;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
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
                d.absorb(Level.of(levels.get(i), q, formats, base), last);
            } catch (InsufficientPrecisionException e) {
                // the next level has more bits
            }
        }
        return d.report();
    }

    /**
     * Every enclosure the decisions need, at one precision, computed on first use and kept: a level
     * evaluates only what the decisions still pending ask of it.
     */
    private static final class Level<T> {
        private final Arithmetic<T> a;
        private final ZoneQuery q;
        private final List<Format> formats;
        private final T base;
        private final Map<String, Object> memo = new HashMap<>();

        Level(Arithmetic<T> a, ZoneQuery q, List<Format> formats, Optional<Rational> base) {
            this.a = a;
            this.q = q;
            this.formats = formats;
            this.base = base.map(a::of).orElse(null);
        }

        static Level<?> of(Arithmetic<?> a, ZoneQuery q, List<Format> formats, Optional<Rational> base) {
            return new Level<>(a, q, formats, base);
        }

        @SuppressWarnings("unchecked")
        private <V> V memo(String key, Supplier<V> compute) {
            Object v = memo.get(key);
            if (v == null) {
                v = compute.get();
                memo.put(key, v);
            }
            return (V) v;
        }

        private T lowerT(int i) {
            return memo("lowerT" + i, () -> Bounds.lower().get(i).threshold(a, q, null));
        }

        Enclosure lower(int i) {
            return memo("lower" + i, () -> a.toEnclosure(lowerT(i)));
        }

        /** max of the lower bounds. */
        private T zoneLowerT() {
            return memo("zoneLowerT", () -> {
                T m = lowerT(0);
                for (int i = 1; i < Bounds.lower().size(); i++) {
                    m = a.max(m, lowerT(i));
                }
                return m;
            });
        }

        Enclosure zoneLower() {
            return memo("zoneLower", () -> a.toEnclosure(zoneLowerT()));
        }

        private T acosRoot() {
            return memo("acosRoot", () -> DepthStabilityBound.acosOfRoot(a, q));
        }

        private T length() {
            return memo("length", () -> a.of(q.context().longValueExact()));
        }

        /** L / acos(eps^(1/N)), the approx-spectrum depth bound (p_min compares it with 2^(p-1)). */
        Enclosure depthApprox() {
            return memo("depthApprox", () -> a.toEnclosure(a.divide(length(), acosRoot())));
        }

        private T ceilingT(int i) {
            return memo("ceilingT" + i, () -> Bounds.PRECISION_CEILING.threshold(a, q, formats.get(i)));
        }

        Enclosure ceiling(int i) {
            return memo("ceiling" + i, () -> a.toEnclosure(ceilingT(i)));
        }

        Enclosure maxContextBound(int i) {
            return memo("maxContext" + i, () -> a.toEnclosure(
                    a.divide(acosRoot(), a.of(q.convention().resolution(formats.get(i)).toRational()))));
        }

        Enclosure ratio(int i) {
            return memo("ratio" + i, () -> a.toEnclosure(a.divide(ceilingT(i), zoneLowerT())));
        }

        Enclosure marginUpper(int i) {
            return memo("marginUpper" + i, () -> a.toEnclosure(a.divide(ceilingT(i), base)));
        }

        Enclosure marginLower() {
            return memo("marginLower", () -> a.toEnclosure(a.divide(base, zoneLowerT())));
        }

        /** L theta_min with theta_min = 1/b (approx) or b^(-(d-2)/d) (exact). */
        private T phase() {
            return memo("phase", () -> {
                T theta = q.spectrum() == Spectrum.APPROX ? a.divide(a.of(1), base)
                        : a.pow(base, a.of(Rational.of(BigInteger.valueOf(2L - q.rotaryDim()), BigInteger.valueOf(q.rotaryDim()))));
                return a.multiply(length(), theta);
            });
        }

        /** The phase L theta_min over pi/2 (cos of it is positive below 1). */
        Enclosure phaseOverHalfPi() {
            return memo("phaseOverHalfPi", () -> a.toEnclosure(a.divide(phase(), a.divide(a.pi(), a.of(2)))));
        }

        /** log(eps) / log(cos(L theta_min)), for a phase below pi/2: cos^N >= eps iff N <= it. */
        Enclosure depthQuotient() {
            return memo("depthQuotient", () -> a.toEnclosure(a.divide(a.log(a.of(q.tolerance())), a.log(a.cos(phase())))));
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

        void absorb(Level<?> s, boolean last) {
            for (int i = 0; i < lower.length; i++) {
                int k = i;
                lower[i] = decimal(lower[i], () -> s.lower(k), last);
            }
            if (dominates == null) {
                OptionalInt c = s.lower(Bounds.lower().indexOf(Bounds.DEPTH_STABILITY))
                        .compareTo(s.lower(Bounds.lower().indexOf(Bounds.ALIASING)));
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
                int k = i;
                ceiling[i] = decimal(ceiling[i], () -> s.ceiling(k), last);
                zoneLower[i] = decimal(zoneLower[i], s::zoneLower, last);
                ratio[i] = decimal(ratio[i], () -> s.ratio(k), last);
                maxContextBound[i] = decimal(maxContextBound[i], () -> s.maxContextBound(k), last);
                if (empty[i] == null) {
                    // feasible b exists iff lower < ceiling (lower inclusive, ceiling exclusive)
                    OptionalInt c = s.zoneLower().compareTo(s.ceiling(i));
                    if (c.isPresent()) {
                        empty[i] = c.getAsInt() >= 0;
                    }
                }
                if (maxContext[i] == null) {
                    // the largest integer strictly below x is ceil(x) - 1
                    Enclosure x = s.maxContextBound(i);
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
                    marginUpper[i] = decimal(marginUpper[i], () -> s.marginUpper(k), last);
                    if (verdict[i] == null) {
                        OptionalInt belowLower = s.zoneLower().compareTo(base.get()); // > 0: b < lower
                        OptionalInt vsCeiling = s.ceiling(i).compareTo(base.get()); // <= 0: b >= ceiling
                        if (belowLower.isPresent() && belowLower.getAsInt() > 0) {
                            verdict[i] = Verdict.BELOW;
                        } else if (belowLower.isPresent() && vsCeiling.isPresent()) {
                            verdict[i] = vsCeiling.getAsInt() <= 0 ? Verdict.ABOVE : Verdict.INSIDE;
                        }
                    }
                }
            }
            if (base.isPresent()) {
                marginLower = decimal(marginLower, s::marginLower, last);
                if (maxDepth == null) {
                    Enclosure ratioToHalfPi = s.phaseOverHalfPi();
                    if (ratioToHalfPi.lo().compareTo(Rational.ONE) >= 0) {
                        maxDepth = BigInteger.ZERO; // cos(L theta_min) <= 0: no depth keeps cos^N >= eps
                    } else if (ratioToHalfPi.hi().compareTo(Rational.ONE) < 0) {
                        Enclosure quotient = s.depthQuotient();
                        if (quotient.lo().floor().equals(quotient.hi().floor())) {
                            maxDepth = quotient.lo().floor().max(BigInteger.ZERO);
                        }
                    }
                }
            }
            if (last) {
                settledAtLastLevel = true;
            }
        }

        private CertifiedDecimal decimal(CertifiedDecimal current, Supplier<Enclosure> value, boolean last) {
            if (current != null) {
                return current;
            }
            Enclosure x = value.get();
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
