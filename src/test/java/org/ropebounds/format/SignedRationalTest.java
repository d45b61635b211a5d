package org.ropebounds.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ropebounds.InvalidInputException;

class SignedRationalTest {

    @ParameterizedTest
    @ValueSource(strings = {"-0", "-0.0", " -0e7 ", "-0x0p+0", "-0x0.0p-3", "-0/3", "-.0", "-0."})
    void negativeZeroesAreRead(String text) {
        SignedRational x = SignedRational.parse(text);
        assertTrue(x.isNegativeZero(), text);
        assertTrue(x.value().isZero());
        assertEquals("-0", x.toString());
        assertEquals(x, SignedRational.parse(x.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "+0", "0.0", "0x0p+0", "0/5"})
    void positiveZeroesStayPositive(String text) {
        SignedRational x = SignedRational.parse(text);
        assertFalse(x.negative());
        assertFalse(x.isNegativeZero());
        assertEquals("0", x.toString());
    }

    @Test
    void nonZeroValuesCarryTheirOwnSign() {
        SignedRational x = SignedRational.parse("-1.5");
        assertTrue(x.negative());
        assertFalse(x.isNegativeZero());
        assertEquals(Rational.of(BigInteger.valueOf(-3), BigInteger.TWO), x.value());
        assertThrows(IllegalArgumentException.class, () -> new SignedRational(Rational.ONE, true));
        assertThrows(IllegalArgumentException.class, () -> new SignedRational(Rational.ONE.negate(), false));
        assertThrows(InvalidInputException.class, () -> SignedRational.parse("-nan"));
    }

    @Test
    void negativeZeroRoundsToTheSignBitAlone() {
        // IEEE 754 binary formats: -0 is the sign bit with all other bits zero
        assertEquals(BigInteger.ONE.shiftLeft(15), round(Format.BF16));
        assertEquals(BigInteger.ONE.shiftLeft(15), round(Format.FP16));
        assertEquals(BigInteger.ONE.shiftLeft(31), round(Format.FP32));
        assertEquals(BigInteger.valueOf(Double.doubleToRawLongBits(-0.0)).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)),
                round(Format.FP64));
        for (RoundingMode m : RoundingMode.values()) {
            Rounded r = Format.BF16.round(SignedRational.parse("-0"), m, OverflowPolicy.INFINITY);
            assertEquals(0, r.ternary());
            assertEquals("-0x0p+0", r.value().toHexString());
            assertEquals("-0", r.value().toDecimalString());
        }
        assertEquals(BigInteger.ZERO, Format.BF16.round(SignedRational.parse("0"), RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY)
                .value().bits());
    }

    @Test
    void roundingReportOfNegativeZero() {
        RoundingReport r = RoundingReport.of(SignedRational.parse("-0"), Format.BF16, RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY);
        assertEquals("-0x0p+0", r.below().toHexString());
        assertEquals("-0x0p+0", r.above().toHexString());
        assertEquals(Rational.ZERO, r.error().orElseThrow());
    }

    @Test
    void textArraysReadHexNegativeZeroAsNegative() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(new FormatDoubles(Format.BF16).parse("-0x0p+0")));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(new FormatDoubles(Format.BF16).parse("-0")));
        assertEquals(0L, Double.doubleToRawLongBits(new FormatDoubles(Format.BF16).parse("0x0p+0")));
    }

    private static BigInteger round(Format f) {
        return f.round(SignedRational.parse("-0"), RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).value().bits();
    }
}
