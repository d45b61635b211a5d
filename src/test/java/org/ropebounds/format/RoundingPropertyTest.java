package org.ropebounds.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;

/**
 * Properties of rounding, against Java's own fp32/fp64 arithmetic and against a brute-force oracle that
 * enumerates every value of a small format. Seeds are fixed; QuickTheories prints the seed and the
 * shrunk counterexample on failure.
 */
class RoundingPropertyTest {

    private static final long SEED = 0x5eed_2026_1126L;

    private static QuickTheory props(int examples) {
        return qt().withFixedSeed(SEED).withExamples(examples);
    }

    @Test
    void roundingDoublesToFp32IsJavasFloatCastBitForBit() {
        props(20_000).forAll(Gens.doublesNearFloats()).checkAssert(d -> {
            int expected = Float.floatToRawIntBits((float) d.doubleValue());
            long fast = Format.FP32.roundToBits(d, RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY);
            if (Double.isNaN(d)) {
                assertTrue(Format.FP32.fromBits(fast).isNaN());
                return;
            }
            assertEquals(expected, (int) fast, () -> "fast path for " + d);
            if (Double.isFinite(d) && d != 0) {
                Rounded exact = Format.FP32.round(Rational.of(BinaryRational.ofDouble(d)), RoundingMode.NEAREST_EVEN);
                assertEquals(expected, exact.value().bits().intValue(), () -> "exact path for " + d);
            }
        });
    }

    @Test
    void fastPathEqualsExactPathInEveryFormatAndMode() {
        props(20_000).forAll(Gens.doublesNearFloats()).checkAssert(d -> {
            if (!Double.isFinite(d)) {
                return;
            }
            BinaryRational x = BinaryRational.ofDouble(d);
            for (Format f : Format.standard()) {
                for (RoundingMode m : RoundingMode.values()) {
                    for (OverflowPolicy o : OverflowPolicy.values()) {
                        Rounded slow = f.round(x, m, o);
                        long fast = f.roundToBits(d, m, o);
                        assertEquals(slow.value().bits().longValue(), fast, () -> f + " " + m + " " + o + " " + d);
                        if (x.isZero()) {
                            continue; // the rational zero has no sign; the double's sign is checked above
                        }
                        assertEquals(slow.ternary(), f.round(d, m, o).ternary(), () -> f + " " + m + " ternary " + d);
                    }
                }
            }
        });
    }

    @Test
    void ulpAndNextUpAgreeWithJava() {
        props(20_000).forAll(Gens.finiteDoubles()).checkAssert(d -> {
            FloatValue v64 = Format.FP64.round(d, RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).value();
            assertEquals(BinaryRational.ofDouble(Math.ulp(d)), v64.ulp(), () -> "ulp " + d);
            assertEquals(Double.doubleToRawLongBits(Math.nextUp(d)), v64.nextUp().bits().longValue(), () -> "nextUp " + d);
            assertEquals(Double.doubleToRawLongBits(Math.nextDown(d)), v64.nextDown().bits().longValue(), () -> "nextDown " + d);
            float f = (float) d.doubleValue();
            if (Float.isFinite(f)) {
                FloatValue v32 = Format.FP32.round(f, RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).value();
                assertEquals(BinaryRational.ofFloat(Math.ulp(f)), v32.ulp(), () -> "ulp " + f);
                assertEquals(Float.floatToRawIntBits(Math.nextUp(f)), v32.nextUp().bits().intValue(), () -> "nextUp " + f);
                assertEquals(Float.floatToRawIntBits(Math.nextDown(f)), v32.nextDown().bits().intValue(), () -> "nextDown " + f);
            }
        });
    }

    @Test
    void directedModesBracketAndNearestIsANeighbour() {
        props(5_000).forAll(Gens.rationals(-160, 140)).checkAssert(x -> {
            for (Format f : Format.standard()) {
                FloatValue down = f.round(x, RoundingMode.TOWARD_NEGATIVE).value();
                FloatValue up = f.round(x, RoundingMode.TOWARD_POSITIVE).value();
                FloatValue nearest = f.round(x, RoundingMode.NEAREST_EVEN).value();
                FloatValue zero = f.round(x, RoundingMode.TOWARD_ZERO).value();
                boolean beyond = x.abs().compareTo(f.maxFinite().toRational()) > 0;
                assertTrue((lessOrEqual(down, x) || beyond && down.isNaN()) && (greaterOrEqual(up, x) || beyond && up.isNaN()), () -> f + ": " + down + " <= " + x + " <= " + up);
                assertTrue(same(nearest, down) || same(nearest, up), () -> f + ": nearest " + nearest + " of " + x);
                assertTrue(same(zero, x.signum() < 0 ? up : down), () -> f + ": toward zero " + zero + " of " + x);
                boolean exact = f.round(x, RoundingMode.NEAREST_EVEN).exact();
                assertEquals(exact, same(down, up), () -> f + ": exactness of " + x);
                if (!exact && down.isFinite() && up.isFinite() && !(down.isZero() && up.isZero())) {
                    assertTrue(same(down.nextUp(), up), () -> f + ": " + down + " and " + up + " adjacent around " + x);
                }
            }
        });
    }

    @Test
    void roundingIsMonotone() {
        props(5_000).forAll(Gens.rationals(-150, 130), Gens.rationals(-150, 130)).checkAssert((a, b) -> {
            Rational lo = a.compareTo(b) <= 0 ? a : b;
            Rational hi = a.compareTo(b) <= 0 ? b : a;
            for (Format f : Format.standard()) {
                for (RoundingMode m : RoundingMode.values()) {
                    FloatValue ra = f.round(lo, m).value();
                    FloatValue rb = f.round(hi, m).value();
                    assertTrue(ra.isNaN() || rb.isNaN() || compare(ra, rb) <= 0, () -> f + " " + m + ": " + lo + " -> " + ra + ", " + hi + " -> " + rb);
                }
            }
        });
    }

    @Test
    void shortestDecimalAndHexRoundTrip() {
        props(3_000).forAll(Gens.finiteDoubles()).checkAssert(d -> {
            for (Format f : Format.standard()) {
                FloatValue v = f.round(d, RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).value();
                if (!v.isFinite() || v.isZero()) {
                    continue;
                }
                String shortest = v.toShortestDecimal();
                assertEquals(v, f.round(Rational.parse(shortest), RoundingMode.NEAREST_EVEN).value(),
                        () -> f + ": shortest " + shortest + " of " + v);
                assertEquals(v.value(), Rational.parse(v.toHexString()).toBinaryRational(), () -> f + ": hex " + v);
                assertEquals(v.value(), Rational.parse(v.toDecimalString()).toBinaryRational(), () -> f + ": decimal " + v);
            }
        });
    }

    @Test
    void smallFormatsAgreeWithABruteForceOracle() {
        for (Format f : List.of(Format.FP16, Format.BF16, Format.FP8_E4M3, Format.FP8_E5M2)) {
            Oracle oracle = new Oracle(f);
            props(4_000).forAll(Gens.rationals(f.emin() - f.precision() - 3, f.emax() + 3)).checkAssert(x -> {
                for (RoundingMode m : RoundingMode.values()) {
                    for (OverflowPolicy o : OverflowPolicy.values()) {
                        assertEquals(oracle.round(x, m, o), f.round(x, m, o).value(), () -> f + " " + m + " " + o + " " + x);
                    }
                }
            });
        }
    }

    /** Rounding by enumeration: every non-negative finite value of the format, sorted, and the definitions. */
    private static final class Oracle {
        private final Format f;
        private final List<BinaryRational> values = new ArrayList<>();
        private final List<Rational> exactValues = new ArrayList<>();
        private final List<Boolean> evenEncodings = new ArrayList<>();

        Oracle(Format f) {
            this.f = f;
            for (long bits = 0; bits < 1L << (f.encodingBits() - 1); bits++) {
                FloatValue v = f.fromBits(bits);
                if (v.isFinite()) {
                    values.add(v.value());
                    evenEncodings.add((bits & 1) == 0);
                }
            }
            values.forEach(v -> exactValues.add(v.toRational()));
            for (int i = 1; i < values.size(); i++) {
                assertTrue(values.get(i - 1).compareTo(values.get(i)) < 0, "encodings are ordered");
            }
        }

        FloatValue round(Rational x, RoundingMode mode, OverflowPolicy overflow) {
            boolean negative = x.signum() < 0;
            BinaryRational a;
            Rational ax = x.abs();
            int found = java.util.Collections.binarySearch(exactValues, ax);
            int i = found >= 0 ? found : -found - 2; // the last value <= |x|
            BinaryRational lower = values.get(i);
            boolean beyondMax = i == values.size() - 1 && lower.toRational().compareTo(ax) < 0;
            // the value after the largest finite one, had the exponent range no end
            BinaryRational upper = i + 1 < values.size() ? values.get(i + 1) : lower.add(f.ulp(lower));
            boolean upperEven = i + 1 < values.size() ? evenEncodings.get(i + 1) : !evenEncodings.get(i);
            boolean exact = lower.toRational().equals(ax);
            boolean towardUpper;
            if (exact) {
                towardUpper = false;
            } else {
                switch (mode) {
                    case TOWARD_ZERO -> towardUpper = false;
                    case TOWARD_POSITIVE -> towardUpper = !negative;
                    case TOWARD_NEGATIVE -> towardUpper = negative;
                    default -> {
                        Rational mid = lower.add(upper).toRational().multiply(Rational.of(BigInteger.ONE, BigInteger.TWO));
                        int c = ax.compareTo(mid);
                        towardUpper = c > 0 || (c == 0 && upperEven);
                    }
                }
            }
            a = towardUpper ? upper : lower;
            boolean overflowed = beyondMax && towardUpper;
            if (overflowed) {
                if (overflow == OverflowPolicy.SATURATE) {
                    a = lower;
                } else {
                    FloatValue special = f.hasInfinity() ? f.fromBits(infinityBits(f)) : f.fromBits(allOnes(f));
                    return negative ? special.negate() : special;
                }
            }
            FloatValue v = f.round(a.toRational(), RoundingMode.NEAREST_EVEN).value(); // a is exact in f
            return negative ? v.negate() : v;
        }

        private static long infinityBits(Format f) {
            return ((1L << f.exponentBits()) - 1) << (f.precision() - 1);
        }

        private static long allOnes(Format f) {
            return (1L << (f.encodingBits() - 1)) - 1;
        }
    }

    private static boolean lessOrEqual(FloatValue v, Rational x) {
        return v.isInfinite() ? v.isNegative() : !v.isNaN() && v.value().toRational().compareTo(x) <= 0;
    }

    private static boolean greaterOrEqual(FloatValue v, Rational x) {
        return v.isInfinite() ? !v.isNegative() : !v.isNaN() && v.value().toRational().compareTo(x) >= 0;
    }

    /** Same datum, ignoring the sign of zero. */
    private static boolean same(FloatValue a, FloatValue b) {
        return a.isZero() && b.isZero() || a.equals(b);
    }

    /** Order on the extended real line (zero's sign ignored; not for NaN). */
    private static int compare(FloatValue a, FloatValue b) {
        int ra = a.isInfinite() ? (a.isNegative() ? -1 : 1) : 0;
        int rb = b.isInfinite() ? (b.isNegative() ? -1 : 1) : 0;
        if (ra != 0 || rb != 0) {
            return Integer.compare(ra, rb);
        }
        return a.value().compareTo(b.value());
    }
}
