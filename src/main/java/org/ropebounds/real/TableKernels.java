package org.ropebounds.real;

import java.math.BigInteger;
import org.ropebounds.format.Rational;

/**
 * The ball level's kernels for atan, asin, acos and exp at exact points: the argument is reduced by two tables
 * (atan(j/256) and atan(k/65536); exp(j/256) and exp(k/65536), each entry computed once per precision by
 * {@link Kernels}) to below 2^-16, and the short series left is summed by Horner's rule over integer
 * coefficients (lcm(1, 3, ..., 2n+1)/(2i+1) for atan, N!/m! for exp), one multiplication a term and one
 * division at the end, with a single error bound instead of two directed sums ({@code proofs/ball-arithmetic.md}
 * section 11 derives every term). Arguments outside the fast paths (not binary, too large, too near a domain
 * boundary) go to {@link Kernels}. {@link EnclosureArithmetic} keeps {@link Kernels} throughout, so the last
 * level's enclosures, and what it prints when nothing decides, do not change. Stateless apart from the
 * tables; thread-safe.
 */
final class TableKernels {
    private TableKernels() {
    }

    /** Fraction bits above which no table is kept (the tables' entries would cost more than they save). */
    private static final int MAX_TABLE_BITS = 1 << 14;

    // ---------------------------------------------------------------- atan, asin, acos

    /**
     * atan(x) for an exact rational x, as {@link Kernels#atan}: an interval at 2^-w, w >= bits + 32, containing
     * atan(x), of width a few units of 2^-w (so at least {@code bits} bits relative to the result).
     */
    static FixedInterval atan(Rational x, int bits) {
        if (x.isZero()) {
            return FixedInterval.point(BigInteger.ZERO, bits);
        }
        Rational ax = x.abs();
        int w = (int) (bits + Math.max(0, -ax.floorLog2()) + 32);
        if (w > MAX_TABLE_BITS) {
            return Kernels.atan(x, bits);
        }
        FixedInterval a;
        if (ax.compareTo(Rational.ONE) <= 0) {
            a = atanOfInterval(FixedInterval.of(ax, w));
        } else {
            // atan(x) = pi/2 - atan(1/x), 1/x in (0, 1)
            a = pi(w).shift(-1).subtract(atanOfInterval(FixedInterval.ofQuotient(ax.denominator(), ax.numerator(), w)));
        }
        return x.signum() < 0 ? a.negate() : a;
    }

    /**
     * asin(x) for an exact rational x in [-1, 1], as {@link Kernels#asin}. For a binary x with x^2 <= 1/2 (every
     * ball midpoint there): asin(x) = atan(x / sqrt(1 - x^2)), the quotient within [0, 1]; elsewhere Kernels'.
     */
    static FixedInterval asin(Rational x, int bits) {
        if (x.isZero() || x.abs().compareTo(Rational.ONE) > 0) {
            return Kernels.asin(x, bits); // the trivial point, and the domain error, as there
        }
        int w = (int) (bits + Math.max(0, -x.abs().floorLog2()) + 32);
        return asinOfMagnitude(x, w).map(a -> x.signum() < 0 ? a.negate() : a).orElseGet(() -> Kernels.asin(x, bits));
    }

    /**
     * acos(x) for an exact rational x in [-1, 1], as {@link Kernels#acos}: pi/2 - asin(x) for a binary x with
     * x^2 <= 1/2 (then acos(x) >= pi/4: no cancellation), Kernels' elsewhere.
     */
    static FixedInterval acos(Rational x, int bits) {
        if (x.isZero() || x.abs().compareTo(Rational.ONE) >= 0) {
            return Kernels.acos(x, bits);
        }
        int w = bits + 32;
        return asinOfMagnitude(x, w).map(a -> pi(w).shift(-1).subtract(x.signum() < 0 ? a.negate() : a))
                .orElseGet(() -> Kernels.acos(x, bits));
    }

    /**
     * asin|x| at 2^-w as atan(t), t = |x| / sqrt(1 - x^2), for a binary x = n / 2^d with d <= w and x^2 <= 1/2, w
     * within the tables' range; empty otherwise. X = |x| 2^w is exact; 1 - x^2 = (4^d - n^2) / 4^d exactly, Y =
     * (1 - x^2) 2^2w exact and R = floor(sqrt(Y)), so t lies in (X / (R + 1), X / R]. atan is taken at the exact
     * rational X / R, its quotient folded into the first table step (no separate division for t), and the lower
     * end lowered by 2 units for t's gap to X / R (section 11.3).
     */
    private static java.util.Optional<FixedInterval> asinOfMagnitude(Rational x, int w) {
        BigInteger d = x.denominator();
        int k = d.bitLength() - 1;
        if (d.bitCount() != 1 || k > w || w > MAX_TABLE_BITS) {
            return java.util.Optional.empty();
        }
        BigInteger n = x.numerator().abs();
        BigInteger n2 = n.multiply(n);
        BigInteger d2 = BigInteger.ONE.shiftLeft(2 * k);
        if (n2.shiftLeft(1).compareTo(d2) > 0) {
            return java.util.Optional.empty(); // x^2 > 1/2
        }
        BigInteger r = IntegerRoots.floorSqrt(d2.subtract(n2).shiftLeft(2 * (w - k))); // Y = (1 - x^2) 2^2w, exact
        BigInteger xw = n.shiftLeft(w - k); // |x| 2^w, exact
        long j = floorOf256Ratio(xw, r);
        if (j > 256) {
            return java.util.Optional.empty(); // X / R >= 257/256: not for x^2 <= 1/2 (section 11.3), never taken
        }
        BigInteger a = xw.shiftLeft(8).subtract(r.multiply(BigInteger.valueOf(j))); // 256 X - j R in [0, R)
        // u1 = (X/R - j/256) / (1 + j X / (256 R)) = A / B
        FixedInterval at = atanOfReduced(a, r.shiftLeft(8).add(xw.multiply(BigInteger.valueOf(j))), (int) j, w);
        return java.util.Optional.of(new FixedInterval(at.lo().subtract(BigInteger.TWO).max(BigInteger.ZERO), at.hi(), w));
    }

    /**
     * floor(256 x / r) for x >= 0, r > 0 with x / r < 2^50: guessed from the top 60 bits in doubles, then settled
     * by the exact tests 0 <= 256 x - j r < r (the guess is not part of any proof).
     */
    static long floorOf256Ratio(BigInteger x, BigInteger r) {
        int shift = Math.max(0, Math.max(r.bitLength(), x.bitLength()) - 60);
        long j = Math.max(0, (long) ((double) x.shiftRight(shift).longValue() * 256.0 / Math.max(1, r.shiftRight(shift).longValue())));
        BigInteger a = x.shiftLeft(8).subtract(r.multiply(BigInteger.valueOf(j)));
        while (a.signum() < 0) {
            j--;
            a = a.add(r);
        }
        while (a.compareTo(r) >= 0) {
            j++;
            a = a.subtract(r);
        }
        return j;
    }

    /** atan over an interval of [0, 1] (2^-w units): at its lower end, widened by its width (atan is 1-Lipschitz and increasing). */
    static FixedInterval atanOfInterval(FixedInterval t) {
        FixedInterval a = atanAtPoint(t.lo(), t.w());
        return new FixedInterval(a.lo(), a.hi().add(t.hi().subtract(t.lo())), t.w());
    }

    /**
     * atan(T 2^-w) for 0 <= T <= 2^w: atan(t) = atan(j/256) + atan(k/65536) + atan(u), with j = floor(256 t),
     * u1 = (t - j/256)/(1 + t j/256) in [0, 1/256), k = floor(65536 u1) and u = (u1 - k/65536)/(1 + u1 k/65536) in
     * [0, 2^-16), u computed from t in one exact quotient (section 11.1).
     */
    static FixedInterval atanAtPoint(BigInteger t, int w) {
        if (t.signum() == 0) {
            return FixedInterval.point(BigInteger.ZERO, w);
        }
        int j = t.shiftRight(w - 8).intValue(); // in [0, 256]
        // u1 = A / B with A = 256 T - j 2^w = (t - j/256) 256 2^w and B = 256 2^w + j T = (1 + t j/256) 256 2^w
        BigInteger a = t.shiftLeft(8).subtract(BigInteger.valueOf(j).shiftLeft(w));
        BigInteger b = BigInteger.ONE.shiftLeft(w + 8).add(t.multiply(BigInteger.valueOf(j)));
        return atanOfReduced(a, b, j, w);
    }

    /**
     * atan(t) at 2^-w from its first reduction: j = floor(256 t) in [0, 256] and u1 = (t - j/256)/(1 + t j/256) =
     * A / B in [0, 1/256) with A >= 0, B > 0 exact (section 11.1).
     */
    private static FixedInterval atanOfReduced(BigInteger a, BigInteger b, int j, int w) {
        // k from the top bits: a guess, which the exact tests below correct to floor(65536 u1) (clamped to 255)
        int shift = b.bitLength() - 60;
        long k = Math.max(0, Math.min(255, (long) ((double) a.shiftRight(shift).longValue() * 65536.0 / b.shiftRight(shift).longValue())));
        // u = (65536 A - k B) / (65536 B + k A)
        BigInteger numerator = a.shiftLeft(16).subtract(b.multiply(BigInteger.valueOf(k)));
        while (numerator.signum() < 0) {
            k--;
            numerator = numerator.add(b);
        }
        while (k < 255 && numerator.compareTo(b) >= 0) {
            k++;
            numerator = numerator.subtract(b);
        }
        BigInteger denominator = b.shiftLeft(16).add(a.multiply(BigInteger.valueOf(k)));
        BigInteger u = numerator.shiftLeft(w).divide(denominator); // u <= u 2^w < U + 1, exact u
        FixedInterval s = atanSeries(u, w); // atan(U 2^-w); atan(u) <= that + 2^-w
        FixedInterval sum = new FixedInterval(s.lo(), s.hi().add(BigInteger.ONE), w);
        if (j > 0) {
            sum = sum.add(table(ATAN_256THS, j, w));
        }
        if (k > 0) {
            sum = sum.add(table(ATAN_65536THS, (int) k, w));
        }
        return sum;
    }

    /**
     * atan(U 2^-w) for 0 <= U 2^-w <= 2^-14: R = floor(floor(P U 2^-w) / L) where P is Horner's sum of
     * sum_{i<=n} (-1)^i L/(2i+1) s^i 2^w at S = floor(U^2 2^-w), L = lcm(1, 3, ..., 2n+1), n the least with
     * (2n + 3) e >= w + 2 (u^(2n+3) < 2^-(w+2)); then atan(u) 2^w lies in (R - 2, R + 3) (section 11.2), returned as [R - 3, R + 4].
     * Past the coefficient cache, Kernels' directed sums.
     */
    static FixedInterval atanSeries(BigInteger u, int w) {
        return oddSeries(u, w, true);
    }

    /**
     * atanh(U 2^-w) for 0 <= U 2^-w <= 2^-14, as {@link #atanSeries} with every coefficient positive (the tail,
     * z^(2n+3)/((2n+3)(1 - z^2)), below half a unit by the same choice of n with one more bit): [R - 3, R + 4].
     */
    static FixedInterval atanhSeries(BigInteger u, int w) {
        return oddSeries(u, w, false);
    }

    private static FixedInterval oddSeries(BigInteger u, int w, boolean alternating) {
        if (u.signum() == 0) {
            return FixedInterval.point(BigInteger.ZERO, w);
        }
        int e = w - u.bitLength(); // u < 2^-e
        if (e < 14) {
            throw new IllegalArgumentException("atan or atanh series argument above 2^-14");
        }
        int n = 0;
        while ((2L * n + 3) * e < w + 2L) {
            n++;
        }
        BigInteger[] c = OddCoefficients.of(n, alternating);
        BigInteger s = u.multiply(u).shiftRight(w);
        // P_i at 2^-w_i, w_i = max(0, w - 2 e i): what P_i adds is multiplied by s^i < 2^-2ei, so coarser steps
        // inside still err by at most a unit of 2^-w each (section 11.2), on ever shorter products
        int wi = Math.max(0, w - 2 * e * n);
        BigInteger p = c[n].shiftLeft(wi);
        for (int i = n - 1; i >= 0; i--) {
            int next = Math.max(0, w - 2 * e * i);
            p = p.multiply(s).shiftRight(w + wi - next).add(c[i].shiftLeft(next));
            wi = next;
        }
        BigInteger r = p.multiply(u).shiftRight(w).divide(c[c.length - 1]);
        return new FixedInterval(r.subtract(BigInteger.valueOf(3)), r.add(BigInteger.valueOf(4)), w);
    }

    /** Horner coefficients (-1)^i L/(2i+1) (atan) or L/(2i+1) (atanh), i = 0..n, followed by L = lcm(1, 3, ..., 2n+1). */
    private static final class OddCoefficients {
        private static final BigInteger[][] ALTERNATING = new BigInteger[1024][];
        private static final BigInteger[][] POSITIVE = new BigInteger[1024][];

        static synchronized BigInteger[] of(int n, boolean alternating) {
            BigInteger[][] cache = alternating ? ALTERNATING : POSITIVE;
            if (n >= cache.length) {
                return compute(n, alternating);
            }
            if (cache[n] == null) {
                cache[n] = compute(n, alternating);
            }
            return cache[n];
        }

        private static BigInteger[] compute(int n, boolean alternating) {
            BigInteger lcm = BigInteger.ONE;
            for (int i = 0; i <= n; i++) {
                BigInteger d = BigInteger.valueOf(2L * i + 1);
                lcm = lcm.divide(lcm.gcd(d)).multiply(d);
            }
            BigInteger[] c = new BigInteger[n + 2];
            for (int i = 0; i <= n; i++) {
                BigInteger q = lcm.divide(BigInteger.valueOf(2L * i + 1));
                c[i] = i % 2 == 0 || !alternating ? q : q.negate();
            }
            c[n + 1] = lcm;
            return c;
        }
    }

    // ---------------------------------------------------------------- log

    /**
     * log(x) for an exact rational x > 0, as {@link Kernels#log}: an interval at 2^-w containing log(x), a few units
     * wide, w carrying the bits that cancel near x = 1. For a binary x: x = 2^q m with m in [3/4, 3/2), log(m) =
     * log(j/256) + log(1 + k/65536) + 2 atanh(z), z = (m - c)/(m + c) for c = (j/256)(1 + k/65536) with |z| < 2^-15,
     * one exact quotient (section 11.5); elsewhere Kernels'.
     */
    static FixedInterval log(Rational x, int bits) {
        BigInteger n = x.numerator();
        BigInteger d = x.denominator();
        if (x.signum() <= 0 || x.equals(Rational.ONE) || d.bitCount() != 1) {
            return Kernels.log(x, bits);
        }
        long q = x.floorLog2(); // x / 2^q in [1, 2)
        // the bits that cancel near 1, and q ln 2's error (|q| times ln 2's; q may grow by one)
        int w = (int) (bits + Math.max(0, d.bitLength() - n.subtract(d).abs().bitLength() + 1) + 32)
                + 64 - Long.numberOfLeadingZeros(Math.abs(q) + 1);
        long shift = w - (d.bitLength() - 1) - q;
        if (w > MAX_TABLE_BITS || shift < 1) {
            return Kernels.log(x, bits);
        }
        // M = m 2^w = n 2^(w - dk - q), exact; above 3/2, one more halving (exact too: shift >= 1), so m in [3/4, 3/2]
        BigInteger m = n.shiftLeft((int) shift);
        if (m.compareTo(BigInteger.valueOf(3).shiftLeft(w - 1)) > 0) {
            q++;
            m = m.shiftRight(1);
        }
        int j = m.shiftRight(w - 8).intValue(); // in [192, 384]
        // k: floor(65536 (m/(j/256) - 1)) from the top bits, a guess (|z| < 2^-15 for a k off by one)
        int top = m.bitLength() - 60;
        double ratio = (double) m.shiftRight(top).longValue() / Math.scalb((double) j, w - 8 - top);
        int k = (int) Math.max(0, Math.min(LOG_65536THS.entries.length - 1, Math.floor((ratio - 1) * 65536)));
        // c 2^(w+24) = j (65536 + k) 2^w; z = (m 2^24 - j (65536 + k) 2^w) / (m 2^24 + j (65536 + k) 2^w)
        BigInteger c = BigInteger.valueOf((long) j * (65536 + k)).shiftLeft(w);
        BigInteger m24 = m.shiftLeft(24);
        BigInteger numerator = m24.subtract(c);
        BigInteger z = numerator.abs().shiftLeft(w).divide(m24.add(c)); // |z| 2^w in [Z, Z + 1)
        FixedInterval a = atanhSeries(z, w);
        // 2 atanh(|z|): atanh' = 1/(1 - z^2) < 2 near 0, so the unit of |z| below its floor adds under 2 units
        a = new FixedInterval(a.lo(), a.hi().add(BigInteger.TWO), w).shift(1);
        FixedInterval sum = numerator.signum() < 0 ? a.negate() : a;
        if (j != 256) {
            sum = sum.add(table(LOG_256THS, j - 192, w));
        }
        if (k != 0) {
            sum = sum.add(table(LOG_65536THS, k, w));
        }
        return q == 0 ? sum : sum.add(ln2(w).multiply(BigInteger.valueOf(q)));
    }

    // ---------------------------------------------------------------- exp

    /**
     * exp(x) for an exact rational x as [lo, hi] 2^exponent, with at least {@code bits} correct bits relative to
     * the result (the ends' difference a few units of 2^-w, w >= bits + 32, against a value at least 2^-w 2^w).
     * For a binary |x| below 2^20: x = q ln 2 + r, r in [0, ln 2), exp(x) = 2^q exp(j/256) exp(k/65536) exp(r2) with
     * r2 = r - j/256 - k/65536 in [0, 2^-16) (section 11.4); elsewhere {@link Kernels#exp}.
     */
    static ScaledInterval exp(Rational x, int bits) {
        int w = bits + 32;
        BigInteger d = x.denominator();
        if (x.isZero() || d.bitCount() != 1 || x.abs().compareTo(Rational.of(1L << 20)) >= 0 || w > MAX_TABLE_BITS) {
            return ScaledInterval.of(Kernels.exp(x, bits));
        }
        long q = (long) Math.floor(approximately(x) / 0.6931471805599453); // a guess of floor(x / ln 2), corrected below
        int wq = w + 64 - Long.numberOfLeadingZeros(Math.abs(q) + 1) + 2; // |q| ln 2's error: |q| units of the finer scale
        int dk = d.bitLength() - 1;
        // X = x 2^wq exact when dk <= wq; else its floor, X <= x 2^wq < X + 1
        BigInteger xw = dk <= wq ? x.numerator().shiftLeft(wq - dk) : x.numerator().shiftRight(dk - wq);
        int xWidth = dk <= wq ? 0 : 1;
        FixedInterval ln2 = ln2(wq);
        BigInteger rLo;
        BigInteger rHi;
        while (true) {
            BigInteger bq = BigInteger.valueOf(q);
            // r = x - q ln 2 in [X - q ln2.hi, X + 1 - q ln2.lo] for q >= 0, the ln 2 ends swapped for q < 0
            rLo = xw.subtract(bq.multiply(q >= 0 ? ln2.hi() : ln2.lo()));
            rHi = xw.add(BigInteger.valueOf(xWidth)).subtract(bq.multiply(q >= 0 ? ln2.lo() : ln2.hi()));
            if (rLo.signum() < 0) {
                q--;
            } else if (rLo.compareTo(ln2.hi()) >= 0) { // then rLo - ln 2 end >= 0: no oscillation
                q++;
            } else {
                break;
            }
        }
        // exp over [rLo, rHi]: at rLo, the upper end raised by exp(rLo)(e^delta - 1) <= 2 (2 delta) (delta <= 2^-20)
        int j = rLo.shiftRight(wq - 8).intValue(); // in [0, 177]
        BigInteger r1 = rLo.subtract(BigInteger.valueOf(j).shiftLeft(wq - 8));
        int k = r1.shiftRight(wq - 16).intValue(); // in [0, 255]
        BigInteger r2 = r1.subtract(BigInteger.valueOf(k).shiftLeft(wq - 16));
        FixedInterval e = expSeries(r2, wq);
        if (j > 0) {
            e = e.multiply(table(EXP_256THS, j, wq));
        }
        if (k > 0) {
            e = e.multiply(table(EXP_65536THS, k, wq));
        }
        BigInteger widthUnits = rHi.subtract(rLo);
        BigInteger hi = e.hi().add(widthUnits.shiftLeft(2)).add(BigInteger.ONE);
        return new ScaledInterval(e.lo(), hi, q - wq);
    }

    /**
     * exp(R 2^-w) for 0 <= R 2^-w < 2^-14: E = floor(H / N!) with H Horner's sum of sum_{m<=N} N!/m! r^m 2^w (every
     * step floored), N the least with (N + 1) e + log2((N + 1)!) >= w + 2 for r < 2^-e; exp(r) 2^w lies in [E, E + 4)
     * (section 11.4).
     */
    static FixedInterval expSeries(BigInteger r, int w) {
        if (r.signum() == 0) {
            return FixedInterval.one(w);
        }
        int e = w - r.bitLength();
        if (e < 14) {
            throw new IllegalArgumentException("exp series argument above 2^-14");
        }
        int n = 0;
        long log2Factorial = 0; // a lower bound on log2((n + 1)!): the sum of floor(log2 i), i <= n + 1
        while ((n + 1L) * e + log2Factorial < w + 2L) {
            n++;
            log2Factorial += 63 - Long.numberOfLeadingZeros(n + 1);
        }
        // G_m at 2^-w_m, w_m = max(0, w - e m): G_m's share of the sum is multiplied by r^m < 2^-em, so each step
        // errs by under a unit of 2^-w (section 11.4); r is cut to the bits the step uses, one more unit each
        int wm = Math.max(0, w - e * n);
        BigInteger h = BigInteger.ONE.shiftLeft(wm);
        BigInteger coefficient = BigInteger.ONE; // N!/m! for m = N, then down
        for (int m = n - 1; m >= 0; m--) {
            int next = Math.max(0, w - e * m);
            int cut = Math.max(0, w - next - coefficient.bitLength() - 1); // G_(m+1) < 2 d_(m+1) 2^w_(m+1)
            h = h.multiply(r.shiftRight(cut)).shiftRight(w + wm - next - cut);
            coefficient = coefficient.multiply(BigInteger.valueOf(m + 1));
            h = h.add(coefficient.shiftLeft(next));
            wm = next;
        }
        BigInteger lo = h.divide(coefficient);
        return new FixedInterval(lo, lo.add(BigInteger.valueOf(4)), w);
    }

    /** A double near the binary rational x = n / 2^d (a guess only: its top 62 bits, scaled). */
    private static double approximately(Rational x) {
        BigInteger n = x.numerator();
        int drop = Math.max(0, n.bitLength() - 62);
        return Math.scalb((double) n.shiftRight(drop).longValue(), drop - (x.denominator().bitLength() - 1));
    }

    /** An enclosure of positive binary ends as a fixed interval at 2^-w (outward). */
    private static FixedInterval fixed(Enclosure e, int w) {
        FixedInterval lo = FixedInterval.of(e.lo(), w);
        FixedInterval hi = FixedInterval.of(e.hi(), w);
        return new FixedInterval(lo.lo(), hi.hi(), w);
    }

    /** [lo, hi] 2^exponent, 0 < lo <= hi: an exponential's enclosure as integers. */
    record ScaledInterval(BigInteger lo, BigInteger hi, long exponent) {
        static ScaledInterval of(Enclosure e) {
            // both ends binary (Kernels.exp's are): over a common power of two
            int k = Math.max(e.lo().denominator().bitLength(), e.hi().denominator().bitLength()) - 1;
            BigInteger lo = e.lo().numerator().shiftLeft(k - (e.lo().denominator().bitLength() - 1));
            BigInteger hi = e.hi().numerator().shiftLeft(k - (e.hi().denominator().bitLength() - 1));
            if (e.lo().denominator().bitCount() != 1 || e.hi().denominator().bitCount() != 1) {
                throw new IllegalStateException("exp enclosure ends not binary: " + e);
            }
            return new ScaledInterval(lo, hi, -(long) k);
        }

        Enclosure toEnclosure() {
            return Enclosure.of(org.ropebounds.format.BinaryRational.of(lo, exponent).toRational(),
                    org.ropebounds.format.BinaryRational.of(hi, exponent).toRational());
        }
    }

    // ---------------------------------------------------------------- tables

    private static final Table ATAN_256THS = new Table(257, (i, b) -> Kernels.atan(ratio(i, 256), b));
    private static final Table ATAN_65536THS = new Table(256, (i, b) -> Kernels.atan(ratio(i, 65536), b));
    private static final Table EXP_256THS = new Table(178, (i, b) -> fixed(Kernels.exp(ratio(i, 256), b), b));
    private static final Table EXP_65536THS = new Table(256, (i, b) -> fixed(Kernels.exp(ratio(i, 65536), b), b));
    private static final Table LOG_256THS = new Table(193, (i, b) -> Kernels.log(ratio(192 + i, 256), b)); // j in [192, 384]: m in [3/4, 3/2]
    private static final Table LOG_65536THS = new Table(344, (i, b) -> Kernels.log(ratio(65536 + i, 65536), b));
    private static final Table CONSTANTS = new Table(2, (i, b) -> i == 0 ? Kernels.ln2(b) : Kernels.pi(b)); // ln 2, pi
    private static final int LN2 = 0;
    private static final int PI = 1;

    private static Rational ratio(long n, long d) {
        return Rational.of(BigInteger.valueOf(n), BigInteger.valueOf(d));
    }

    /** The tables' precision for a request at w bits: w rounded up to 128 bits, at least 384. */
    private static int tableBits(int w) {
        return (Math.max(w, 384) + 127) / 128 * 128;
    }

    /** ln 2 at 2^-w (Kernels' cached enclosure, rescaled once per w). */
    private static FixedInterval ln2(int w) {
        return table(CONSTANTS, LN2, w);
    }

    /** pi at 2^-w, as {@link #ln2}. */
    private static FixedInterval pi(int w) {
        return table(CONSTANTS, PI, w);
    }

    /** An entry of a table at (at least) the given fraction bits. */
    @FunctionalInterface
    private interface Entry {
        FixedInterval at(int i, int bits);
    }

    /**
     * Entries computed once at tableBits(w) and, per entry, the rescalings to the last few w asked (one slot per w
     * mod {@value #VIEWS}). Entries are immutable records published by plain array stores: a racing reader sees
     * null or a whole entry, and at worst computes it again (the same interval).
     */
    private static final int VIEWS = 16;

    private static final class Table {
        final FixedInterval[] entries;
        final FixedInterval[] views;
        final Entry entry;

        Table(int size, Entry entry) {
            this.entries = new FixedInterval[size];
            this.views = new FixedInterval[size * VIEWS];
            this.entry = entry;
        }
    }

    /** Entry i of a table at 2^-w, computed (at tableBits(w)) when missing or coarser than w. */
    private static FixedInterval table(Table t, int i, int w) {
        int slot = i * VIEWS + (w & (VIEWS - 1));
        FixedInterval v = t.views[slot];
        if (v != null && v.w() == w) {
            return v;
        }
        FixedInterval c = t.entries[i];
        if (c == null || c.w() < w) {
            int bits = tableBits(w);
            c = t.entry.at(i, bits).rescale(bits);
            t.entries[i] = c;
        }
        v = c.rescale(w);
        t.views[slot] = v;
        return v;
    }
}
