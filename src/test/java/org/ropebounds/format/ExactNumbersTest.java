package org.ropebounds.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import org.apfloat.Apfloat;
import org.apfloat.Apint;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ropebounds.InvalidInputException;

/** Parsing and printing of exact numbers; expected values derived by hand in the comments. */
class ExactNumbersTest {

    private static Rational q(long n, long d) {
        return Rational.of(BigInteger.valueOf(n), BigInteger.valueOf(d));
    }

    @ParameterizedTest
    @CsvSource({
        "0.1,             1,   10",
        "-1.5e-7,        -3,   20000000",
        "15962,           15962, 1",
        "+2.50,           5,   2",
        ".5,              1,   2",
        "5.,              5,   1",
        "1E3,             1000, 1",
        "0x1.8p-3,        3,   16",   // 1.5 / 8
        "-0x1p+10,       -1024, 1",
        "0X.8P1,          1,   1",    // 0.5 * 2
        "0x10,            16,  1",    // no exponent: an integer in hex
        "0x1.fffffep+127, 340282346638528859811704183484516925440, 1",
        "0,               0,   1",
        "-0.000,          0,   1",
    })
    void parsesExactValues(String text, String num, String den) {
        assertEquals(Rational.of(new BigInteger(num), new BigInteger(den)), Rational.parse(text));
    }

    @Test
    void parsesLongDecimalsExactly() {
        assertEquals(Rational.of(new BigInteger("123456789012345678901234567890"), BigInteger.ONE),
                Rational.parse("123456789012345678901234567890"));
        assertEquals(Rational.of(BigInteger.ONE, BigInteger.TEN.pow(30)), Rational.parse("1e-30"));
        String forty = "0." + "3".repeat(40);
        assertEquals(Rational.of(new BigInteger("3".repeat(40)), BigInteger.TEN.pow(40)), Rational.parse(forty));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "1e", "0x", "0xp3", "1.2.3", "--1", "1e+-3", "inf", "-Infinity", "NaN",
        "1e99999999999", "1e100001", "0x1p1000001", "1,5", "0x1.8q3", "1e-99999999999999999999999"})
    void refusesWhatIsNotAFiniteNumber(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Rational.parse(text));
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getMessage().contains("'" + text.strip() + "'"), e.getMessage());
    }

    @Test
    void parsesFractionsAsToStringWritesThem() {
        assertEquals(q(1, 3), Rational.parse("1/3"));
        assertEquals(q(-3, 2), Rational.parse("-6/4")); // reduced: -6/4 = -3/2
        assertEquals(q(5, 1), Rational.parse(" +10/2 "));
        assertEquals(Rational.ZERO, Rational.parse("-0/7"));
        // toString writes n/d in lowest terms with the sign on n, or n alone for an integer
        for (Rational x : new Rational[] {q(1, 3), q(-22, 7), q(7, 1), q(-1, 1L << 40), Rational.ZERO,
                Rational.of(BigInteger.TEN.pow(40).add(BigInteger.ONE), BigInteger.valueOf(3).pow(50))}) {
            assertEquals(x, Rational.parse(x.toString()), x.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1/0", "-5/000", "1/-3", "1.5/2", "1/2.5", "1/", "/3", "1//3", "1/3/5", "0x1/3", "1 / 3"})
    void refusesWhatIsNotAFractionOfIntegers(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Rational.parse(text));
        assertTrue(e.getMessage().contains("'" + text.strip() + "'"), e.getMessage());
    }

    @Test
    void refusesHugeTextQuickly() {
        String huge = "1".repeat(Rational.MAX_TEXT_LENGTH + 1);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Rational.parse(huge));
            assertTrue(e.getMessage().contains("too long"), e.getMessage());
        });
    }

    @Test
    void binaryRationalsAreNormalizedAndExact() {
        BinaryRational x = BinaryRational.of(BigInteger.valueOf(12), 0); // 12 = 3 * 2^2
        assertEquals(BigInteger.valueOf(3), x.significand());
        assertEquals(2, x.exponent());
        assertEquals(BinaryRational.of(3), BinaryRational.ofDouble(3.0));
        assertEquals(BinaryRational.powerOfTwo(-1074), BinaryRational.ofDouble(Double.MIN_VALUE));
        assertEquals(BinaryRational.ZERO, BinaryRational.ofDouble(-0.0));
        assertEquals(BinaryRational.of(BigInteger.valueOf(13421773), -27), BinaryRational.ofFloat(0.1f)); // 0x1.99999ap-4
        assertEquals(q(7, 4), BinaryRational.of(BigInteger.valueOf(7), -2).toRational());
        assertEquals(BinaryRational.of(5).add(BinaryRational.powerOfTwo(-3)), BinaryRational.of(BigInteger.valueOf(41), -3));
        assertEquals(-1, BinaryRational.of(1).compareTo(BinaryRational.of(BigInteger.valueOf(3), -1)));
        assertEquals(-2, BinaryRational.of(BigInteger.valueOf(3), -1).floorLog2() - 2); // log2 1.5 -> 0
        assertThrows(IllegalArgumentException.class, () -> BinaryRational.ofDouble(Double.NaN));
        assertThrows(ArithmeticException.class, () -> q(1, 3).toBinaryRational());
    }

    @ParameterizedTest
    @CsvSource({
        "0x1.f2p+13,   15936",
        "0x1p-1,       0.5",
        "-0x1.8p+0,    -1.5",
        "0x1.99999ap-4, 0.100000001490116119384765625",
    })
    void hexAndExactDecimalForms(String hex, String decimal) {
        BinaryRational x = Rational.parse(decimal).toBinaryRational();
        assertEquals(hex, x.toHexString());
        assertEquals(decimal, x.toDecimalString());
    }

    @Test
    void hexFormMatchesJavaForNormalDoubles() {
        // Java prints 0x1.0p0 where C99 prints 0x1p+0; compare the values both strings denote
        for (double d : new double[] {1.0, 0.1, -123.456, Double.MAX_VALUE, Math.PI, 1e-300}) {
            assertEquals(BinaryRational.ofDouble(d), Rational.parse(BinaryRational.ofDouble(d).toHexString()).toBinaryRational());
            assertEquals(BinaryRational.ofDouble(d), Rational.parse(Double.toHexString(d)).toBinaryRational());
        }
        assertEquals("0x1.921fb54442d18p+1", BinaryRational.ofDouble(Math.PI).toHexString()); // Double.toHexString: 0x1.921fb54442d18p1
    }

    @Test
    void correctlyRoundedDecimalDigits() {
        BinaryRational max32 = Format.FP32.maxFinite(); // 340282346638528859811704183484516925440
        assertEquals("3.40282e+38", max32.toDecimalString(6));
        assertEquals("3.4028235e+38", max32.toDecimalString(8));
        assertEquals("6.55040e+4", BinaryRational.of(65504).toDecimalString(6));
        assertEquals("1e+1", BinaryRational.of(BigInteger.valueOf(39), -2).toDecimalString(1)); // 9.75 -> 1e+1
        assertEquals("-1.2e+0", BinaryRational.of(BigInteger.valueOf(-5), -2).toDecimalString(2)); // -1.25: tie to even
        assertEquals("0", BinaryRational.ZERO.toDecimalString(3));
    }

    @Test
    void apfloatConversionsAreExact() {
        assertEquals(q(1, 10), Rational.of(new Apfloat("0.1")));
        assertEquals(q(-12345, 100), Rational.of(new Apfloat("-123.45")));
        assertEquals(q(1000, 1), Rational.of(new Apfloat("1e3")));
        assertEquals(q(5, 8), Rational.of(new Apfloat("0.101", Apfloat.INFINITE, 2))); // binary 0.101
        assertEquals(q(1, 3), Rational.of(new Aprational(new Apint(1), new Apint(3))));
        assertEquals(q(7, 3), Rational.of(q(7, 3).toAprational()));
        assertEquals(q(-3, 16), Rational.of(BinaryRational.of(BigInteger.valueOf(-3), -4).toAprational()));
    }

    @Test
    void floorLog2IsExact() {
        assertEquals(0, Rational.ONE.floorLog2());
        assertEquals(-1, q(999, 1000).floorLog2());
        assertEquals(-4, q(1, 10).floorLog2()); // 1/16 <= 0.1 < 1/8
        assertEquals(3, q(-15, 1).floorLog2());
        assertEquals(-100, Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(100)).floorLog2());
    }
}
