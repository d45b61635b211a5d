package org.ropebounds.criteria;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.DoubleIntervalArithmetic;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;
import org.ropebounds.real.Ziv;

/**
 * Men et al.'s long-term-decay criterion ("Base of RoPE Bounds Context Length", arXiv:2405.14591), certified:
 * B_m(b) = sum_{i=0}^{d/2-1} cos(m theta_i), theta_i = b^(-2i/d) (unnormalised, B_0 = d/2), the longest context a
 * base supports, L_theta(b) = sup{L : B_m(b) &gt;= 0 for every integer m of the context}, and the bases a context
 * needs. Every sign is decided by a certified enclosure (a rotation recurrence with a proven error bound, then
 * interval and multi-precision evaluation near zero); {@code proofs/decay-bound.md} derives the bounds used.
 * Immutable and thread-safe.
 */
public final class DecayCriterion {
    /** Largest head (rotary) dimension accepted: the cost of every search grows with d. */
    public static final int MAX_HEAD_DIM = 1024;
    /** Largest context accepted by {@link #minBase} and searched by {@link #maxContext}: 2^24. */
    public static final long MAX_CONTEXT = 1L << 24;
    /** Largest distance m accepted by {@link #decaySum}. */
    public static final long MAX_DISTANCE = 1L << 40;
    /** Most significant digits {@link #decaySum} gives. */
    public static final int MAX_SUM_DIGITS = 100;
    /** Most significant digits {@link #minBase} locates interval ends to (its bases are doubles). */
    public static final int MAX_BASE_DIGITS = 15;
    /** Bases accepted lie in (1, 10^{@value #MAX_BASE_LOG10}]. */
    public static final int MAX_BASE_LOG10 = 100;
    /**
     * Default work limit of {@link #minBase(long, int)}, in mode-steps of the recurrence (d/2 per distance per
     * base visited): about a minute on one core. The search stops there and says how far it got.
     */
    public static final long DEFAULT_WORK = 1L << 36;

    private static final Rational MAX_BASE = Rational.of(BigInteger.TEN.pow(MAX_BASE_LOG10), BigInteger.ONE);

    private final int headDim;
    private final DistanceRange range;

    private DecayCriterion(int headDim, DistanceRange range) {
        this.headDim = headDim;
        this.range = range;
    }

    /**
     * The criterion for rotary dimension d = {@code headDim} and a distance range.
     *
     * @throws InvalidInputException unless headDim is even and within 2..{@value #MAX_HEAD_DIM}
     */
    public static DecayCriterion of(int headDim, DistanceRange range) {
        Objects.requireNonNull(range);
        if (headDim < 2 || headDim > MAX_HEAD_DIM || headDim % 2 != 0) {
            throw new InvalidInputException("head dimension " + headDim + " is not accepted; need an even integer in 2.." + MAX_HEAD_DIM);
        }
        return new DecayCriterion(headDim, range);
    }

    public int headDim() {
        return headDim;
    }

    public DistanceRange range() {
        return range;
    }

    /**
     * B_m(b) to {@code digits} significant digits, correctly rounded (nearest, ties to even); exact for m = 0
     * (d/2). Fewer digits, or undecided, when no enclosure up to several thousand bits decides them (B_m(b) may be
     * exactly 0: see {@link CertifiedDecimal#complete()}).
     *
     * @throws InvalidInputException unless 1 &lt; base &lt;= 10^{@value #MAX_BASE_LOG10}, 0 &lt;= m &lt;=
     *         2^40 and 1 &lt;= digits &lt;= {@value #MAX_SUM_DIGITS}
     */
    public CertifiedDecimal decaySum(BigDecimal base, long m, int digits) {
        Rational b = checkedBase(base);
        checkDistance(m);
        if (digits < 1 || digits > MAX_SUM_DIGITS) {
            throw new InvalidInputException("digits " + digits + " is out of range; accepted: 1.." + MAX_SUM_DIGITS);
        }
        if (m == 0) {
            return CertifiedDecimal.decide(Enclosure.exact(headDim / 2), digits).orElseThrow();
        }
        return Ziv.decimal(digits, a -> enclose(a, b, headDim / 2, m));
    }

    /**
     * An enclosure of B_m(b) in the arithmetic {@code a} (exactly d/2 for m = 0): for callers that evaluate
     * expressions level by level, such as claims.
     *
     * @throws InvalidInputException unless 1 &lt; base &lt;= 10^{@value #MAX_BASE_LOG10} and 0 &lt;= m &lt;= 2^40
     */
    public <T> T decaySum(Arithmetic<T> a, Rational base, long m) {
        checkedBase(base);
        checkDistance(m);
        return m == 0 ? a.of(headDim / 2) : decay(a, base, headDim / 2, m);
    }

    private static void checkDistance(long m) {
        if (m < 0 || m > MAX_DISTANCE) {
            throw new InvalidInputException("distance m = " + m + " is not accepted; need an integer in 0..2^40");
        }
    }

    /**
     * L_theta(b): the longest context whose distances (in this criterion's {@link #range()}) all have
     * B_m(b) &gt;= 0, with the first negative distance as witness; see {@link DecayContext} for what is proven when
     * a sign could not be decided.
     *
     * @throws InvalidInputException unless 1 &lt; base &lt;= 10^{@value #MAX_BASE_LOG10}; and when L_theta(b)
     *         exceeds {@value #MAX_CONTEXT} (no negative B_m up to that distance: {@link #reach} gives that as a
     *         typed lower bound)
     */
    public DecayContext maxContext(BigDecimal base) {
        return maxContext(checkedBase(base));
    }

    /**
     * {@link #maxContext(BigDecimal)} for a base given as an exact rational.
     *
     * @throws InvalidInputException as {@link #maxContext(BigDecimal)}
     */
    public DecayContext maxContext(Rational base) {
        DecayReach r = reach(base);
        if (r instanceof DecayReach.Found f) {
            return f.context();
        }
        DecayReach.BeyondLimit beyond = (DecayReach.BeyondLimit) r;
        throw new InvalidInputException("base " + checkedBase(base).toCompactDecimalStringOrFraction() + " keeps B_m >= 0 (as far as decided) for every distance up to "
                + beyond.lastDistance() + " at d = " + headDim + ", so L_theta is beyond the search limit; accepted: bases whose L_theta is at most 2^24");
    }

    /**
     * The search for L_theta(b) up to the distance limit of contexts {@value #MAX_CONTEXT}: the certified
     * {@link DecayContext} when some B_m(b) &lt; 0 is proven within it, else how far B_m(b) &gt;= 0 was proven
     * ({@link DecayReach.BeyondLimit}, a lower bound on L_theta(b)).
     *
     * @throws InvalidInputException unless 1 &lt; base &lt;= 10^{@value #MAX_BASE_LOG10}
     */
    public DecayReach reach(Rational base) {
        Rational b = checkedBase(base);
        int n = headDim / 2;
        long limit = range.maxDistance(MAX_CONTEXT) + 1;
        DecayWalk walk = DecayWalk.of(DecayWalk.thetas(DoubleIntervalArithmetic.INSTANCE.of(b), n));
        long[] found = {0, 0}; // first negative, first undecided (0: none)
        walk.run(limit, (m, v, e, slope, slopeError) -> {
            if (v - e > 0) {
                return true;
            }
            int sign = v + e < 0 ? -1 : sign(b, n, m, 4096).orElse(0);
            if (sign > 0) {
                return true;
            }
            if (sign < 0) {
                found[0] = m;
                return false;
            }
            if (found[1] == 0) {
                found[1] = m;
            }
            return true;
        });
        OptionalLong undecided = found[1] == 0 ? OptionalLong.empty() : OptionalLong.of(found[1]);
        if (found[0] == 0) {
            long proven = range.contextFor(undecided.isPresent() ? undecided.getAsLong() - 1 : limit);
            return new DecayReach.BeyondLimit(limit, proven, undecided, range);
        }
        long firstNegative = found[0];
        long proven = range.contextFor((undecided.isPresent() ? undecided.getAsLong() : firstNegative) - 1);
        CertifiedDecimal witness = Ziv.refine(6, (a, last) -> CertifiedDecimal.best(enclose(a, b, n, firstNegative), 6,
                CertifiedDecimal.Direction.UPWARD), CertifiedDecimal::complete).orElseThrow();
        return new DecayReach.Found(new DecayContext(proven, firstNegative, range, witness, undecided));
    }

    /**
     * base_L and the rest for a context L: the first feasible base, the robust bound and the feasible intervals,
     * each end located to {@code digits} significant digits in its safe direction, within {@link #DEFAULT_WORK}.
     *
     * @throws InvalidInputException as {@link #minBase(long, int, long)}
     */
    public DecayBaseBounds minBase(long context, int digits) {
        return minBase(context, digits, DEFAULT_WORK);
    }

    /**
     * {@link #minBase(long, int)} with a work limit in mode-steps (d/2 per distance per base visited): the
     * search classifies bases upward from 1 and stops when the work is spent; a robust bound it did not reach is
     * then a {@link RobustBound.Searched} range. Deterministic: the same arguments give the same answer.
     *
     * @throws InvalidInputException unless the context's largest distance is at least 2 (L &gt;= 2 inclusive,
     *         L &gt;= 3 exclusive: below that every base is feasible) and L &lt;= {@value #MAX_CONTEXT}; unless
     *         1 &lt;= digits &lt;= {@value #MAX_BASE_DIGITS} and work &gt;= 1; and when no feasible base exists
     *         (d = 2: B_2 = cos 2 &lt; 0 for every base) or none was found within the work limit
     */
    public DecayBaseBounds minBase(long context, int digits, long work) {
        checkSearch(context, digits, work);
        return new DecaySweep(this, range.maxDistance(context), digits, work, false).run(context);
    }

    private void checkSearch(long context, int digits, long work) {
        long minContext = range.contextFor(2);
        if (context < minContext || context > MAX_CONTEXT) {
            throw new InvalidInputException("context " + context + " is not accepted for the " + range + " distance range; need "
                    + minContext + ".." + MAX_CONTEXT + " (below " + minContext + " every base b > 1 is feasible)");
        }
        if (digits < 1 || digits > MAX_BASE_DIGITS) {
            throw new InvalidInputException("digits " + digits + " is out of range; accepted: 1.." + MAX_BASE_DIGITS);
        }
        if (work < 1) {
            throw new InvalidInputException("work limit " + work + " is not accepted; need at least 1");
        }
        if (headDim == 2) {
            throw new InvalidInputException("no base is feasible for context " + context + " at d = 2: B_2(b) = cos 2 < 0 for every base");
        }
    }

    /**
     * Only base_L: {@link #minBase(long, int, long)} stopped as soon as the first feasible base is located (every
     * base below it classified), so the robust bound is a {@link RobustBound.Searched} range and the feasible
     * intervals hold the first one only, its upper end marked unless proven. Much cheaper at large contexts.
     *
     * @throws InvalidInputException as {@link #minBase(long, int, long)}
     */
    public DecayBaseBounds firstFeasibleBase(long context, int digits, long work) {
        checkSearch(context, digits, work);
        return new DecaySweep(this, range.maxDistance(context), digits, work, true).run(context);
    }

    /** The sign of B_m(b) decided by enclosures of increasing precision up to {@code maxBits}; empty when none does. */
    static OptionalInt sign(Rational base, int n, long m, int maxBits) {
        List<Arithmetic<?>> levels = new java.util.ArrayList<>();
        levels.add(DoubleIntervalArithmetic.INSTANCE);
        for (int bits = 128; bits <= maxBits; bits *= 2) {
            levels.add(new EnclosureArithmetic(bits));
        }
        Optional<OptionalInt> s = Ziv.refineOver(levels, (a, last) -> enclose(a, base, n, m).signum(),
                OptionalInt::isPresent);
        return s.orElse(OptionalInt.empty());
    }

    /** An enclosure of B_m(b) in the arithmetic a. */
    static <T> Enclosure enclose(Arithmetic<T> a, Rational base, int n, long m) {
        return a.toEnclosure(decay(a, base, n, m));
    }

    /** B_m(b) = sum_{i=0}^{n-1} cos(m b^(-i/n)) in the arithmetic a. */
    static <T> T decay(Arithmetic<T> a, Rational base, int n, long m) {
        T b = a.of(base);
        T mm = a.of(m);
        T sum = a.cos(mm);
        for (int i = 1; i < n; i++) {
            T theta = a.pow(b, a.of(Rational.of(BigInteger.valueOf(-i), BigInteger.valueOf(n))));
            sum = a.add(sum, a.cos(a.multiply(mm, theta)));
        }
        return sum;
    }

    private static Rational checkedBase(BigDecimal base) {
        Objects.requireNonNull(base);
        if (base.precision() - base.scale() > MAX_BASE_LOG10 + 1 || base.scale() > 10_000) {
            throw new InvalidInputException("base " + InvalidInputException.quoted(base.toString()) + " is not accepted; need 1 < b <= 1e"
                    + MAX_BASE_LOG10 + " with at most 10000 decimals");
        }
        Rational b;
        try {
            b = Rational.of(base);
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new InvalidInputException("base " + InvalidInputException.quoted(base.toString()) + " is not accepted; need 1 < b <= 1e"
                    + MAX_BASE_LOG10);
        }
        return checkedBase(b);
    }

    private static Rational checkedBase(Rational b) {
        Objects.requireNonNull(b);
        if (b.compareTo(Rational.ONE) <= 0 || b.compareTo(MAX_BASE) > 0) {
            throw new InvalidInputException("base " + InvalidInputException.quoted(b.toCompactDecimalStringOrFraction())
                    + " is not accepted; need 1 < b <= 1e" + MAX_BASE_LOG10);
        }
        return b;
    }

}
