package org.ropebounds.symbolic;

import java.math.BigInteger;
import org.ropebounds.format.Rational;

/**
 * A set of real numbers that contains every value an expression can take: an interval with exact rational
 * endpoints, each possibly infinite ({@code null}) and open or closed. Every operation returns an
 * enclosure of the exact image (it may be larger, never smaller); operations whose result could fail to be
 * real return {@code null}, which callers read as "unknown". Immutable.
 */
final class Range {

    static final Range REALS = new Range(null, true, null, true);
    static final Range POSITIVE = new Range(Rational.ZERO, true, null, true);
    static final Range UNIT_OPEN = new Range(Rational.ZERO, true, Rational.ONE, true);
    static final Range ABOVE_ONE = new Range(Rational.ONE, true, null, true);

    /** Lower end, {@code null} for minus infinity. */
    final Rational lo;
    final boolean loOpen;
    /** Upper end, {@code null} for plus infinity. */
    final Rational hi;
    final boolean hiOpen;

    private Range(Rational lo, boolean loOpen, Rational hi, boolean hiOpen) {
        this.lo = lo;
        this.loOpen = lo == null || loOpen;
        this.hi = hi;
        this.hiOpen = hi == null || hiOpen;
    }

    /** The interval from {@code lo} to {@code hi}; {@code null} ends are infinite (and always open). */
    static Range of(Rational lo, boolean loOpen, Rational hi, boolean hiOpen) {
        if (lo != null && hi != null && lo.compareTo(hi) > 0) {
            throw new IllegalArgumentException("empty interval " + lo + " > " + hi);
        }
        return new Range(lo, loOpen, hi, hiOpen);
    }

    static Range point(Rational q) {
        return new Range(q, false, q, false);
    }

    static Range closed(Rational lo, Rational hi) {
        return of(lo, false, hi, false);
    }

    // ---- the sign this enclosure decides ----

    Sign sign() {
        if (isPoint() && lo.isZero()) {
            return Sign.ZERO;
        }
        if (lo != null && (lo.signum() > 0 || (lo.isZero() && loOpen))) {
            return Sign.POSITIVE;
        }
        if (hi != null && (hi.signum() < 0 || (hi.isZero() && hiOpen))) {
            return Sign.NEGATIVE;
        }
        if (lo != null && lo.signum() >= 0) {
            return Sign.NONNEGATIVE;
        }
        if (hi != null && hi.signum() <= 0) {
            return Sign.NONPOSITIVE;
        }
        return Sign.UNKNOWN;
    }

    boolean isPoint() {
        return lo != null && hi != null && lo.equals(hi);
    }

    /** Every element is {@code > 0}. */
    boolean strictlyPositive() {
        return sign() == Sign.POSITIVE;
    }

    /** Every element is {@code >= 0}. */
    private boolean nonNegative() {
        return lo != null && lo.signum() >= 0;
    }

    /** Every element is {@code <= 0}. */
    private boolean nonPositive() {
        return hi != null && hi.signum() <= 0;
    }

    /** Every element is {@code < 1}. */
    boolean belowOne() {
        return hi != null && (hi.compareTo(Rational.ONE) < 0 || (hi.equals(Rational.ONE) && hiOpen));
    }

    /** Every element is {@code <= 1}. */
    boolean atMostOne() {
        return hi != null && hi.compareTo(Rational.ONE) <= 0;
    }

    /** Every element is {@code > 1}. */
    boolean aboveOne() {
        return lo != null && (lo.compareTo(Rational.ONE) > 0 || (lo.equals(Rational.ONE) && loOpen));
    }

    /** Every element is {@code >= 1}. */
    boolean atLeastOne() {
        return lo != null && lo.compareTo(Rational.ONE) >= 0;
    }

    /** Every element is {@code >= q}. */
    boolean atLeast(Rational q) {
        return lo != null && lo.compareTo(q) >= 0;
    }

    /** Every element is {@code <= q}. */
    boolean atMost(Rational q) {
        return hi != null && hi.compareTo(q) <= 0;
    }

    // ---- arithmetic ----

    Range negate() {
        return new Range(hi == null ? null : hi.negate(), hiOpen, lo == null ? null : lo.negate(), loOpen);
    }

    Range plus(Range o) {
        Rational l = lo == null || o.lo == null ? null : lo.add(o.lo);
        Rational h = hi == null || o.hi == null ? null : hi.add(o.hi);
        return new Range(l, loOpen || o.loOpen, h, hiOpen || o.hiOpen);
    }

    /**
     * The product. Exact (up to openness) when both factors have a definite sign; a factor whose interval
     * contains numbers of both signs makes the result all reals, which is sound and simple.
     */
    Range times(Range o) {
        if (isZeroPoint() || o.isZeroPoint()) {
            return point(Rational.ZERO);
        }
        int s1 = nonNegative() ? 1 : nonPositive() ? -1 : 0;
        int s2 = o.nonNegative() ? 1 : o.nonPositive() ? -1 : 0;
        if (s1 == 0 || s2 == 0) {
            return REALS;
        }
        Range a = s1 > 0 ? this : negate();
        Range b = s2 > 0 ? o : o.negate();
        Range r = a.timesNonNegative(b);
        return s1 * s2 > 0 ? r : r.negate();
    }

    private boolean isZeroPoint() {
        return isPoint() && lo.isZero();
    }

    /** Both intervals lie in [0, inf) and neither is {0}. */
    private Range timesNonNegative(Range o) {
        Rational l = lo.multiply(o.lo);
        boolean zeroAttained = (lo.isZero() && !loOpen) || (o.lo.isZero() && !o.loOpen);
        boolean lOpen = !(zeroAttained || (!loOpen && !o.loOpen));
        Rational h = hi == null || o.hi == null ? null : hi.multiply(o.hi);
        return new Range(l, lOpen, h, hiOpen || o.hiOpen);
    }

    /** {@code this^k} for an integer {@code k}; {@code null} when the base may be zero and {@code k <= 0}. */
    Range powInteger(int k) {
        if (k == 0) {
            return strictlyPositive() || sign() == Sign.NEGATIVE ? point(Rational.ONE) : null;
        }
        if (nonNegative()) {
            return powNonNegative(k);
        }
        if (nonPositive()) {
            Range r = negate().powNonNegative(k);
            return r == null ? null : (k % 2 == 0 ? r : r.negate());
        }
        if (k > 0) {
            return k % 2 == 0 ? of(Rational.ZERO, false, null, true) : REALS;
        }
        return null;
    }

    private Range powNonNegative(int k) {
        if (k > 0) {
            return new Range(pow(lo, k), loOpen, hi == null ? null : pow(hi, k), hiOpen);
        }
        if (!strictlyPositive()) {
            return null;
        }
        int m = -k;
        Rational l = hi == null ? Rational.ZERO : Rational.ONE.divide(pow(hi, m));
        boolean lOpen = hi == null || hiOpen;
        Rational h = lo.isZero() ? null : Rational.ONE.divide(pow(lo, m));
        return new Range(l, lOpen, h, loOpen);
    }

    private static Rational pow(Rational q, int k) {
        return Rational.of(q.numerator().pow(k), q.denominator().pow(k));
    }

    /**
     * {@code this^e} for a real exponent enclosure {@code e}, which needs a strictly positive base (so the
     * power is real); else {@code null}. Uses only where the base and the result lie relative to 1:
     * {@code x^y} with {@code x > 0} is {@code exp(y ln x)}, and the sign of {@code y ln x} decides.
     */
    Range powReal(Range e) {
        if (!strictlyPositive() || e == null) {
            return null;
        }
        boolean ePos = e.strictlyPositive();
        boolean eNeg = e.sign() == Sign.NEGATIVE;
        boolean eNonNeg = e.nonNegative();
        boolean eNonPos = e.nonPositive();
        if ((belowOne() && ePos) || (aboveOne() && eNeg)) {
            return UNIT_OPEN;
        }
        if ((belowOne() && eNeg) || (aboveOne() && ePos)) {
            return ABOVE_ONE;
        }
        if ((atMostOne() && eNonNeg) || (atLeastOne() && eNonPos)) {
            return of(Rational.ZERO, true, Rational.ONE, false);
        }
        if ((atMostOne() && eNonPos) || (atLeastOne() && eNonNeg)) {
            return of(Rational.ONE, false, null, true);
        }
        return POSITIVE;
    }

    /** The natural logarithm: needs a strictly positive argument, else {@code null}. */
    Range log() {
        if (!strictlyPositive()) {
            return null;
        }
        if (belowOne()) {
            return of(null, true, Rational.ZERO, true);
        }
        if (aboveOne()) {
            return POSITIVE;
        }
        if (atMostOne()) {
            return of(null, true, Rational.ZERO, false);
        }
        if (atLeastOne()) {
            return of(Rational.ZERO, false, null, true);
        }
        return REALS;
    }

    @Override
    public String toString() {
        return (loOpen ? "(" : "[") + (lo == null ? "-inf" : lo.toString()) + ", "
                + (hi == null ? "inf" : hi.toString()) + (hiOpen ? ")" : "]");
    }

    static Rational rational(long num, long den) {
        return Rational.of(BigInteger.valueOf(num), BigInteger.valueOf(den));
    }
}
