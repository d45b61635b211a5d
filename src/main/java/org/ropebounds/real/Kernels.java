package org.ropebounds.real;

import java.math.BigInteger;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Rational;

/**
 * Rigorous transcendental kernels in fixed point. Each series is summed twice, once with every
 * rounding toward -infinity and once toward +infinity, and the neglected tail is bounded explicitly, so
 * the returned interval contains the exact value. Arguments are exact rationals or fixed intervals;
 * monotone functions of an interval are evaluated at its ends.
 */
final class Kernels {
    private Kernels() {
    }

    private static final BigInteger TWO = BigInteger.TWO;

    // ---------------------------------------------------------------- exp

    /** exp(x) for an exact rational x, with at least {@code bits} correct bits relative to the result. */
    static Enclosure exp(Rational x, int bits) {
        if (x.isZero()) {
            return Enclosure.exact(Rational.ONE);
        }
        Rational ax = x.abs();
        // exp(x) = exp(x / 2^s)^(2^s) with |x / 2^s| <= 2^-10; each squaring doubles the relative error
        int s = (int) Math.max(0, ax.floorLog2() + 11);
        int w = bits + s + 24;
        FixedInterval r = FixedInterval.ofQuotient(ax.numerator(), ax.denominator().shiftLeft(s), w); // |x| / 2^s
        FixedInterval e = r.lo().equals(r.hi()) ? expSmallPoint(r.lo(), w)
                : new FixedInterval(expSmall(r.lo(), w, false), expSmall(r.hi(), w, true), w);
        for (int i = 0; i < s; i++) {
            e = e.multiply(e);
        }
        if (x.signum() > 0) {
            return e.toEnclosure();
        }
        // exp(-|x|) = 1 / exp(|x|) = 2^w / E for E = e 2^w: floor and ceiling of 2^(2w+k) / E at 2^-(w+k), with k
        // (about log2 exp|x|) chosen so that the quotients keep about w significant bits however tiny the result
        int k = Math.max(0, e.hi().bitLength() - w);
        BigInteger scale = BigInteger.ONE.shiftLeft(2 * w + k);
        long exponent = -((long) w + k);
        return Enclosure.of(BinaryRational.of(scale.divide(e.hi()), exponent).toRational(),
                BinaryRational.of(FixedInterval.ceilDivide(scale, e.lo()), exponent).toRational());
    }

    /**
     * Bounds on exp(R 2^-w) 2^w for an exact point 0 <= R 2^-w <= 2^-10 from one sequence of terms: L_0 = 2^w,
     * L_n = floor(L_(n-1) R 2^-w / n) satisfy L_n <= (R 2^-w)^n / n! 2^w < L_n + 2 (proofs/ball-arithmetic.md
     * section 8): the lower sum truncated, the upper sum of L_n + 2 with one unit for the tail.
     */
    private static FixedInterval expSmallPoint(BigInteger r, int w) {
        BigInteger term = BigInteger.ONE.shiftLeft(w);
        BigInteger lo = term;
        BigInteger hi = term;
        for (int n = 1; ; n++) {
            term = term.multiply(r).shiftRight(w).divide(BigInteger.valueOf(n)); // floor(floor(a) / n) = floor(a / n)
            lo = lo.add(term);
            hi = hi.add(term).add(TWO);
            if (term.compareTo(BigInteger.ONE) <= 0) {
                // the rest is at most (L_n + 2) r / (1 - r) < 3 2^-10 / (1 - 2^-10) < 1 unit
                return new FixedInterval(lo, hi.add(BigInteger.ONE), w);
            }
        }
    }

    /** Bound on exp(R 2^-w) for 0 <= R 2^-w <= 2^-10 (Taylor series; all terms positive). */
    private static BigInteger expSmall(BigInteger r, int w, boolean upper) {
        BigInteger one = BigInteger.ONE.shiftLeft(w);
        BigInteger sum = one;
        BigInteger term = one;
        for (int n = 1; term.signum() > 0; n++) {
            BigInteger product = term.multiply(r);
            BigInteger n1 = BigInteger.valueOf(n); // a shift, then a one-word division: the same floor (or ceiling)
            term = upper ? FixedInterval.ceilDivide(FixedInterval.ceilShiftRight(product, w), n1) : product.shiftRight(w).divide(n1);
            sum = sum.add(term);
            if (upper && term.compareTo(BigInteger.ONE) <= 0) {
                // the rest is at most term * r / (1 - r) < term: add one more unit and stop
                return sum.add(BigInteger.ONE);
            }
        }
        return sum;
    }

    // ---------------------------------------------------------------- log

    /** log(x) for an exact rational x > 0. */
    static FixedInterval log(Rational x, int bits) {
        if (x.signum() <= 0) {
            throw new ArithmeticException("log of a non-positive number: " + x);
        }
        if (x.equals(Rational.ONE)) {
            return FixedInterval.point(BigInteger.ZERO, bits);
        }
        // near 1 the result is about x - 1: carry enough fraction bits for it to have `bits` relative bits
        // (-floorLog2|x - 1| <= bitLength(d) - bitLength(|n - d|) + 1 for x = n/d: at most one bit more than needed)
        BigInteger n = x.numerator();
        BigInteger d = x.denominator();
        int w = (int) (bits + Math.max(0, d.bitLength() - n.subtract(d).abs().bitLength() + 1) + 32);
        long k = x.floorLog2();
        // m = x / 2^k = mn / md in [1, 2), then kept in [3/4, 3/2]: all in integers, no gcd
        BigInteger mn = k >= 0 ? n : n.shiftLeft((int) -k);
        BigInteger md = k >= 0 ? d.shiftLeft((int) k) : d;
        if (mn.shiftLeft(1).compareTo(md.multiply(BigInteger.valueOf(3))) > 0) { // m > 3/2
            md = md.shiftLeft(1);
            k++;
        }
        w += 64 - Long.numberOfLeadingZeros(Math.abs(k)); // k * ln 2 multiplies ln 2's error by |k|
        // log m = log c + 2 atanh(t), t = (m - c) / (m + c), c = j/64 the nearest sixty-fourth (j in [48, 96]):
        // |t| <= (1/128) / (3/2) = 1/192, about three times fewer series terms than c = 1; near 1, c = 1 exactly.
        // j = floor(64 m + 1/2) = floor((128 mn + md) / (2 md)); t = (64 mn - j md) / (64 mn + j md)
        int j = (int) Math.max(48, Math.min(96, mn.shiftLeft(7).add(md).divide(md.shiftLeft(1)).longValue()));
        BigInteger jmd = md.multiply(BigInteger.valueOf(j));
        BigInteger m64 = mn.shiftLeft(6);
        FixedInterval logM = atanh(FixedInterval.ofQuotient(m64.subtract(jmd), m64.add(jmd), w)).shift(1);
        if (j != 64) {
            logM = logM.add(logOfSixtyFourths(j, w));
        }
        return logM.add(ln2(w).multiply(BigInteger.valueOf(k)));
    }

    /** log(j/64) = 2 atanh((j - 64)/(j + 64)) for j in [48, 96] (the argument within [-1/7, 1/5]), cached per j at the largest precision asked. */
    private static FixedInterval logOfSixtyFourths(int j, int w) {
        synchronized (CACHE_LOCK) {
            FixedInterval c = CACHED_LOG_SIXTY_FOURTHS[j - 48];
            if (c == null || c.w() < w) {
                int cw = Math.max(w, 256) + 16;
                c = atanh(FixedInterval.of(Rational.of(BigInteger.valueOf(j - 64), BigInteger.valueOf(j + 64)), cw)).shift(1);
                CACHED_LOG_SIXTY_FOURTHS[j - 48] = c;
            }
            return c.rescale(w);
        }
    }

    /** atanh of an interval within [-1/2, 1/2] (atanh is odd and increasing). */
    private static FixedInterval atanh(FixedInterval t) {
        int w = t.w();
        // both bounds at t.lo; atanh is increasing with slope 1/(1 - t^2) <= 4/3 < 2 on [-1/2, 1/2]
        BigInteger[] b = t.lo().signum() >= 0 ? atanhBounds(t.lo(), w) : negated(atanhBounds(t.lo().negate(), w));
        return new FixedInterval(b[0], b[1].add(t.hi().subtract(t.lo()).shiftLeft(1)), w);
    }

    /** {floor, ceiling} of t^2 2^-w: t^2's fixed-point bounds, by which the series multiply their power bounds. */
    private static BigInteger[] squareBounds(BigInteger t, int w) {
        BigInteger sq = t.multiply(t);
        return new BigInteger[] {sq.shiftRight(w), FixedInterval.ceilShiftRight(sq, w)};
    }

    /** {-upper, -lower}: the bounds of -y from those of y. */
    private static BigInteger[] negated(BigInteger[] b) {
        return new BigInteger[] {b[1].negate(), b[0].negate()};
    }

    /**
     * {lower, upper} bounds on atanh(T 2^-w) 2^w = sum t^(2j+1)/(2j+1) 2^w for 0 <= t <= 1/2 (all terms positive), from
     * one pass over one sequence of powers P_j = floor(P_(j-1) S 2^-w), S = floor(T^2 2^-w), with P_j <= t^(2j+1) 2^w <
     * P_j + 2 (proofs/ball-arithmetic.md section 5): the lower sum of floor(P_j / d) truncated, the upper sum of
     * ceil((P_j + 2) / d) with the tail bound of four units.
     */
    private static BigInteger[] atanhBounds(BigInteger t, int w) {
        if (t.signum() == 0) {
            return new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO};
        }
        if (t.compareTo(BigInteger.ONE.shiftLeft(w - 1)) > 0) {
            throw new IllegalArgumentException("atanh series argument above 1/2");
        }
        BigInteger power = t;
        BigInteger square = t.multiply(t).shiftRight(w);
        BigInteger sumLo = BigInteger.ZERO;
        BigInteger sumHi = BigInteger.ZERO;
        for (int j = 0; ; j++) {
            long d = 2L * j + 1;
            BigInteger[] qr = power.divideAndRemainder(BigInteger.valueOf(d));
            sumLo = sumLo.add(qr[0]);
            sumHi = sumHi.add(qr[0]).add(BigInteger.valueOf((qr[1].longValue() + 2 + d - 1) / d));
            power = power.multiply(square).shiftRight(w);
            if (power.compareTo(BigInteger.ONE) <= 0) {
                // the rest is at most t^(2j+3) 2^w / (1 - t^2) < (P + 2) (4/3) <= 4 units
                return new BigInteger[] {sumLo, sumHi.add(BigInteger.valueOf(4))};
            }
        }
    }

    private static final Object CACHE_LOCK = new Object();
    private static FixedInterval cachedLn2;
    private static FixedInterval cachedPi;
    private static final FixedInterval[] CACHED_LOG_SIXTY_FOURTHS = new FixedInterval[49];
    private static final FixedInterval[] CACHED_ATAN_256THS = new FixedInterval[257];

    /** ln 2 = 2 atanh(1/3), cached at the largest precision asked so far. */
    static FixedInterval ln2(int w) {
        synchronized (CACHE_LOCK) {
            if (cachedLn2 == null || cachedLn2.w() < w) {
                int cw = Math.max(w, 256) + 16;
                cachedLn2 = atanh(FixedInterval.of(Rational.of(BigInteger.ONE, BigInteger.valueOf(3)), cw)).shift(1);
            }
            return cachedLn2.rescale(w);
        }
    }

    // ---------------------------------------------------------------- atan, acos, pi

    /** pi = 16 atan(1/5) - 4 atan(1/239) (Machin), cached at the largest precision asked so far. */
    static FixedInterval pi(int w) {
        synchronized (CACHE_LOCK) {
            if (cachedPi == null || cachedPi.w() < w) {
                int cw = Math.max(w, 256) + 16;
                FixedInterval a = atanSmall(FixedInterval.of(Rational.of(BigInteger.ONE, BigInteger.valueOf(5)), cw));
                FixedInterval b = atanSmall(FixedInterval.of(Rational.of(BigInteger.ONE, BigInteger.valueOf(239)), cw));
                cachedPi = a.multiply(BigInteger.valueOf(16)).subtract(b.multiply(BigInteger.valueOf(4)));
            }
            return cachedPi.rescale(w);
        }
    }

    /** atan of an interval of non-negative numbers (atan is increasing). */
    static FixedInterval atanNonNegative(FixedInterval t) {
        int w = t.w();
        BigInteger one = BigInteger.ONE.shiftLeft(w);
        if (t.hi().compareTo(one) > 0 && t.lo().compareTo(one) >= 0) {
            // atan(t) = pi/2 - atan(1/t)
            FixedInterval inv = atanNonNegative(t.reciprocal());
            return pi(w).shift(-1).subtract(inv);
        }
        if (t.hi().compareTo(one) > 0) {
            // the interval straddles 1: take each end on its own side
            FixedInterval low = atanNonNegative(FixedInterval.point(t.lo(), w));
            FixedInterval high = atanNonNegative(FixedInterval.point(t.hi(), w));
            return new FixedInterval(low.lo(), high.hi(), w);
        }
        if (t.hi().compareTo(one.shiftRight(8)) > 0 && w >= 8) {
            // atan(t) = atan(c) + atan(u), c = j/256 <= t (j = floor(256 t_lo)), u = (t - c)/(1 + t c) in [0, 1/256] for a
            // narrow t, increasing in t; with T = t 2^w integers, u 2^w = (T - j 2^(w-8)) 2^(w+8) / (2^(w+8) + T j) exactly
            long j = t.lo().shiftRight(w - 8).longValue();
            BigInteger c = BigInteger.valueOf(j).shiftLeft(w - 8);
            BigInteger scale = BigInteger.ONE.shiftLeft(w + 8);
            BigInteger uLo = t.lo().subtract(c).multiply(scale).divide(scale.add(t.lo().multiply(BigInteger.valueOf(j))));
            BigInteger uHi = FixedInterval.ceilDivide(t.hi().subtract(c).multiply(scale), scale.add(t.hi().multiply(BigInteger.valueOf(j))));
            if (uHi.compareTo(one.shiftRight(3)) <= 0) {
                FixedInterval u = atanSmall(new FixedInterval(uLo, uHi, w));
                return j == 0 ? u : u.add(atanOfTwoHundredFiftySixths((int) j, w));
            }
        }
        return atanByHalvings(t);
    }

    /** atan(j/256) for j in [1, 256], by halvings, cached per j at the largest precision asked (rounded up to 128 bits). */
    private static FixedInterval atanOfTwoHundredFiftySixths(int j, int w) {
        synchronized (CACHE_LOCK) {
            FixedInterval c = CACHED_ATAN_256THS[j];
            if (c == null || c.w() < w) {
                int cw = (Math.max(w, 256) + 16 + 127) / 128 * 128;
                c = atanByHalvings(FixedInterval.of(Rational.of(BigInteger.valueOf(j), BigInteger.valueOf(256)), cw));
                CACHED_ATAN_256THS[j] = c;
            }
            return c.rescale(w);
        }
    }

    /** atan of an interval within [0, 1] by halving the argument: atan(t) = 2 atan(t / (1 + sqrt(1 + t^2))), until t <= 1/8. */
    private static FixedInterval atanByHalvings(FixedInterval t) {
        int w = t.w();
        BigInteger one = BigInteger.ONE.shiftLeft(w);
        int halvings = 0;
        FixedInterval r = t;
        while (r.hi().compareTo(one.shiftRight(3)) > 0) {
            // h(t) = t / (1 + sqrt(1 + t^2)) is increasing with h' = 1 / (sqrt(1 + t^2) (1 + sqrt(1 + t^2))) <= 1/2:
            // h(r.hi) <= h(r.lo) + (r.hi - r.lo)/2, so one end is evaluated
            FixedInterval lo = halve(FixedInterval.point(r.lo(), w));
            BigInteger hi = lo.hi().add(FixedInterval.ceilShiftRight(r.hi().subtract(r.lo()), 1));
            r = new FixedInterval(lo.lo(), hi, w);
            halvings++;
        }
        return atanSmall(r).shift(halvings);
    }

    /** t / (1 + sqrt(1 + t^2)) for a point t >= 0, outward (increasing in t). */
    private static FixedInterval halve(FixedInterval t) {
        FixedInterval one = FixedInterval.one(t.w());
        FixedInterval denominator = one.add(one.add(t.multiply(t)).sqrt());
        return t.multiply(denominator.reciprocal());
    }

    /** atan of an interval within [0, 1/2] (the callers': within [0, 1/5]): alternating series with decreasing terms. */
    private static FixedInterval atanSmall(FixedInterval t) {
        // both bounds at t.lo from one pass; atan is increasing and 1-Lipschitz, so atan(t.hi) <= atan(t.lo) + (t.hi - t.lo)
        BigInteger[] b = atanSeriesBounds(t.lo(), t.w());
        return new FixedInterval(b[0], b[1].add(t.hi().subtract(t.lo())), t.w());
    }

    /**
     * {lower, upper} bounds on atan(T 2^-w) 2^w = (t - t^3/3 + t^5/5 - ...) 2^w for 0 <= t <= 1/2, from one pass over
     * one sequence of powers. The exact sum lies between consecutive partial sums; the upper bound stops after a
     * positive term, the lower after a negative one, each term rounded in the direction of its bound, with one unit to
     * spare. The powers P_j = floor(P_(j-1) S 2^-w), S = floor(T^2 2^-w), satisfy P_j <= t^(2j+1) 2^w < P_j + 2
     * (proofs/ball-arithmetic.md section 5), so floor(P_j / d) and ceil((P_j + 2) / d) bound each term.
     */
    private static BigInteger[] atanSeriesBounds(BigInteger t, int w) {
        if (t.signum() == 0) {
            return new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO};
        }
        if (t.compareTo(BigInteger.ONE.shiftLeft(w - 1)) > 0) {
            throw new IllegalArgumentException("atan series argument above 1/2");
        }
        BigInteger power = t;
        BigInteger square = t.multiply(t).shiftRight(w);
        BigInteger sumLo = BigInteger.ZERO;
        BigInteger sumHi = BigInteger.ZERO;
        BigInteger lower = null;
        BigInteger upper = null;
        for (int j = 0; ; j++) {
            long d = 2L * j + 1;
            BigInteger[] qr = power.divideAndRemainder(BigInteger.valueOf(d));
            BigInteger down = qr[0]; // <= t^(2j+1) 2^w / d
            BigInteger up = down.add(BigInteger.valueOf((qr[1].longValue() + 2 + d - 1) / d)); // ceil((P + 2) / d) >= it
            boolean positive = j % 2 == 0;
            boolean small = power.compareTo(BigInteger.ONE) <= 0;
            if (upper == null) {
                sumHi = positive ? sumHi.add(up) : sumHi.subtract(down);
                if (small && positive) {
                    upper = sumHi.add(BigInteger.ONE);
                }
            }
            if (lower == null) {
                sumLo = positive ? sumLo.add(down) : sumLo.subtract(up);
                if (small && !positive) {
                    lower = sumLo.subtract(BigInteger.ONE);
                }
            }
            if (lower != null && upper != null) {
                return new BigInteger[] {lower, upper};
            }
            power = power.multiply(square).shiftRight(w);
        }
    }

    /** acos(x) for an exact rational x in [-1, 1], in [0, pi]. */
    static FixedInterval acos(Rational x, int bits) {
        if (x.abs().compareTo(Rational.ONE) > 0) {
            throw new ArithmeticException("acos of a number outside [-1, 1]: " + x);
        }
        if (x.equals(Rational.ONE)) {
            return FixedInterval.point(BigInteger.ZERO, bits);
        }
        int w = bits + 32;
        if (x.equals(Rational.ONE.negate())) {
            return pi(w);
        }
        // acos(x) = 2 atan(sqrt((1 - x) / (1 + x))). Near x = 1, q = (1 - x)/(1 + x) is tiny and the
        // fixed-point error of q is amplified by 1/(2 sqrt q) in its root: carry -log2(q) more bits
        // q = (d - n) / (d + n) for x = n/d; -floorLog2(q) <= bitLength(d + n) - bitLength(d - n) + 1
        BigInteger qn = x.denominator().subtract(x.numerator());
        BigInteger qd = x.denominator().add(x.numerator());
        w += Math.max(0, qd.bitLength() - qn.bitLength() + 1);
        return atanNonNegative(FixedInterval.ofQuotient(qn, qd, w).sqrt()).shift(1);
    }

    /** asin(x) = 2 atan(x / (1 + sqrt(1 - x^2))) for an exact rational x in [-1, 1] (no cancellation near 0). */
    static FixedInterval asin(Rational x, int bits) {
        if (x.abs().compareTo(Rational.ONE) > 0) {
            throw new ArithmeticException("asin of a number outside [-1, 1]: " + x);
        }
        if (x.isZero()) {
            return FixedInterval.point(BigInteger.ZERO, bits);
        }
        int w = (int) (bits + Math.max(0, -x.abs().floorLog2()) + 32);
        Rational ax = x.abs();
        FixedInterval one = FixedInterval.one(w);
        BigInteger an = ax.numerator();
        BigInteger ad = ax.denominator();
        BigInteger ad2 = ad.multiply(ad);
        FixedInterval root = FixedInterval.ofQuotient(ad2.subtract(an.multiply(an)), ad2, w).sqrt(); // sqrt(1 - x^2)
        FixedInterval t = FixedInterval.ofQuotient(an, ad, w).multiply(one.add(root).reciprocal()); // in [0, 1], increasing in |x|
        FixedInterval a = atanNonNegative(t).shift(1);
        return x.signum() < 0 ? a.negate() : a;
    }

    /** atan(x) for an exact rational x. */
    static FixedInterval atan(Rational x, int bits) {
        if (x.isZero()) {
            return FixedInterval.point(BigInteger.ZERO, bits);
        }
        int w = (int) (bits + Math.max(0, -x.abs().floorLog2()) + 32);
        FixedInterval a = atanNonNegative(FixedInterval.of(x.abs(), w));
        return x.signum() < 0 ? a.negate() : a;
    }

    // ---------------------------------------------------------------- cos, sin

    /** {cos x, sin x} for an exact rational x. */
    static FixedInterval[] cosSin(Rational x, int bits) {
        return new FixedInterval[] {cosOrSin(x, bits, 0), cosOrSin(x, bits, 1)};
    }

    /** cos x (which = 0) or sin x (which = 1) for an exact rational x. */
    static FixedInterval cosOrSin(Rational x, int bits, int which) {
        if (x.isZero()) {
            return which == 0 ? FixedInterval.one(bits) : FixedInterval.point(BigInteger.ZERO, bits);
        }
        long magnitude = Math.max(0, x.abs().floorLog2() + 1);
        int w = (int) (bits + magnitude + 40);
        // x = k pi/2 + r with |r| <= pi/4 (plus the width of pi's enclosure times k)
        FixedInterval halfPi = pi(w).shift(-1);
        FixedInterval xw = FixedInterval.of(x, w);
        BigInteger k = roundDivide(xw.lo(), halfPi.lo());
        FixedInterval r = xw.subtract(halfPi.multiply(k));
        // cos(k pi/2 + r) by k mod 4 (cos r, -sin r, -cos r, sin r), and sin y = cos(y - pi/2): one quarter turn back
        int quadrant = (k.mod(BigInteger.valueOf(4)).intValue() + 3 * which) % 4;
        return switch (quadrant) {
            case 0 -> cosReduced(r);
            case 1 -> sinReduced(r).negate();
            case 2 -> cosReduced(r).negate();
            default -> sinReduced(r);
        };
    }

    private static BigInteger roundDivide(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.shiftLeft(1).add(b).divideAndRemainder(b.shiftLeft(1));
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    /** sin on an interval within [-1, 1] (increasing there). */
    private static FixedInterval sinReduced(FixedInterval r) {
        int w = r.w();
        // both bounds at r.lo from one pass; sin is increasing on [-1, 1] and 1-Lipschitz: sin(hi) <= sin(lo) + (hi - lo)
        BigInteger[] b = r.lo().signum() >= 0 ? taylorBounds(r.lo(), w, 1) : negated(taylorBounds(r.lo().negate(), w, 1));
        return new FixedInterval(b[0], b[1].add(r.hi().subtract(r.lo())), w);
    }

    /** cos on an interval within [-1, 1] (even; decreasing in |r|). */
    private static FixedInterval cosReduced(FixedInterval r) {
        int w = r.w();
        BigInteger a = r.lo().abs();
        BigInteger b = r.hi().abs();
        BigInteger far = a.max(b);
        BigInteger near = r.lo().signum() <= 0 && r.hi().signum() >= 0 ? BigInteger.ZERO : a.min(b);
        // both bounds at the far end from one pass; cos is 1-Lipschitz: cos(near) <= cos(far) + (far - near)
        BigInteger[] c = taylorBounds(far, w, 0);
        return new FixedInterval(c[0], c[1].add(far.subtract(near)), w);
    }

    /**
     * {lower, upper} bounds on sum_j (-1)^j r^(2j+start)/(2j+start)! 2^w for 0 <= r <= 1 and start 0 (cos) or 1
     * (sin), alternating with decreasing terms, from one pass: the upper sum stops after a positive term, the lower
     * after a negative one, each term taken from the bound in its direction, with one unit to spare.
     */
    private static BigInteger[] taylorBounds(BigInteger r, int w, int start) {
        BigInteger one = BigInteger.ONE.shiftLeft(w);
        BigInteger termLo = start == 0 ? one : r; // bounds on r^n / n! * 2^w
        BigInteger termHi = termLo;
        BigInteger sumLo = BigInteger.ZERO;
        BigInteger sumHi = BigInteger.ZERO;
        BigInteger lower = null;
        BigInteger upper = null;
        BigInteger[] square = squareBounds(r, w);
        BigInteger squareLo = square[0];
        BigInteger squareHi = square[1];
        int n = start;
        for (int j = 0; ; j++) {
            boolean positive = j % 2 == 0;
            boolean small = termHi.compareTo(BigInteger.ONE) <= 0;
            if (upper == null) {
                sumHi = positive ? sumHi.add(termHi) : sumHi.subtract(termLo);
                if (small && positive) {
                    upper = sumHi.add(BigInteger.ONE);
                }
            }
            if (lower == null) {
                sumLo = positive ? sumLo.add(termLo) : sumLo.subtract(termHi);
                if (small && !positive) {
                    lower = sumLo.subtract(BigInteger.ONE);
                }
            }
            if (lower != null && upper != null) {
                return new BigInteger[] {lower, upper};
            }
            // floor(floor(a / 2^w) / c) = floor(a / (c 2^w)), and the same for ceil: a shift and a one-word division
            BigInteger c = BigInteger.valueOf((long) (n + 1) * (n + 2));
            termLo = termLo.multiply(squareLo).shiftRight(w).divide(c);
            termHi = FixedInterval.ceilDivide(FixedInterval.ceilShiftRight(termHi.multiply(squareHi), w), c);
            n += 2;
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Rational powerOfTwo(long k) {
        return k >= 0 ? Rational.of(BigInteger.ONE.shiftLeft((int) k), BigInteger.ONE)
                : Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft((int) -k));
    }
}
