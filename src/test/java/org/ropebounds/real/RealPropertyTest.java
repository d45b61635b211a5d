package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;
import org.ropebounds.format.Rational;

/**
 * For thousands of random arguments: an enclosure at a random working precision contains the one at
 * 600 bits; the double fast path's interval contains it too; the 20-digit decimal is the correct
 * rounding of the 600-bit enclosure; and Apfloat (an independent implementation, at 130 digits) agrees
 * to 110 digits.
 */
class RealPropertyTest {

    private static final long SEED = 0x2026_1126_0003L;
    private static final EnclosureArithmetic FINE = new EnclosureArithmetic(600);
    private static final MathContext APFLOAT_CHECK = new MathContext(110);

    /** Random arguments in each function's domain: mixed magnitudes, 1-30 significant digits. */
    private static Gen<Rational> arguments(String f) {
        return longs().all().map(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            StringBuilder digits = new StringBuilder().append(1 + r.nextInt(9));
            int n = r.nextInt(30);
            for (int i = 0; i < n; i++) {
                digits.append(r.nextInt(10));
            }
            Rational mantissa = Rational.parse(digits.insert(1, '.').toString()); // in [1, 10)
            int e = switch (f) {
                case "acos", "asin" -> -1 - r.nextInt(12);     // (0, 1): 1e-12 .. 0.999...
                case "exp", "expm1" -> r.nextInt(-8, 3);       // |x| up to 1000
                case "cos", "sin" -> r.nextInt(-10, 23);       // up to 1e22: large reductions
                default -> r.nextInt(-40, 40);
            };
            Rational x = mantissa.multiply(pow10(e));
            if (f.equals("acos") || f.equals("asin")) {
                x = r.nextBoolean() ? Rational.ONE.subtract(x.min(Rational.ONE)) : x.min(Rational.ONE); // near 1 or near 0
                if (r.nextBoolean()) {
                    x = x.negate();
                }
            } else if (!f.equals("log") && !f.equals("sqrt") && !f.equals("pow") && r.nextBoolean()) {
                x = x.negate();
            }
            return x;
        });
    }

    private static Rational pow10(int e) {
        return Rational.parse("1e" + e);
    }

    private static <T> T apply(Arithmetic<T> a, String f, Rational x) {
        T v = a.of(x);
        return switch (f) {
            case "exp" -> a.exp(v);
            case "log" -> a.log(v);
            case "sqrt" -> a.sqrt(v);
            case "acos" -> a.acos(v);
            case "asin" -> a.asin(v);
            case "expm1" -> a.expm1(v);
            case "atan" -> a.atan(v);
            case "cos" -> a.cos(v);
            case "sin" -> a.sin(v);
            case "pow" -> a.pow(v, a.of(Rational.parse("-0.37")));
            default -> throw new IllegalArgumentException(f);
        };
    }

    private static Apfloat apfloat(String f, Rational x) {
        Apfloat v = new Apfloat(x.numerator(), 140).divide(new Apfloat(x.denominator(), 140));
        return switch (f) {
            case "exp" -> ApfloatMath.exp(v);
            case "log" -> ApfloatMath.log(v);
            case "sqrt" -> ApfloatMath.sqrt(v);
            case "acos" -> ApfloatMath.acos(v);
            case "asin" -> ApfloatMath.asin(v);
            case "expm1" -> ApfloatMath.exp(new Apfloat(x.numerator(), 400).divide(new Apfloat(x.denominator(), 400)))
                    .subtract(new Apfloat(1, 400)); // 400 digits: the subtraction cancels up to ~250 of them
            case "atan" -> ApfloatMath.atan(v);
            case "cos" -> ApfloatMath.cos(v);
            case "sin" -> ApfloatMath.sin(v);
            case "pow" -> ApfloatMath.pow(v, new Apfloat("-0.37", 140));
            default -> throw new IllegalArgumentException(f);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"exp", "expm1", "log", "sqrt", "acos", "asin", "atan", "cos", "sin", "pow"})
    void enclosuresNestAndDigitsAreCorrectlyRounded(String f) {
        qt().withFixedSeed(SEED + f.hashCode()).withExamples(500).forAll(arguments(f), longs().between(64, 300)).checkAssert((x, bits) -> {
            Enclosure fine = apply(FINE, f, x);
            Enclosure coarse = apply(new EnclosureArithmetic(bits.intValue()), f, x);
            assertTrue(coarse.contains(fine), () -> f + "(" + x + ") at " + bits + " bits: " + coarse + " misses " + fine);
            try {
                Enclosure fast = DoubleIntervalArithmetic.INSTANCE.toEnclosure(apply(DoubleIntervalArithmetic.INSTANCE, f, x));
                assertTrue(fast.contains(fine), () -> f + "(" + x + ") in doubles: " + fast + " misses " + fine);
            } catch (InsufficientPrecisionException e) {
                // the fast path may decline (then Ziv falls through); it must never be wrong
            }
            CertifiedDecimal twenty = Ziv.decimal(20, a -> toEnclosure(a, f, x));
            BigDecimal lo = round(fine.lo(), 20);
            assertEquals(0, lo.compareTo(round(fine.hi(), 20)), () -> "600 bits do not decide 20 digits of " + f + "(" + x + ")");
            assertEquals(0, lo.compareTo(new BigDecimal(twenty.text())), () -> f + "(" + x + ") = " + twenty + ", expected " + lo);
            BigDecimal independent = new BigDecimal(apfloat(f, x).toString(true)).round(APFLOAT_CHECK);
            assertTrue(withinApfloatsAccuracy(fine, independent), () -> f + "(" + x + "): Apfloat " + independent + " vs " + fine);
        });
    }

    private static boolean withinApfloatsAccuracy(Enclosure fine, BigDecimal independent) {
        // Apfloat's last digits are not guaranteed: accept a difference of 1e-108 relative
        BigDecimal mid = new BigDecimal(fine.midpoint().numerator()).divide(new BigDecimal(fine.midpoint().denominator()), new MathContext(130));
        return mid.subtract(independent).abs().compareTo(mid.abs().multiply(new BigDecimal("1e-108"))) <= 0;
    }

    private static Enclosure toEnclosure(Arithmetic<?> a, String f, Rational x) {
        return capture(a, f, x);
    }

    private static <T> Enclosure capture(Arithmetic<T> a, String f, Rational x) {
        return a.toEnclosure(apply(a, f, x));
    }

    private static BigDecimal round(Rational x, int digits) {
        return new BigDecimal(x.numerator()).divide(new BigDecimal(x.denominator()), new MathContext(digits));
    }
}
