package org.ropebounds.libm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

class LibmModelTest {

    @Test
    void labelsReadBack() {
        for (String text : List.of("correct", "faithful", "unbounded", "ulps:1", "ulps:4", "ulps:1@1e28", "abs:2^-21.41@pi", "abs:1e-6")) {
            assertEquals(text, LibmModel.parse(text).label(), text);
        }
        assertEquals("ulps:3", LibmModel.parse("  ULPS:3 ").label());
    }

    @Test
    void anAbsoluteErrorGivenAsAPowerOfTwoIsRoundedUp() {
        // errorUp >= 2^-21.41 exactly: errorUp^100 >= 2^-2141 (rational arithmetic on the double's exact value)
        double e = ((LibmModel.Absolute) LibmModel.parse("abs:2^-21.41")).errorUp();
        Rational up = Rational.of(new BigDecimal(e)).pow(100);
        assertTrue(up.compareTo(Rational.of(java.math.BigInteger.ONE, java.math.BigInteger.ONE.shiftLeft(2141))) >= 0);
        // and not by much: below 2^-21.40
        assertTrue(up.compareTo(Rational.of(java.math.BigInteger.ONE, java.math.BigInteger.ONE.shiftLeft(2140))) < 0);
        // a decimal is rounded up: the double nearest 0.3 is below it (0.29999999999999998889...), so the one after it;
        // the double nearest 0.1 is above it (0.1000000000000000055...), so itself
        assertEquals(Math.nextUp(0.3), ((LibmModel.Absolute) LibmModel.parse("abs:0.3")).errorUp());
        assertEquals(0.1, ((LibmModel.Absolute) LibmModel.parse("abs:0.1")).errorUp());
    }

    @Test
    void presetsHoldTheDocumentedBounds() {
        LibmModels glibc = LibmModels.parse("glibc");
        assertEquals("pow ulps:1, cos ulps:1, sin ulps:1", glibc.describe());
        assertEquals("pow ulps:1, cos ulps:1@1e28, sin ulps:1@1e28", LibmModels.parse("sleef-u10").describe());
        assertEquals("pow ulps:2, cos ulps:2, sin ulps:2", LibmModels.parse("cuda").describe());
        assertEquals("pow unbounded, cos abs:2^-21.19@pi, sin abs:2^-21.19@pi", LibmModels.parse("cuda-fast-math").describe());
        assertTrue(LibmModels.parse("correct").allCorrect());
        assertEquals("pow faithful, cos faithful, sin faithful", LibmModels.parse("faithful").describe());
        // one model with a range for all: pow (two arguments) gets no bound
        assertEquals("pow unbounded, cos abs:1e-6@pi, sin abs:1e-6@pi", LibmModels.parse("abs:1e-6@pi").describe());
        assertEquals("pow faithful, cos ulps:4, sin correct",
                LibmModels.CORRECT.with(LibmFunction.POW, LibmModel.FAITHFUL).with(LibmFunction.COS, LibmModel.parse("ulps:4")).describe());
    }

    @Test
    void badModelsAreRefusedNamingTheText() {
        for (String bad : List.of("ulps:0", "ulps:x", "ulps:1099511627777", "abs:0", "abs:-1", "abs:2^x", "abs:1e-6@-1", "abs:1e-6@pie", "", "cr")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> LibmModels.parse(bad), bad);
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().contains("accepted"), e.getMessage());
        }
        assertThrows(InvalidInputException.class, () -> new LibmModels(LibmModel.parse("ulps:1@pi"), LibmModel.CORRECT, LibmModel.CORRECT));
    }

    @Test
    void allowancesByHand() {
        double[] out = new double[2];
        Allowance faithful = LibmModel.FAITHFUL.in(Format.FP32);
        // exact result 1/3 (enclosed by its two fp32 neighbours' midpoint region): RD and RU of 1/3 in fp32
        double third = 1.0 / 3; // the double nearest 1/3, between the fp32 neighbours 0x1.555554p-2 and 0x1.555556p-2
        assertTrue(faithful.allow(third, third, 1, out));
        assertEquals(0x1.555554p-2, out[0]);
        assertEquals(0x1.555556p-2, out[1]);
        // ulps:2 around 1 in bf16: |r - 1| <= 2 * 2^-7: from 1 - 2^-6 = 0x1.f8p-1 (the binade below is twice as dense) to 1 + 2^-6
        Allowance two = LibmModel.parse("ulps:2").in(Format.BF16);
        assertTrue(two.allow(1, 1, 0, out));
        assertEquals(0x1.f8p-1, out[0]);
        assertEquals(1 + 0x1p-6, out[1]);
        // abs:2^-10@pi in fp16 at 0.5: [0.5 - 2^-10, 0.5 + 2^-10] (values of fp16), unbounded past pi
        Allowance abs = LibmModel.parse("abs:2^-10@pi").in(Format.FP16);
        assertTrue(abs.allow(0.5, 0.5, Math.PI, out));
        assertTrue(out[0] <= 0.5 - 0x1p-10 && out[0] > 0.5 - 0x1p-10 - 0x1p-11, Double.toString(out[0]));
        assertTrue(out[1] >= 0.5 + 0x1p-10 && out[1] < 0.5 + 0x1p-10 + 0x1p-10, Double.toString(out[1]));
        assertFalse(abs.allow(0.5, 0.5, Math.nextUp(Math.PI), out));
        assertFalse(LibmModel.UNBOUNDED.in(Format.FP32).allow(0, 0, 0, out));
    }

    @Test
    void exactAllowancesForPow() {
        Format f = Format.FP32;
        Rational third = Rational.of(java.math.BigInteger.ONE, java.math.BigInteger.valueOf(3));
        FloatValue[] faithful = LibmModel.FAITHFUL.allowExact(third, third, f).orElseThrow();
        assertEquals("0x1.555554p-2", faithful[0].toHexString());
        assertEquals("0x1.555556p-2", faithful[1].toHexString());
        FloatValue[] correct = LibmModel.CORRECT.allowExact(third, third, f).orElseThrow();
        assertEquals(correct[0], correct[1]);
        assertEquals("0x1.555556p-2", correct[0].toHexString()); // 1/3 = 0x1.5555555...p-2 rounds up
        assertEquals(Optional.empty(), LibmModel.UNBOUNDED.allowExact(third, third, f));
        assertThrows(InvalidInputException.class, () -> LibmModel.parse("abs:1").allowExact(third, third, f));
    }
}
