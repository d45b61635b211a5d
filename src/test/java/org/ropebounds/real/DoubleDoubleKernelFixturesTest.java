package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;

/**
 * The double-double kernels where their reductions switch (proofs/double-double-interval.md section 13): exp and
 * expm1 on both sides of every half step of the (ln 2)/64 reduction and across the table's wrap, log, asin and
 * acos through one sine, and the truncated cos and sin, against 300-bit python-flint balls
 * ({@code gen_dd_kernel_fixtures.py}, {@code fixtures/real/dd-kernels.csv}). Each point's ball must contain the
 * reference's midpoint and meet the reference (both contain the exact value; the reference is some 2^-250
 * relative wide), must not be declined, and must be at most 2^-96 relative wide (log near 1: 2^-100 absolute), so a
 * series cut short without its remainder, a wrong table entry or a lost error term fails.
 */
class DoubleDoubleKernelFixturesTest {
    private static DoubleDoubleInterval evaluate(String f, double hi, double lo) {
        DoubleDoubleInterval x = new DoubleDoubleInterval(hi, lo, 0, Optional.empty());
        return switch (f) {
            case "exp" -> DoubleDoubleKernels.exp(x);
            case "expm1" -> DoubleDoubleKernels.expm1(x);
            case "log" -> DoubleDoubleKernels.log(x);
            case "asin" -> DoubleDoubleKernels.asin(x);
            case "acos" -> DoubleDoubleKernels.acos(x);
            case "sin", "cos" -> {
                DoubleDouble v = DoubleDoubleTrig.evaluateTruncated(f.equals("sin") ? DoubleDoubleTrig.Function.SIN
                        : DoubleDoubleTrig.Function.COS, hi, lo, 0).orElseThrow();
                yield new DoubleDoubleInterval(v.hi(), v.lo(), v.errorBound(), Optional.empty());
            }
            default -> throw new IllegalArgumentException(f);
        };
    }

    @Test
    void everyPointIsContainedTightly() throws IOException {
        List<String[]> rows = org.ropebounds.Fixtures.rows("real/dd-kernels.csv");
        assertTrue(rows.size() > 1000, "rows: " + rows.size());
        Map<String, Integer> seen = new TreeMap<>();
        for (String[] row : rows) {
            String f = row[0];
            double hi = Double.parseDouble(row[1]);
            double lo = Double.parseDouble(row[2]);
            Rational refLo = Rational.parse(row[3]);
            Rational refHi = Rational.parse(row[4]);
            Enclosure got = DoubleDoubleIntervalArithmetic.enclosureOf(evaluate(f, hi, lo));
            String what = f + "(" + row[1] + " + " + row[2] + ") = " + got;
            Rational refMid = refLo.add(refHi).multiply(Rational.of(java.math.BigInteger.ONE, java.math.BigInteger.TWO));
            assertTrue(got.lo().compareTo(refHi) <= 0 && refLo.compareTo(got.hi()) <= 0 && got.contains(refMid), what + " misses the reference");
            // tightness: 2^-96 of the value, or 2^-100 absolute for log (near 1 it keeps absolute precision)
            Rational scale = f.equals("log") ? refMid.abs().max(Rational.of(java.math.BigInteger.ONE, java.math.BigInteger.ONE.shiftLeft(4)))
                    : refMid.abs();
            Rational allowed = scale.multiply(Rational.of(java.math.BigInteger.ONE, java.math.BigInteger.ONE.shiftLeft(96)));
            assertTrue(got.width().compareTo(allowed) <= 0, what + " is wider than 2^-96 relative");
            seen.merge(f, 1, Integer::sum);
        }
        assertEquals(7, seen.size(), "every function: " + seen);
    }

    /**
     * Products with and quotients by an exact +/-2^k (section 13's scaling) against exact rationals: the midpoint is
     * exactly x_m 2^(+/-k), the radius at least r 2^(+/-k), for random balls and k in -60 .. 60; and an exact argument
     * still gives the exact result (as the enclosure level would).
     */
    @Test
    void scalingByAnExactPowerOfTwoIsExact() {
        DoubleDoubleIntervalArithmetic dd = new DoubleDoubleIntervalArithmetic(82);
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        int scaled = 0;
        for (int i = 0; i < 4000; i++) {
            double h = Math.scalb(1 + random.nextDouble(), random.nextInt(-300, 300)) * (random.nextBoolean() ? 1 : -1);
            double l = Math.ulp(h) * (random.nextDouble() - 0.5);
            double hi = h + l;
            l = ErrorFreeTransforms.twoSumError(h, l, hi);
            DoubleDoubleInterval x = new DoubleDoubleInterval(hi, l, random.nextBoolean() ? 0 : Math.abs(hi) * 0x1p-80 * random.nextDouble(),
                    Optional.empty());
            int k = random.nextInt(-60, 61);
            Rational p = Rational.of(java.math.BigInteger.ONE.shiftLeft(Math.abs(k)), java.math.BigInteger.ONE);
            p = k < 0 ? Rational.ONE.divide(p) : p;
            p = random.nextBoolean() ? p : p.negate();
            DoubleDoubleInterval power = dd.of(p);
            Rational xm = Rational.of(new java.math.BigDecimal(x.hi())).add(Rational.of(new java.math.BigDecimal(x.lo())));
            for (boolean divide : new boolean[] {false, true}) {
                DoubleDoubleInterval got = divide ? dd.divide(x, power) : random.nextBoolean() ? dd.multiply(x, power) : dd.multiply(power, x);
                Rational want = divide ? xm.divide(p) : xm.multiply(p);
                Rational mid = Rational.of(new java.math.BigDecimal(got.hi())).add(Rational.of(new java.math.BigDecimal(got.lo())));
                Rational scale = p.abs();
                scale = divide ? Rational.ONE.divide(scale) : scale;
                Rational needed = Rational.of(new java.math.BigDecimal(x.radius())).multiply(scale);
                assertTrue(want.subtract(mid).abs().add(needed).compareTo(Rational.of(new java.math.BigDecimal(got.radius()))) <= 0
                        || want.equals(mid) && needed.compareTo(Rational.of(new java.math.BigDecimal(got.radius()))) <= 0,
                        () -> x + (divide ? " / " : " * ") + power + " = " + got);
                assertTrue(got.exact().isEmpty(), "a ball without an exact value stays inexact");
                scaled++;
            }
        }
        assertEquals(8000, scaled);
        // by hand: (3/4) * 2^-3 = 3/32 and (3/4) / -2 = -3/8, exact as the enclosure level gives them
        assertEquals(Optional.of(Rational.parse("3/32")), dd.multiply(dd.of(Rational.parse("3/4")), dd.of(Rational.parse("1/8"))).exact());
        assertEquals(Optional.of(Rational.parse("-3/8")), dd.divide(dd.of(Rational.parse("3/4")), dd.of(Rational.of(-2))).exact());
    }
}
