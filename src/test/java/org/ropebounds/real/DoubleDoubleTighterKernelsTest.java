package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;

/**
 * The double-double level's tighter balls (proofs/double-double-interval.md section 14), against 300-bit python-flint
 * balls: the log of an exact rational near 1 through log1p ({@code fixtures/real/dd-log-exact.csv}), asin and acos
 * with the secant 1/cos(y0) as a double-double ball, and expm1's spread from exp(x_m) rather than 1 + |expm1(x_m)|
 * ({@code fixtures/real/dd-kernels.csv}), and sqrt's spread r / (sqrt(y) + sqrt(x_m)) (exact rationals). Each ball must contain the reference and be narrower than the previous
 * kernels made it, so the 30-digit zones decide at this level more often (issue 17).
 */
class DoubleDoubleTighterKernelsTest {
    private static final DoubleDoubleIntervalArithmetic DD = new DoubleDoubleIntervalArithmetic(132);

    private static Rational twoTo(int k) {
        return k >= 0 ? Rational.of(BigInteger.ONE.shiftLeft(k), BigInteger.ONE) : Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(-k));
    }

    private static Rational half(Rational a, Rational b) {
        return a.add(b).multiply(Rational.of(BigInteger.ONE, BigInteger.TWO));
    }

    /**
     * log(p/q) of the exact p/q: contained, not exact, and within |v - 1| <= 1/4 at most 2^-102 of the value wide.
     * The ball of the rounded p/q itself would carry its rounding, some 2^-107 absolute, into the result: for 99/100
     * 2^-100 of log(0.99), for 1 + 2^-40 about 2^-67 of it, so taking the plain kernel there fails.
     */
    @Test
    void logOfAnExactArgumentNearOneKeepsItsRelativePrecision() throws IOException {
        List<String[]> rows = org.ropebounds.Fixtures.rows("real/dd-log-exact.csv");
        assertTrue(rows.size() > 100, "rows: " + rows.size());
        int nearOne = 0;
        for (String[] row : rows) {
            Rational v = Rational.of(new BigInteger(row[0]), new BigInteger(row[1]));
            Rational refLo = Rational.parse(row[2]);
            Rational refHi = Rational.parse(row[3]);
            DoubleDoubleInterval got = DD.log(DD.of(v));
            assertTrue(got.exact().isEmpty(), "log of " + v + " is not exact");
            Enclosure e = DoubleDoubleIntervalArithmetic.enclosureOf(got);
            String what = "log(" + v + ") = " + e;
            assertTrue(e.lo().compareTo(refHi) <= 0 && refLo.compareTo(e.hi()) <= 0 && e.contains(half(refLo, refHi)), what + " misses the reference");
            Rational value = half(refLo, refHi).abs();
            boolean near = v.subtract(Rational.ONE).abs().compareTo(Rational.parse("1/4")) <= 0;
            Rational allowed = near ? value.multiply(twoTo(-102)) : value.max(twoTo(-4)).multiply(twoTo(-96));
            assertTrue(e.width().compareTo(allowed) <= 0, what + (near ? " is wider than 2^-102 relative" : " is wider than 2^-96"));
            nearOne += near ? 1 : 0;
        }
        assertTrue(nearOne > 100, "points near 1: " + nearOne);
    }

    /**
     * asin and acos of the fixture's points: contained, and at most 2^-103 (asin, |x| <= 1/2), 2^-102 (asin beyond),
     * 2^-104.5 (acos, |x| <= 1/2) and 2^-103 (acos beyond) of the value wide; with the secant in doubles (its ulp
     * times |x_m - sin y0| added) the widest points were 2^-102.4, 2^-101.5, 2^-104.2 and 2^-102.5.
     */
    @Test
    void asinAndAcosCarryTheSecantAsADoubleDouble() throws IOException {
        int checked = 0;
        for (String[] row : org.ropebounds.Fixtures.rows("real/dd-kernels.csv")) {
            if (!row[0].equals("asin") && !row[0].equals("acos")) {
                continue;
            }
            double hi = Double.parseDouble(row[1]);
            double lo = Double.parseDouble(row[2]);
            DoubleDoubleInterval x = new DoubleDoubleInterval(hi, lo, 0, Optional.empty());
            DoubleDoubleInterval got = row[0].equals("asin") ? DoubleDoubleKernels.asin(x) : DoubleDoubleKernels.acos(x);
            Rational refLo = Rational.parse(row[3]);
            Rational refHi = Rational.parse(row[4]);
            Enclosure e = DoubleDoubleIntervalArithmetic.enclosureOf(got);
            String what = row[0] + "(" + row[1] + " + " + row[2] + ") = " + e;
            assertTrue(e.lo().compareTo(refHi) <= 0 && refLo.compareTo(e.hi()) <= 0 && e.contains(half(refLo, refHi)), what + " misses the reference");
            boolean small = Math.abs(hi) <= 0.5;
            // 2^-104.5 as 2^-105 * 1.41421357 > 2^-105 sqrt 2
            Rational relative = row[0].equals("asin") ? twoTo(small ? -103 : -102)
                    : small ? twoTo(-105).multiply(Rational.parse("141421357/100000000")) : twoTo(-103);
            assertTrue(e.width().compareTo(half(refLo, refHi).abs().multiply(relative).multiply(Rational.of(2))) <= 0,
                    what + " is wider than allowed");
            checked++;
        }
        assertTrue(checked > 250, "points: " + checked);
    }

    /**
     * expm1 of the ball m +/- 2^-60 at the fixture's expm1 points m: it must contain the true image, which contains
     * [ref - e^m r (1 - r), ref + e^m r] (ref and e^m at their reference's lower ends) (expm1(m + r) - expm1(m) >= e^m r and expm1(m) - expm1(m - r) = e^m (1 - e^-r)
     * >= e^m r (1 - r/2) by convexity), and its radius may exceed e^m r by at most 2^-20 of it plus 2^-100 |ref|:
     * for m near -5 the former spread (1 + |expm1(m)|) r was some 2 r, a hundred times e^m r.
     */
    @Test
    void expm1SpreadsByExpOfTheMidpoint() throws IOException {
        Rational r = twoTo(-60);
        int checked = 0;
        int negative = 0;
        for (String[] row : org.ropebounds.Fixtures.rows("real/dd-kernels.csv")) {
            if (!row[0].equals("expm1")) {
                continue;
            }
            double hi = Double.parseDouble(row[1]);
            double lo = Double.parseDouble(row[2]);
            DoubleDoubleInterval got = DoubleDoubleKernels.expm1(new DoubleDoubleInterval(hi, lo, 0x1p-60, Optional.empty()));
            Rational refLo = Rational.parse(row[3]);
            Rational refHi = Rational.parse(row[4]);
            Rational expLo = Rational.ONE.add(refLo);
            Rational expHi = Rational.ONE.add(refHi);
            Enclosure e = DoubleDoubleIntervalArithmetic.enclosureOf(got);
            String what = "expm1(" + row[1] + " + " + row[2] + " +/- 2^-60) = " + e;
            // >= expm1(m) - e^m r (1 - r/2) >= expm1(m - r): the reference is 2^-250 wide, r^2/2 is 2^-121
            Rational imageLo = refLo.subtract(expLo.multiply(r).multiply(Rational.ONE.subtract(r)));
            Rational imageHi = refLo.add(expLo.multiply(r)); // <= expm1(m) + e^m r <= expm1(m + r)
            assertTrue(e.lo().compareTo(imageLo) <= 0 && imageHi.compareTo(e.hi()) <= 0, what + " misses the image");
            Rational radius = Rational.of(new java.math.BigDecimal(got.radius()));
            Rational allowed = expHi.multiply(r).multiply(Rational.ONE.add(twoTo(-20))).add(half(refLo, refHi).abs().multiply(twoTo(-100)));
            assertTrue(radius.compareTo(allowed) <= 0, what + " spreads more than e^m r");
            checked++;
            negative += hi < 0 ? 1 : 0;
        }
        assertTrue(checked > 100, "points: " + checked);
        assertTrue(negative >= 50, "points below 0: " + negative);
        // by hand: expm1(-7/3 +/- 2^-60) spreads by about e^(-7/3) 2^-60 = 0.097 * 2^-60, not (1 + 0.90) 2^-60
        DoubleDoubleInterval far = DoubleDoubleKernels.expm1(new DoubleDoubleInterval(-7.0 / 3, 0, 0x1p-60, Optional.empty()));
        assertTrue(far.radius() < 0.1 * 0x1p-60 && far.radius() > 0.096 * 0x1p-60, "radius " + far.radius());
        assertEquals(Optional.empty(), far.exact());
    }

    /**
     * sqrt of random balls x_m +/- r (x_m in [2^-10, 2^10), r from 2^-80 to 2^-30 of it), in exact rationals: the ball
     * [c - R, c + R] contains sqrt(x_m - r) and sqrt(x_m + r) ((c - R)^2 <= x_m - r and x_m + r <= (c + R)^2, the image
     * being the interval between them), and R <= (r (1 + 2^-20) + 2^-103 c^2) / (2c): the spread is r / (sqrt(y) +
     * sqrt(x_m)), about r / (2 sqrt(x_m)), not the r / sqrt(x_m) it was bounded by before.
     */
    @Test
    void squareRootSpreadsByHalfTheRelativeRadius() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(30);
        for (int i = 0; i < 3000; i++) {
            double h = Math.scalb(1 + random.nextDouble(), random.nextInt(-10, 10));
            double l = Math.ulp(h) * (random.nextDouble() - 0.5);
            double hi = h + l;
            l = ErrorFreeTransforms.twoSumError(h, l, hi);
            double radius = Math.scalb(hi, -random.nextInt(30, 81)) * random.nextDouble();
            DoubleDoubleInterval got = DoubleDoubleBalls.root(new DoubleDoubleInterval(hi, l, radius, Optional.empty()));
            Rational xm = Rational.of(new java.math.BigDecimal(hi)).add(Rational.of(new java.math.BigDecimal(l)));
            Rational r = Rational.of(new java.math.BigDecimal(radius));
            Rational c = Rational.of(new java.math.BigDecimal(got.hi())).add(Rational.of(new java.math.BigDecimal(got.lo())));
            Rational big = Rational.of(new java.math.BigDecimal(got.radius()));
            Rational low = c.subtract(big);
            Rational high = c.add(big);
            String what = "sqrt(" + hi + " + " + l + " +/- " + radius + ") = " + got;
            assertTrue(low.signum() > 0 && low.multiply(low).compareTo(xm.subtract(r)) <= 0 && xm.add(r).compareTo(high.multiply(high)) <= 0,
                    what + " misses the image");
            Rational allowed = r.multiply(Rational.ONE.add(twoTo(-20))).add(c.multiply(c).multiply(twoTo(-103)));
            assertTrue(big.multiply(c).multiply(Rational.of(2)).compareTo(allowed) <= 0, what + " spreads by more than r / (2 sqrt(x_m))");
        }
    }

    /**
     * log and acos at exact arguments are remembered per arithmetic (section 14): asked in turn, each again after the
     * other and after other arguments, every answer must still contain its own function's reference (the fixture's
     * acos points are exact rationals hi + lo), and the same argument must give the same ball.
     */
    @Test
    void rememberedValuesAreEachFunctionsOwn() throws IOException {
        DoubleDoubleIntervalArithmetic dd = new DoubleDoubleIntervalArithmetic(132);
        int checked = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (String[] row : org.ropebounds.Fixtures.rows("real/dd-kernels.csv")) {
                if (!row[0].equals("acos") || Double.parseDouble(row[1]) <= 0) {
                    continue;
                }
                Rational v = Rational.parse(row[1]).add(Rational.parse(row[2]));
                DoubleDoubleInterval log = dd.log(dd.of(v)); // remembered under v first, in the other memory
                DoubleDoubleInterval acos = dd.acos(dd.of(v));
                Enclosure e = DoubleDoubleIntervalArithmetic.enclosureOf(acos);
                Rational refLo = Rational.parse(row[3]);
                Rational refHi = Rational.parse(row[4]);
                assertTrue(e.lo().compareTo(refHi) <= 0 && refLo.compareTo(e.hi()) <= 0, "acos(" + v + ") = " + e + " after log");
                assertEquals(acos, dd.acos(dd.of(v)), "acos(" + v + ") asked again");
                assertEquals(log, dd.log(dd.of(v)), "log(" + v + ") asked again");
                // log(v) < 0 < acos(v) for 0 < v < 1: a value taken from the other memory would show
                assertTrue(log.upperBound() < 0 && acos.lowerBound() > 0, "log(" + v + ") = " + log + ", acos = " + acos);
                checked++;
            }
        }
        assertTrue(checked > 80, "points: " + checked);
    }
}
