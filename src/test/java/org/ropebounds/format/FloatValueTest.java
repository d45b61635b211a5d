package org.ropebounds.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values of formats: specials, steps, ulp and printing. Expected values derived by hand. */
class FloatValueTest {

    private static FloatValue value(Format f, String x) {
        return f.round(Rational.parse(x), RoundingMode.NEAREST_EVEN).value();
    }

    @Test
    void stepsThroughSpecialsLikeIeeeNextUp() {
        FloatValue max = value(Format.FP16, "65504");
        assertTrue(max.nextUp().isInfinite());
        assertEquals("65472", max.nextDown().toDecimalString()); // 65504 - 32
        assertTrue(value(Format.FP8_E4M3, "448").nextUp().isNaN()); // the next pattern, 0x7f, is NaN
        FloatValue negativeZero = Format.FP16.round(Rational.parse("-1e-30"), RoundingMode.NEAREST_EVEN).value();
        assertEquals("-0x0p+0", negativeZero.toHexString());
        assertEquals("0x1p-24", negativeZero.nextUp().toHexString());
        assertEquals("-0x1p-24", negativeZero.nextDown().toHexString());
        assertEquals("-0x0p+0", value(Format.FP16, "-0x1p-24").nextUp().toHexString());
        FloatValue inf = Format.FP16.fromBits(0x7c00);
        assertEquals(inf, inf.nextUp());
        assertEquals("0x1.ffcp+15", inf.nextDown().toHexString());
    }

    @ParameterizedTest
    @CsvSource({
        // format, value, shortest round-trip decimal (ECMAScript layout)
        "fp32, 0.1,            0.1",
        "fp32, 16777217,       16777216",      // 2^24 + 1 rounds to 2^24 (tie to even)
        "fp32, 0x1p-149,       1e-45",          // 1.4012984...e-45: one digit suffices
        "fp64, 0x1p-1074,      5e-324",
        "fp64, 0x1p+398,       6.455624695217272e+119", // ...2714... does not round-trip (lopsided interval at 2^398)
        "bf16, 15962,          15940",          // 15936: every decimal in (15904, 15968) rounds to it
        "fp16, 65504,          65500",
        "fp8-e4m3, 448,        450",
        "fp64, 1e21,           1e+21",
        "fp64, 123456789012345678, 123456789012345680",
        "fp64, 0.000001,       0.000001",
        "fp64, 0.0000001,      1e-7",
    })
    void shortestRoundTripDecimals(String format, String x, String expected) {
        assertEquals(expected, value(Format.parse(format), x).toShortestDecimal());
    }

    @Test
    void ulpOfValuesIsGoldbergs() {
        assertEquals(BinaryRational.powerOfTwo(-23), value(Format.FP32, "1").ulp());
        assertEquals(BinaryRational.powerOfTwo(-149), value(Format.FP32, "0").ulp());
        assertEquals(BinaryRational.powerOfTwo(104), value(Format.FP32, "0x1.fffffep+127").ulp());
        assertThrows(ArithmeticException.class, () -> Format.FP32.fromBits(0x7f800000L).ulp());
    }

    @Test
    void printsSpecials() {
        assertEquals("inf", Format.FP32.fromBits(0x7f800000L).toHexString());
        assertEquals("-inf", Format.FP32.fromBits(0xff800000L).toDecimalString());
        assertEquals("nan", Format.FP32.fromBits(0x7fc00001L).toHexString());
        assertEquals("0x7fc00000", Format.FP32.fromBits(0x7fc00001L).bitsHex());
        assertEquals("-0", Format.FP32.fromBits(0x80000000L).toShortestDecimal());
        assertEquals("0x80", Format.FP8_E5M2.fromBits(0x80).bitsHex());
    }
}
