package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.format.OverflowPolicy;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;

/**
 * The correctly rounded IEEE operations: special cases against IEEE 754-2019's rules (sections 6.1-6.3,
 * 7.2-7.4, 9.2.1), written out here, and finite results against Java's own double and float arithmetic,
 * which is IEEE's correctly rounded binary64 and binary32 (JLS 15.17, 15.18): an independent implementation.
 */
class IeeeTest {
    private static final Format F32 = Format.FP32;
    private static final Format E4M3 = Format.FP8_E4M3;
    private static final double INF = Double.POSITIVE_INFINITY;

    /** The double x as a value of f (x must be one, or a special). */
    private static FloatValue v(double x, Format f) {
        var r = f.round(x, RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY);
        assertEquals(0, r.ternary(), x + " is a value of " + f.name());
        return r.value();
    }

    private static FloatValue v(double x) {
        return v(x, F32);
    }

    private static void assertPositiveZero(FloatValue r, String what) {
        assertTrue(r.isZero() && !r.isNegative(), what + " = +0, got " + r);
    }

    private static void assertNegativeZero(FloatValue r, String what) {
        assertTrue(r.isZero() && r.isNegative(), what + " = -0, got " + r);
    }

    private static void assertInfinity(boolean negative, FloatValue r, String what) {
        assertTrue(r.isInfinite() && r.isNegative() == negative, what + " = " + (negative ? "-" : "+") + "inf, got " + r);
    }

    private static void assertNaN(FloatValue r, String what) {
        assertTrue(r.isNaN(), what + " = NaN, got " + r);
    }

    @Test
    void additionOfInfinitiesAndNaN() {
        // 6.1: inf + finite is exact and infinite; 7.2(b): inf + (-inf) is invalid; 6.2: NaN propagates
        assertInfinity(false, Ieee.add(v(INF), v(1), F32), "inf + 1");
        assertInfinity(false, Ieee.add(v(-5), v(INF), F32), "-5 + inf");
        assertInfinity(true, Ieee.add(v(-INF), v(Float.MAX_VALUE), F32), "-inf + max");
        assertInfinity(true, Ieee.add(v(-0.0), v(-INF), F32), "-0 + -inf");
        assertInfinity(false, Ieee.add(v(INF), v(INF), F32), "inf + inf");
        assertInfinity(true, Ieee.add(v(-INF), v(-INF), F32), "-inf + -inf");
        assertNaN(Ieee.add(v(INF), v(-INF), F32), "inf + -inf");
        assertNaN(Ieee.add(v(-INF), v(INF), F32), "-inf + inf");
        assertNaN(Ieee.add(v(Double.NaN), v(1), F32), "NaN + 1");
        assertNaN(Ieee.add(v(1), v(Double.NaN), F32), "1 + NaN");
        assertNaN(Ieee.add(v(Double.NaN), v(INF), F32), "NaN + inf");
    }

    @Test
    void signedZerosOfSums() {
        // 6.3: an exact zero sum of operands of opposite signs is +0 in round-to-nearest; x + x keeps x's sign
        assertPositiveZero(Ieee.add(v(1.5), v(-1.5), F32), "1.5 + -1.5");
        assertPositiveZero(Ieee.add(v(-0x1p-149), v(0x1p-149), F32), "-tiny + tiny");
        assertNegativeZero(Ieee.add(v(-0.0), v(-0.0), F32), "-0 + -0");
        assertPositiveZero(Ieee.add(v(0.0), v(-0.0), F32), "+0 + -0");
        assertPositiveZero(Ieee.add(v(-0.0), v(0.0), F32), "-0 + +0");
        assertPositiveZero(Ieee.add(v(0.0), v(0.0), F32), "+0 + +0");
        assertEquals(v(-3), Ieee.add(v(-0.0), v(-3), F32), "-0 + -3");
        // a nonzero exact sum that rounds to zero keeps its sign: -2^-149 + 2^-150 = -2^-150, a tie between
        // -0 and -2^-149 in fp32, to the even one, -0
        assertNegativeZero(Ieee.add(v(-0x1p-149, Format.FP64), v(0x1p-150, Format.FP64), F32), "-2^-149 + 2^-150");
        // subtraction is the addition of the negation
        assertPositiveZero(Ieee.subtract(v(2.25), v(2.25), F32), "x - x");
        assertNegativeZero(Ieee.subtract(v(-0.0), v(0.0), F32), "-0 - +0");
        assertPositiveZero(Ieee.subtract(v(-0.0), v(-0.0), F32), "-0 - -0");
        assertPositiveZero(Ieee.subtract(v(0.0), v(0.0), F32), "+0 - +0");
        assertNaN(Ieee.subtract(v(INF), v(INF), F32), "inf - inf");
        assertInfinity(false, Ieee.subtract(v(INF), v(-INF), F32), "inf - -inf");
        assertInfinity(true, Ieee.subtract(v(1), v(INF), F32), "1 - inf");
    }

    @Test
    void formatsWithoutInfinityGiveNaNWhereIeeeGivesInfinity() {
        // e4m3fn's largest finite value is 448 = 1.110b * 2^8; 448 + 448 = 896 overflows, and the
        // format has no infinity
        assertNaN(Ieee.add(v(448, E4M3), v(448, E4M3), E4M3), "448 + 448 in e4m3");
        assertNaN(Ieee.add(v(INF), v(1), E4M3), "inf + 1 into e4m3");
        assertNaN(Ieee.convert(v(-INF), E4M3), "-inf converted to e4m3");
        assertNaN(Ieee.divide(v(1, E4M3), v(0, E4M3), E4M3), "1 / 0 in e4m3");
        assertNaN(Ieee.multiply(v(INF), v(2), E4M3), "inf * 2 into e4m3");
        // 448 + 16 = 464 lies below the midpoint 480 between 448 and the first non-value 512: rounds to 448
        assertEquals(v(448, E4M3), Ieee.add(v(448, E4M3), v(16, E4M3), E4M3));
        // and in fp32 the overflow is infinity: max + max
        assertInfinity(false, Ieee.add(v(Float.MAX_VALUE), v(Float.MAX_VALUE), F32), "max + max");
        assertInfinity(true, Ieee.convert(v(-INF), Format.BF16), "-inf converted to bf16");
    }

    @Test
    void productsAndQuotients() {
        assertNaN(Ieee.multiply(v(INF), v(0.0), F32), "inf * 0"); // 7.2(a)
        assertNaN(Ieee.multiply(v(-0.0), v(-INF), F32), "-0 * -inf");
        assertInfinity(true, Ieee.multiply(v(-INF), v(2), F32), "-inf * 2");
        assertNegativeZero(Ieee.multiply(v(-0.0), v(3), F32), "-0 * 3");
        assertPositiveZero(Ieee.multiply(v(-2), v(-0.0), F32), "-2 * -0");
        assertNegativeZero(Ieee.multiply(v(-0x1p-149), v(0.25), F32), "-2^-149 * 1/4 underflows to -0");
        assertInfinity(false, Ieee.divide(v(1), v(0.0), F32), "1 / +0"); // 7.3 division by zero
        assertInfinity(true, Ieee.divide(v(-1), v(0.0), F32), "-1 / +0");
        assertInfinity(true, Ieee.divide(v(1), v(-0.0), F32), "1 / -0");
        assertNaN(Ieee.divide(v(0.0), v(-0.0), F32), "0 / -0"); // 7.2(d)
        assertNaN(Ieee.divide(v(-INF), v(INF), F32), "-inf / inf");
        assertPositiveZero(Ieee.divide(v(1), v(INF), F32), "1 / inf");
        assertNegativeZero(Ieee.divide(v(-1), v(INF), F32), "-1 / inf");
        assertInfinity(true, Ieee.divide(v(INF), v(-2), F32), "inf / -2");
        assertEquals(v(0x1.555556p-2), Ieee.divide(v(1), v(3), F32)); // 1/3 = 0.010101...b, rounded up
    }

    @Test
    void powSpecialCases() {
        // 9.2.1, in the order the method lists them
        assertEquals(v(1), Ieee.pow(v(Double.NaN), v(-0.0), F32), "pow(NaN, -0) = 1");
        assertEquals(v(1), Ieee.pow(v(1), v(Double.NaN), F32), "pow(1, NaN) = 1");
        assertEquals(v(1), Ieee.pow(v(1), v(-INF), F32), "pow(1, -inf) = 1");
        assertNaN(Ieee.pow(v(2), v(Double.NaN), F32), "pow(2, NaN)");
        assertInfinity(true, Ieee.pow(v(-0.0), v(-3), F32), "pow(-0, -3)");
        assertInfinity(false, Ieee.pow(v(0.0), v(-3), F32), "pow(+0, -3)");
        assertInfinity(false, Ieee.pow(v(-0.0), v(-2), F32), "pow(-0, -2)");
        assertInfinity(false, Ieee.pow(v(-0.0), v(-INF), F32), "pow(-0, -inf)");
        assertNegativeZero(Ieee.pow(v(-0.0), v(5), F32), "pow(-0, 5)");
        assertPositiveZero(Ieee.pow(v(-0.0), v(0.5), F32), "pow(-0, 0.5)");
        assertPositiveZero(Ieee.pow(v(-0.0), v(INF), F32), "pow(-0, inf)");
        assertEquals(v(1), Ieee.pow(v(-1), v(INF), F32), "pow(-1, inf) = 1");
        assertPositiveZero(Ieee.pow(v(0.5), v(INF), F32), "pow(0.5, inf)");
        assertInfinity(false, Ieee.pow(v(-3), v(INF), F32), "pow(-3, inf)");
        assertInfinity(false, Ieee.pow(v(0.5), v(-INF), F32), "pow(0.5, -inf)");
        assertPositiveZero(Ieee.pow(v(3), v(-INF), F32), "pow(3, -inf)");
        assertPositiveZero(Ieee.pow(v(INF), v(-2), F32), "pow(inf, -2)");
        assertInfinity(false, Ieee.pow(v(INF), v(0.5), F32), "pow(inf, 0.5)");
        assertInfinity(true, Ieee.pow(v(-INF), v(3), F32), "pow(-inf, 3) = pow(-0, -3)");
        assertPositiveZero(Ieee.pow(v(-INF), v(-2), F32), "pow(-inf, -2) = pow(-0, 2)");
        assertNegativeZero(Ieee.pow(v(-INF), v(-1), F32), "pow(-inf, -1) = pow(-0, 1)");
        assertNaN(Ieee.pow(v(-2), v(0.5), F32), "pow(-2, 0.5)");
        assertEquals(v(-8), Ieee.pow(v(-2), v(3), F32), "pow(-2, 3)");
        assertEquals(v(4), Ieee.pow(v(-2), v(2), F32), "pow(-2, 2)");
        assertEquals(v(2), Ieee.pow(v(4), v(0.5), F32), "pow(4, 0.5)");
        // e5m2 has p = 3, so 9 = 1001b is the midpoint of 8 = 1.00b 2^3 and 10 = 1.01b 2^3: ties to even, 8
        // (only an exact 9 decides it); 81^(1/2) = 9 too, the arithmetic finds the exact root
        Format e5m2 = Format.FP8_E5M2;
        assertEquals(v(8, e5m2), Ieee.pow(v(3, e5m2), v(2, e5m2), e5m2), "pow(3, 2) in e5m2");
        assertEquals(v(8, e5m2), Ieee.pow(v(-3, e5m2), v(2, e5m2), e5m2), "pow(-3, 2) = 9 in e5m2");
        assertEquals(v(8, e5m2), Ieee.pow(v(81, Format.FP64), v(0.5, Format.FP64), e5m2), "pow(81, 1/2) in e5m2");
        assertEquals(v(5, e5m2), Ieee.pow(v(25, Format.FP64), v(0.5, Format.FP64), e5m2), "pow(25, 1/2) = 5 = 1.01b 2^2");
        // -27 = -11011b lies between -24 = -1.10b 2^4 and -28 = -1.11b 2^4, past their midpoint -26
        assertEquals(v(-28, e5m2), Ieee.pow(v(-3, e5m2), v(3, e5m2), e5m2), "pow(-3, 3) in e5m2");
        // 3^-2 = 1/9 = 0.000111000111...b: 1.11b 2^-4 = 0.109375 is the nearest (1/9 = 0.1111...)
        assertEquals(v(0.109375, e5m2), Ieee.pow(v(3, e5m2), v(-2, e5m2), e5m2), "pow(3, -2) in e5m2");
        assertEquals(v(-27, Format.FP64), Ieee.pow(v(-3, Format.FP64), v(3, Format.FP64), Format.FP64), "pow(-3, 3)");
        assertInfinity(false, Ieee.pow(v(2), v(128), F32), "pow(2, 128) overflows");
        assertNaN(Ieee.pow(v(2, E4M3), v(10, E4M3), E4M3), "pow(2, 10) = 1024 overflows e4m3");
    }

    @Test
    void cosAndSinSpecialCases() {
        assertEquals(v(1), Ieee.cos(v(-0.0), F32), "cos(-0)");
        assertNegativeZero(Ieee.sin(v(-0.0), F32), "sin(-0)");
        assertPositiveZero(Ieee.sin(v(0.0), F32), "sin(+0)");
        assertNaN(Ieee.cos(v(INF), F32), "cos(inf)");
        assertNaN(Ieee.sin(v(-INF), F32), "sin(-inf)");
        assertNaN(Ieee.sin(v(Double.NaN), F32), "sin(NaN)");
        // sin x = x - x^3/6 + ...: for x = 2^-20 the cubic term is 2^-62.6, far below half an ulp of x
        // (2^-44), and it pulls the value below x: rounds back to x
        assertEquals(v(0x1p-20), Ieee.sin(v(0x1p-20), F32));
        assertThrows(IllegalArgumentException.class, () -> Ieee.cosSin(v(1), F32, 2));
        assertEquals(Ieee.cos(v(1), F32), Ieee.cosSin(v(1), F32, 0));
    }

    /** Double bit patterns, a fifth of them specials or zeros, pairs often of close magnitude. */
    private static Gen<double[]> pairs() {
        return longs().all().map(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            double a = any(r);
            double b = switch (r.nextInt(4)) {
                case 0 -> -a * (1 + r.nextInt(8) * 0x1p-52); // cancellation
                case 1 -> a * Math.scalb(1.0, r.nextInt(120) - 60); // a near binade
                default -> any(r);
            };
            return new double[] {a, b};
        });
    }

    private static double any(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0 -> new double[] {0.0, -0.0, INF, -INF, Double.NaN, Double.MIN_VALUE, -Double.MAX_VALUE}[r.nextInt(7)];
            case 1 -> Double.longBitsToDouble(r.nextLong() & 0x800fffffffffffffL); // subnormal
            default -> Double.longBitsToDouble((r.nextLong() & 0x800fffffffffffffL) | ((long) r.nextInt(0x7ff) << 52));
        };
    }

    private interface Op {
        FloatValue apply(FloatValue a, FloatValue b, Format f);
    }

    private static void assertAgrees(double expected, FloatValue got, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(got.isNaN(), what + ": NaN expected, got " + got);
            return;
        }
        assertFalse(got.isNaN(), what + ": " + expected + " expected, got NaN");
        double g = Double.longBitsToDouble(got.bits().longValue());
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(g), what + ": expected " + expected + ", got " + g);
    }

    private static void checkFp64(Op op, BinaryOperator<Double> java, String name) {
        qt().withFixedSeed(0x1eee_2026L + name.hashCode()).withExamples(3000).forAll(pairs()).checkAssert(p -> {
            double a = p[0];
            double b = p[1];
            assertAgrees(java.apply(a, b), op.apply(v(a, Format.FP64), v(b, Format.FP64), Format.FP64),
                    name + "(" + Double.toHexString(a) + ", " + Double.toHexString(b) + ")");
        });
    }

    @Test
    void fp64AgreesWithJavasDoubleArithmetic() {
        checkFp64(Ieee::add, (a, b) -> a + b, "add");
        checkFp64(Ieee::subtract, (a, b) -> a - b, "subtract");
        checkFp64(Ieee::multiply, (a, b) -> a * b, "multiply");
        checkFp64(Ieee::divide, (a, b) -> a / b, "divide");
    }

    @Test
    void fp32AgreesWithJavasFloatArithmetic() {
        qt().withFixedSeed(0xf32_2026L).withExamples(3000).forAll(pairs()).checkAssert(p -> {
            float a = (float) p[0];
            float b = (float) p[1];
            FloatValue x = v(a, F32);
            FloatValue y = v(b, F32);
            String what = "(" + Float.toHexString(a) + ", " + Float.toHexString(b) + ")";
            assertAgrees(a + b, Ieee.convert(Ieee.add(x, y, F32), Format.FP64), "add" + what);
            assertAgrees(a - b, Ieee.convert(Ieee.subtract(x, y, F32), Format.FP64), "subtract" + what);
            assertAgrees(a * b, Ieee.convert(Ieee.multiply(x, y, F32), Format.FP64), "multiply" + what);
            assertAgrees(a / b, Ieee.convert(Ieee.divide(x, y, F32), Format.FP64), "divide" + what);
        });
    }

    @Test
    void powOfOneHalfAgreesWithJavasCorrectlyRoundedSquareRoot() {
        // IEEE requires sqrt correctly rounded, and Java's Math.sqrt is; a square root of a double is
        // never a midpoint of fp64, so Ziv's loop always decides
        qt().withFixedSeed(0x5097_2026L).withExamples(150).forAll(pairs()).checkAssert(p -> {
            double x = Math.abs(p[0]);
            if (Double.isNaN(x)) {
                return;
            }
            assertAgrees(Math.sqrt(x), Ieee.pow(v(x, Format.FP64), v(0.5, Format.FP64), Format.FP64),
                    "pow(" + Double.toHexString(x) + ", 0.5)");
        });
    }

    @Test
    void roundAndConvertAreTheFormatsRounding() {
        assertEquals(v(0x1.99999ap-4), Ieee.round(Rational.parse("0.1"), F32)); // 0.1 in fp32, rounded up
        assertEquals(v(0.125, Format.BF16), Ieee.convert(v(0.125, Format.FP64), Format.BF16), "exact conversion");
        // bf16 has p = 8, so its values near 1 are 1 + k 2^-7: 1 + 2^-9 lies below the midpoint 1 + 2^-8
        assertEquals(v(1, Format.BF16), Ieee.convert(v(1 + 0x1p-9, Format.FP64), Format.BF16));
        // 1 + 3 2^-8 is the midpoint of 1 + 2^-7 (odd last bit) and 1 + 2^-6 (even): ties to even
        assertEquals(v(1 + 0x1p-6, Format.BF16), Ieee.convert(v(1 + 3 * 0x1p-8, Format.FP64), Format.BF16));
        assertNegativeZero(Ieee.convert(v(-0.0, Format.FP64), F32), "convert(-0)");
    }
}
