package org.ropebounds.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;

/** Reading numbers into a format and counting ulps, against values derived by hand. */
class FormatDoublesTest {
    private final FormatDoubles fp32 = Format.FP32.doubles();
    private final FormatDoubles bf16 = Format.BF16.doubles();
    private final FormatDoubles fp64 = new FormatDoubles(Format.FP64);

    @Test
    void decimalsRoundToNearestEvenEvenWhenTheDoubleIsAMidpoint() {
        // bf16 spacing at [256, 512) is 2: 257 is a tie and goes to the even significand, 256
        assertEquals(256.0, bf16.parse("257"));
        assertEquals(260.0, bf16.parse("259")); // tie between 258 and 260: 260 = 1.00000100b * 2^8 has the even last bit
        // 257 + 1e-30 reads as the double 257 (a midpoint); the decimal itself is above it, so 258
        assertEquals(258.0, bf16.parse("257.000000000000000000000000000001"));
        assertEquals(256.0, bf16.parse("256.999999999999999999999999999999"));
        // fp32: 0.1 is 0x1.99999ap-4 (13421773 * 2^-27)
        assertEquals(13421773 * 0x1p-27, fp32.parse("0.1"));
        assertEquals(13421773 * 0x1p-27, fp32.parse(" 1.00000001490116119384765625E-1 "));
        assertEquals(-0.0, fp32.parse("-0"));
        assertEquals(1 / -0.0, 1 / fp32.parse("-0.0"));
        assertEquals(Double.POSITIVE_INFINITY, fp32.parse("1e39"));
        assertEquals(Double.POSITIVE_INFINITY, fp32.parse("inf"));
        assertTrue(Double.isNaN(fp32.parse("nan")));
    }

    @Test
    void hexFloatsMustBeExact() {
        assertEquals(1.5, bf16.parse("0x1.8p0"));
        assertEquals(0x1.921fb6p+1, fp32.parse("0x1.921fb6p+1"));
        assertThrows(InvalidInputException.class, () -> bf16.parse("0x1.01p0")); // 9 significant bits
        assertThrows(InvalidInputException.class, () -> fp32.parse("1.5f"));
        assertThrows(InvalidInputException.class, () -> fp32.parse("1,5"));
        assertThrows(InvalidInputException.class, () -> fp32.parse("e5"));
        assertThrows(InvalidInputException.class, () -> fp32.parse("1e"));
        assertThrows(InvalidInputException.class, () -> fp32.parse(""));
        assertThrows(InvalidInputException.class, () -> new FormatDoubles(Format.FP8_E4M3).parse("inf"));
    }

    @Test
    void ulpDistancesCountTheValuesBetween() {
        assertEquals(0, fp32.ulpDistance(0.0, -0.0));
        assertEquals(1, fp32.ulpDistance(1.0, Math.nextUp(1.0f)));
        assertEquals(1, fp32.ulpDistance(1.0, Math.nextDown(1.0f)));
        assertEquals(2, fp32.ulpDistance(Float.MIN_VALUE, -Float.MIN_VALUE)); // across zero: +min, 0, -min
        assertEquals(1, fp32.ulpDistance(Float.MAX_VALUE, Double.POSITIVE_INFINITY));
        // bf16 between 1 and 2: 128 values apart (7 fraction bits)
        assertEquals(128, bf16.ulpDistance(1.0, 2.0));
        // 0x3f80 (1.0) to 0xbf80 (-1.0): 0x3f80 steps down to 0, then 0x3f80 steps up
        assertEquals(2L * 0x3f80, bf16.ulpDistance(1.0, -1.0));
        // fp64: -max to +max is 2 * 0x7fefffffffffffff, more than a signed long holds
        long d = fp64.ulpDistance(-Double.MAX_VALUE, Double.MAX_VALUE);
        assertEquals("18437736874454810622", Long.toUnsignedString(d));
        assertEquals("0x7f7fffff", fp32.bitsHex(Float.MAX_VALUE));
        assertEquals("0x3f80", bf16.bitsHex(1.0));
    }

    @Test
    void formatsWhoseValuesAreNotDoublesAreRefused() {
        assertThrows(InvalidInputException.class, () -> new FormatDoubles(Format.parse("p=60,emin=-1022,emax=1023")));
        assertThrows(InvalidInputException.class, () -> new FormatDoubles(Format.parse("p=24,emin=-2000,emax=127")));
        assertThrows(InvalidInputException.class, () -> Format.parse("p=53,emin=-1022,emax=1024").doubles());
    }

    @Test
    void theViewIsOnePerFormat() {
        assertSame(Format.FP32.doubles(), Format.FP32.doubles());
        assertSame(Format.BF16, Format.BF16.doubles().format());
        assertEquals(fp64.bitsHex(1.0), Format.FP64.doubles().bitsHex(1.0));
    }

    @Test
    void valuesAreDoublesIsNotTheSameQuestionAsRoundToBits() {
        for (Format f : Format.standard()) {
            assertTrue(f.valuesAreDoubles(), f.name());
            assertTrue(f.supportsRoundToBits(), f.name());
        }
        // emin = -2000 is below fp64's -1022, so 2^-2000 is a value and not a double; the exponent field
        // holds 127 + 2000 + 3 = 2130 codes in 12 bits, so the encoding has 1 + 12 + 23 = 36 bits <= 64
        Format wide = Format.parse("p=24,emin=-2000,emax=127");
        assertEquals(36, wide.encodingBits());
        assertFalse(wide.valuesAreDoubles());
        assertTrue(wide.supportsRoundToBits());
        assertThrows(UnsupportedOperationException.class, () -> wide.toDouble(1));
        // emax = 1024: 1024 + 1022 + 3 = 2049 codes need 12 bits, so 1 + 12 + 52 = 65 bits: neither
        Format over = Format.parse("p=53,emin=-1022,emax=1024");
        assertEquals(65, over.encodingBits());
        assertFalse(over.valuesAreDoubles());
        assertFalse(over.supportsRoundToBits());
        // p = 54 > 53 with fp64's exponents: neither either
        assertFalse(Format.parse("p=54,emin=-1022,emax=1023").valuesAreDoubles());
        assertFalse(Format.parse("p=54,emin=-1022,emax=1023").supportsRoundToBits());
        // the widest exponent range inside fp64's with p = 53 is fp64 itself: values are doubles, 64 bits
        assertTrue(Format.parse("p=53,emin=-1022,emax=1023").valuesAreDoubles());
        assertTrue(Format.parse("p=12,emin=-1022,emax=1").valuesAreDoubles());
    }
}
