package org.ropebounds.real;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal.Direction;

/**
 * Decimal rounding decided from a double-double ball, in doubles: the n-digit rounding (nearest, up or down)
 * that every point of the ball's enclosure shares, or nothing when this cannot tell (then the caller decides
 * through the rational enclosure, as before). The ball is scaled by 10^j into [10^(n-1), 10^n) as a ball
 * product, so its scaled points lie in one integer cell exactly when the rounding is decided; the cell test
 * is made on the exact fractional part of the double-double midpoint with directed bounds. {@code
 * proofs/double-double-interval.md} section 8 proves that a decision here is the decision of {@link
 * CertifiedDecimal#decide(Enclosure, int, Direction)} on the ball's enclosure, value and scale included.
 * Stateless apart from a cache of powers of ten; thread-safe.
 */
final class BallDecimals {
    /** Most digits decided here: the scaled midpoint, below 10^30 < 2^100, is then an integer plus an exact fraction. */
    static final int MAX_DIGITS = 30;
    private static final int MIN_SCALE = -270;
    private static final int MAX_SCALE = 270;
    /** 10^j as balls, j in [MIN_SCALE, MAX_SCALE] (within the balls' range 2^-900..2^900), built on first use (a benign race: each entry is immutable). */
    private static final DoubleDoubleInterval[] POW10 = new DoubleDoubleInterval[MAX_SCALE - MIN_SCALE + 1];
    private static final BigInteger[] TEN_POW = new BigInteger[MAX_DIGITS + 1];
    private static final long[] TEN_POW_LONG = new long[16];
    /** The least decade {@link #decadeOf} looks at: below every double's estimate (getExponent >= -1023). */
    private static final int MIN_DECADE = -310;
    /** The doubles nearest 10^k, k from MIN_DECADE to 309 (10^309 overflows to infinity, above every double). */
    private static final double[] POW10_DOUBLE = new double[620];
    /** 10^j for j below this are kept once computed (a benign race: each entry is immutable). */
    private static final int KEPT_POWERS = 1200;
    private static final BigInteger[] KEPT_TEN_POW = new BigInteger[KEPT_POWERS];
    /** 10^j for 0 <= j <= 22, exact doubles (5^22 < 2^53; parsing rounds correctly). */
    private static final double[] EXACT_POW10 = new double[23];

    static {
        for (int k = 0; k <= MAX_DIGITS; k++) {
            TEN_POW[k] = BigInteger.TEN.pow(k);
        }
        for (int k = 0; k < POW10_DOUBLE.length; k++) {
            POW10_DOUBLE[k] = Double.parseDouble("1e" + (k + MIN_DECADE));
        }
        for (int k = 0; k < TEN_POW_LONG.length; k++) {
            TEN_POW_LONG[k] = TEN_POW[k].longValueExact();
        }
        for (int j = 0; j < EXACT_POW10.length; j++) {
            EXACT_POW10[j] = Double.parseDouble("1e" + j);
        }
    }

    private BallDecimals() {
    }

    /**
     * The rounding of every point of {@link DoubleDoubleIntervalArithmetic#enclosureOf(DoubleDoubleInterval)
     * x's enclosure} to n significant digits in {@code direction}, as {@link CertifiedDecimal#decide(Enclosure,
     * int, Direction)} would give it from that enclosure (the same BigDecimal, scale included); empty when this
     * test cannot tell (the enclosure may still decide). x must not be exact.
     */
    static Optional<BigDecimal> rounded(DoubleDoubleInterval x, int n, Direction direction) {
        if (n > MAX_DIGITS || x.hi() == 0 || x.exact().isPresent()) {
            return Optional.empty();
        }
        if (x.hi() < 0) {
            return rounded(new DoubleDoubleInterval(-x.hi(), -x.lo(), x.radius(), Optional.empty()), n, mirror(direction)).map(BigDecimal::negate);
        }
        // the enclosure of a ball of radius 0 that is not exact is [m - 2^-1074, m + 2^-1074]: cover it
        DoubleDoubleInterval covering = x.radius() > 0 ? x : new DoubleDoubleInterval(x.hi(), x.lo(), Double.MIN_VALUE, Optional.empty());
        int e = decadeOf(x.hi()); // may be one off near a power of ten: the digit count of k is checked
        int j = n - 1 - e;
        if (j < MIN_SCALE || j > MAX_SCALE) {
            return Optional.empty();
        }
        DoubleDoubleInterval y;
        try {
            y = DoubleDoubleBalls.product(covering, pow10(j));
        } catch (InsufficientPrecisionException ex) {
            return Optional.empty();
        }
        double mh = y.hi();
        double ml = y.lo();
        double r = y.radius();
        if (!(mh >= 1 && mh < 0x1p101)) {
            return Optional.empty();
        }
        Split m = Split.of(mh, ml);
        double fh = m.fh;
        double fl = m.fl;
        double fs = m.fs;
        double fe = m.fe;
        double above = Math.nextUp(Math.nextUp(fs + r) + fe); // >= (fs + fe) + r
        double below = Math.nextDown(Math.nextDown(fs - r) + fe); // <= (fs + fe) - r
        int c; // k = F + c
        switch (direction) {
            case UPWARD -> {
                // every scaled point y has ceil(y) = k: k - 1 < y <= k
                c = fs > 0 || (fs == 0 && fe > 0) ? 1 : 0;
                if (!(below > c - 1 && above <= c)) {
                    return Optional.empty();
                }
            }
            case DOWNWARD -> {
                // floor(y) = k: k <= y < k + 1, the lower end strictly inside (so it is not itself an n-digit decimal)
                c = fs < 0 || (fs == 0 && fe < 0) ? -1 : 0;
                if (!(below > c && above < c + 1)) {
                    return Optional.empty();
                }
            }
            default -> {
                // nearest: k - 1/2 < y < k + 1/2 (no tie inside), and k itself outside the scaled ball: else the
                // enclosure's lower end may be k 10^-j exactly, which BigDecimal division gives at its own shorter scale
                c = fs > 0.5 ? 1 : fs < -0.5 ? -1 : 0;
                if (!(below > c - 0.5 && above < c + 0.5) || below <= c && c <= above) {
                    return Optional.empty();
                }
            }
        }
        // the cell of k must be within the decade [10^(n-1), 10^n]: up and nearest 10^(n-1) < k <= 10^n,
        // down 10^(n-1) <= k < 10^n (proofs/double-double-interval.md section 8)
        boolean down = direction == Direction.DOWNWARD;
        if (mh < 0x1p52 && n < TEN_POW_LONG.length) {
            long k = (long) fh + c;
            long low = TEN_POW_LONG[n - 1];
            long high = TEN_POW_LONG[n];
            if (down ? k < low || k >= high : k <= low || k > high) {
                return Optional.empty();
            }
            return Optional.of(k == high ? BigDecimal.valueOf(low, j - 1) : BigDecimal.valueOf(k, j));
        }
        BigInteger k = m.integer(c);
        int lowCmp = k.compareTo(TEN_POW[n - 1]);
        int highCmp = k.compareTo(TEN_POW[n]);
        if (down ? lowCmp < 0 || highCmp >= 0 : lowCmp <= 0 || highCmp > 0) {
            return Optional.empty();
        }
        return Optional.of(highCmp == 0 ? new BigDecimal(TEN_POW[n - 1], j - 1) : new BigDecimal(k, j));
    }

    /**
     * The rounding up or down of every point of the non-point double interval [lo, hi] to n significant digits,
     * as {@link CertifiedDecimal#decide(Enclosure, int, Direction)} would give it from that interval's enclosure
     * (the same BigDecimal, scale included), when this can tell; empty otherwise. For 0 < lo, n <= 15 and a scale
     * 0 <= j <= 22 it is decided exactly in doubles ({@link #roundedExactly}, section 15: empty there only when the
     * enclosure does not decide either, apart from the range it declines), else by the double-double ball covering
     * [lo, hi] ({@link #roundedByBall}), which decides only what the exact test decides. The ball has the midpoint (lo + hi)/2 exactly and a radius at least (hi - lo)/2, so it contains [lo, hi]:
     * every point of [lo, hi] rounds to the ball's decimal, and lo lies strictly inside the ball's cell, so it
     * is not itself an n-digit decimal (proofs/double-double-interval.md section 8, the double interval).
     *
     * @throws IllegalArgumentException for {@link Direction#NEAREST} or a point interval
     */
    static Optional<BigDecimal> rounded(DoubleInterval x, int n, Direction direction) {
        if (direction == Direction.NEAREST || x.isPoint()) {
            throw new IllegalArgumentException("the double interval's ball test is for directed roundings of non-point intervals");
        }
        if (n < TEN_POW_LONG.length && x.lo() > 0) {
            int j = n - 1 - decadeOf(x.hi());
            if (j >= 0 && j < EXACT_POW10.length) {
                Optional<Optional<BigDecimal>> exact = roundedExactly(x.lo(), x.hi(), n, j, direction == Direction.UPWARD);
                if (exact.isPresent()) {
                    return exact.get();
                }
            }
        }
        return roundedByBall(x, n, direction);
    }

    /**
     * The double interval's directed decision in exact double arithmetic (proofs/double-double-interval.md section 15):
     * the scaled ends Y = lo 10^j and hi 10^j are each p + e exactly (TwoProduct), and their floors and integrality
     * follow exactly from p and the sign of e. Empty (not applicable: the ball test then decides) when an end scales
     * below 1 or the upper end's n-digit integer k is outside the decade at scale j; else the decision, which is empty
     * only when the rational decision on [lo, hi] is empty at this scale too (and the ball test would decline).
     * 0 < lo < hi, 1 <= n <= 15, 0 <= j <= 22.
     */
    private static Optional<Optional<BigDecimal>> roundedExactly(double lo, double hi, int n, int j, boolean up) {
        double t = EXACT_POW10[j];
        double pl = lo * t;
        double ph = hi * t;
        if (!(pl >= 1 && ph < 0x1p52)) {
            return Optional.empty();
        }
        long yl = twiceFloorAndFraction(pl, Math.fma(lo, t, -pl));
        long yh = twiceFloorAndFraction(ph, Math.fma(hi, t, -ph));
        long low = TEN_POW_LONG[n - 1];
        long high = TEN_POW_LONG[n];
        long floorHi = yh >> 1;
        if (up) {
            // ceil(Y_hi) within (10^(n-1), 10^n]; decided iff k - 1 < Y_lo <= Y_hi < k, k = floor(Y_hi) + 1: both ends strictly
            // inside one cell (k - 1, k), which makes the equal floors and the two fractional parts
            long ceilHi = floorHi + (yh & 1);
            if (ceilHi <= low || ceilHi > high) {
                return Optional.empty();
            }
            if (yl != yh) { // equal codes of lo < hi are both odd: neither end an integer
                return Optional.of(Optional.empty());
            }
            long k = floorHi + 1;
            return Optional.of(Optional.of(k == high ? BigDecimal.valueOf(low, j - 1) : BigDecimal.valueOf(k, j)));
        }
        // floor(Y_hi) within [10^(n-1), 10^n); decided iff k < Y_lo <= Y_hi < k + 1, k = floor(Y_lo): equal floors, Y_lo not an integer
        if (floorHi < low || floorHi >= high) {
            return Optional.empty();
        }
        if ((yl >> 1) != floorHi || (yl & 1) == 0) {
            return Optional.of(Optional.empty());
        }
        return Optional.of(Optional.of(BigDecimal.valueOf(floorHi, j)));
    }

    /**
     * 2 floor(Y) + (Y an integer ? 0 : 1) for Y = p + e exactly, 1 <= p < 2^52 and |e| <= ulp(p)/2 (e the error of p =
     * RN(Y)): a fractional p is at least ulp(p) from both integers around it, so floor(Y) = floor(p) and Y is not an
     * integer; an integer p gives floor(Y) = p - 1, p or p by the sign of e (negative, zero, positive), Y an integer iff e = 0.
     */
    private static long twiceFloorAndFraction(double p, double e) {
        long floor = (long) p; // floor(p) for 0 <= p < 2^63 (a cast, where Math.floor is a call before C2 runs)
        double f = floor;
        if (p != f || e > 0) {
            return 2 * floor + 1;
        }
        return e < 0 ? 2 * (floor - 1) + 1 : 2 * floor;
    }

    /** {@link #rounded(DoubleInterval, int, Direction)} by the double-double ball covering [lo, hi] (section 8). */
    static Optional<BigDecimal> roundedByBall(DoubleInterval x, int n, Direction direction) {
        double s = x.lo() + x.hi();
        double e = ErrorFreeTransforms.twoSumError(x.lo(), x.hi(), s);
        double h = s / 2;
        double l = e / 2;
        double r = Math.nextUp(x.hi() - x.lo()) / 2; // nextUp(RN(w)) >= w, and halving a normal double is exact
        if (!Double.isFinite(s) || (h != 0 && Math.abs(h) < 0x1p-900) || (l != 0 && Math.abs(l) < Double.MIN_NORMAL)
                || !(r >= Double.MIN_NORMAL) || (h == 0 && l != 0)) {
            return Optional.empty();
        }
        return rounded(new DoubleDoubleInterval(h, l, r, Optional.empty()), n, direction);
    }

    /**
     * The rounding of every point of {@link Ball#toEnclosure() x's enclosure} [A 2^k, B 2^k] to n significant
     * digits in {@code direction}, as {@link CertifiedDecimal#decide(Enclosure, int, Direction)} would give it
     * from that enclosure (the same BigDecimal, scale included), found in integers without building the
     * rationals; empty when this test cannot tell (then the enclosure decides). {@code
     * proofs/ball-arithmetic.md}, "Deciding decimals from a ball", proves the agreement. x must not be exact.
     */
    static Optional<BigDecimal> rounded(Ball x, int n, Direction direction) {
        if (x.exact().isPresent()) {
            return Optional.empty();
        }
        Radius r = x.enclosureRadius();
        long k = Math.min(x.exponent(), r.exponent());
        if (x.exponent() - k > 1 << 20 || r.exponent() - k > 1 << 20) {
            return Optional.empty();
        }
        BigInteger m = x.mid().shiftLeft((int) (x.exponent() - k));
        BigInteger rr = BigInteger.valueOf(r.mantissa()).shiftLeft((int) (r.exponent() - k));
        BigInteger a = m.subtract(rr);
        BigInteger b = m.add(rr);
        if (a.signum() <= 0 && b.signum() >= 0) {
            return Optional.empty(); // the ends differ in sign or one is 0: they round differently
        }
        if (b.signum() < 0) {
            return roundedPositive(b.negate(), a.negate(), k, n, mirror(direction)).map(BigDecimal::negate);
        }
        return roundedPositive(a, b, k, n, direction);
    }

    /**
     * floor(log10 h) for a positive normal double h, or one off near a power of ten (the decade check of
     * {@link #rounded(DoubleDoubleInterval, int, Direction)} declines then): from the binary exponent E,
     * log10 h lies in [E log10 2, (E + 1) log10 2), an interval shorter than 1, so the decade is the estimate
     * floor(E log10 2) or the next, told apart by comparing h with the double nearest 10^(estimate + 1).
     * Cheaper than {@code Math.log10}; proofs/double-double-interval.md section 8 needs no property of e.
     * For a subnormal h the answer is too large (at least -308), which only puts j = n - 1 - e out of range.
     */
    static int decadeOf(double h) {
        double t = Math.getExponent(h) * 0.30102999566398120;
        int e = (int) t; // floor(t), |t| < 400: the cast truncates toward 0 (Math.floor is a call before the JIT's C2 runs)
        if (e > t) {
            e--;
        }
        return h >= POW10_DOUBLE[e + 1 - MIN_DECADE] ? e + 1 : e;
    }

    /** The direction d of -x for rounding x: up(x) = -down(-x), down(x) = -up(-x), nearest (ties to even) symmetric. */
    private static Direction mirror(Direction d) {
        return d == Direction.UPWARD ? Direction.DOWNWARD : d == Direction.DOWNWARD ? Direction.UPWARD : Direction.NEAREST;
    }

    /** {@link #rounded(Ball, int, Direction)} for 0 < a 2^k < b 2^k. */
    private static Optional<BigDecimal> roundedPositive(BigInteger a, BigInteger b, long k, int n, Direction direction) {
        if (n > 1000 || Math.abs(k) > 1 << 20) {
            return Optional.empty();
        }
        BigInteger low = tenPow(n - 1);
        BigInteger high = low.multiply(BigInteger.TEN);
        // a 2^k >= 2^(bitLength - 1 + k), so this is floor(log10(a 2^k)) or one less (or, by rounding of the double, one more)
        long e = (long) Math.floor((a.bitLength() - 1 + k) * 0.30102999566398120);
        long j = n - 1 - e;
        BigInteger[] lo = null;
        for (int tries = 0; tries < 4; tries++) {
            lo = twiceScaled(a, k, j);
            BigInteger q = lo[0].shiftRight(1);
            if (q.compareTo(low) < 0) {
                j++;
            } else if (q.compareTo(high) >= 0) {
                j--;
            } else {
                break;
            }
            lo = null;
        }
        if (lo == null || Math.abs(j) > 1 << 20) {
            return Optional.empty();
        }
        boolean loIsDecimal = !lo[0].testBit(0) && lo[1].signum() == 0;
        if (loIsDecimal) {
            return Optional.empty(); // the enclosure's lower end is itself an n-digit decimal: its scale is the rationals' business
        }
        BigInteger[] hi = twiceScaled(b, k, j);
        BigInteger roundedLo = roundedAtScale(lo, direction);
        if (!roundedLo.equals(roundedAtScale(hi, direction))) {
            return Optional.empty();
        }
        return Optional.of(roundedLo.equals(high) ? new BigDecimal(low, Math.toIntExact(j - 1)) : new BigDecimal(roundedLo, Math.toIntExact(j)));
    }

    /** {floor(2 y), 2 y - floor(2 y) == 0 ? 0 : 1} for y = c 2^k 10^j, c > 0, as BigIntegers. */
    private static BigInteger[] twiceScaled(BigInteger c, long k, long j) {
        BigInteger num = j >= 0 ? c.multiply(tenPow(j)) : c;
        long shift = k + 1;
        if (j >= 0) {
            if (shift >= 0) {
                return new BigInteger[] {num.shiftLeft((int) shift), BigInteger.ZERO};
            }
            int s = (int) -shift;
            boolean exact = num.getLowestSetBit() >= s;
            return new BigInteger[] {num.shiftRight(s), exact ? BigInteger.ZERO : BigInteger.ONE};
        }
        BigInteger den = tenPow(-j);
        if (shift >= 0) {
            num = num.shiftLeft((int) shift);
        } else {
            den = den.shiftLeft((int) -shift);
        }
        BigInteger[] qr = num.divideAndRemainder(den);
        return new BigInteger[] {qr[0], qr[1].signum() == 0 ? BigInteger.ZERO : BigInteger.ONE};
    }

    /** 10^j for 0 <= j <= 2^20. */
    private static BigInteger tenPow(long j) {
        if (j >= KEPT_POWERS) {
            return BigInteger.TEN.pow((int) j);
        }
        BigInteger p = KEPT_TEN_POW[(int) j];
        if (p == null) {
            p = BigInteger.TEN.pow((int) j);
            KEPT_TEN_POW[(int) j] = p;
        }
        return p;
    }

    /** The integer that y >= 0 rounds to in {@code direction}, from {@link #twiceScaled}'s {floor(2 y), inexact}. */
    private static BigInteger roundedAtScale(BigInteger[] twice, Direction direction) {
        BigInteger q = twice[0].shiftRight(1);
        boolean halfBit = twice[0].testBit(0);
        boolean integral = !halfBit && twice[1].signum() == 0;
        return switch (direction) {
            case DOWNWARD -> q;
            case UPWARD -> integral ? q : q.add(BigInteger.ONE);
            case NEAREST -> !halfBit ? q : twice[1].signum() != 0 || q.testBit(0) ? q.add(BigInteger.ONE) : q;
        };
    }

    /**
     * The midpoint mh + ml of a ball with 1 <= mh < 2^101 split exactly as F + (fs + fe): F = fh + fl an integer
     * (fh, fl integer doubles) and |fs + fe| < 1.
     */
    private record Split(double fh, double fl, double fs, double fe) {
        static Split of(double mh, double ml) {
            if (mh < 0x1p52) {
                double fh = (long) mh; // floor(mh), exact: 1 <= mh < 2^52
                double t = mh - fh; // exact: the fractional part of a double
                double fs = t + ml;
                return new Split(fh, 0, fs, ErrorFreeTransforms.twoSumError(t, ml, fs));
            }
            double fl = Math.floor(ml); // mh is an integer: ulp(mh) >= 1
            double fs = ml - fl;
            return new Split(mh, fl, fs, ErrorFreeTransforms.twoSumError(ml, -fl, fs));
        }

        BigInteger integer(int c) {
            return mhIsSmall() ? BigInteger.valueOf((long) fh + c) : new BigDecimal(fh).toBigIntegerExact().add(BigInteger.valueOf((long) fl + c));
        }

        private boolean mhIsSmall() {
            return fh < 0x1p52 && fl == 0;
        }
    }

    /**
     * The ceiling shared by every point of x's enclosure, for a ball with a midpoint in (0, 2^101) (empty
     * otherwise, or when the enclosure reaches over an integer, or x is exact); section 8's cell test with j = 0
     * (below 1: every point in (0, 1], ceiling 1).
     */
    static Optional<BigInteger> ceiling(DoubleDoubleInterval x) {
        if (x.exact().isPresent() || !(x.hi() > 0 && x.hi() < 0x1p101)) {
            return Optional.empty();
        }
        double r = x.radius() > 0 ? x.radius() : Double.MIN_VALUE;
        if (x.hi() < 1) {
            // every point in (0, 1]: ceiling 1
            return x.lowerBound() > 0 && x.upperBound() <= 1 ? Optional.of(BigInteger.ONE) : Optional.empty();
        }
        Split m = Split.of(x.hi(), x.lo());
        double above = Math.nextUp(Math.nextUp(m.fs + r) + m.fe);
        double below = Math.nextDown(Math.nextDown(m.fs - r) + m.fe);
        int c = m.fs > 0 || (m.fs == 0 && m.fe > 0) ? 1 : 0;
        return below > c - 1 && above <= c ? Optional.of(m.integer(c)) : Optional.empty();
    }

    /** 10^j as a ball: a point for 0 <= j <= 22 (exact doubles), else the ball of the rational. */
    static DoubleDoubleInterval pow10(int j) {
        int i = j - MIN_SCALE;
        DoubleDoubleInterval p = POW10[i];
        if (p == null) {
            if (j >= 0 && j <= 22) {
                p = DoubleDoubleBalls.point(Double.parseDouble("1e" + j));
            } else {
                Rational v = j >= 0 ? Rational.of(BigInteger.TEN.pow(j), BigInteger.ONE) : Rational.of(BigInteger.ONE, BigInteger.TEN.pow(-j));
                p = DoubleDoubleBalls.ballOf(v, v);
            }
            POW10[i] = p;
        }
        return p;
    }
}
