package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;

/**
 * The tables written out for a fast start (issue 17) are what their definitions give: {@link InverseFactorials}
 * against 1/n! in exact rationals, and {@link Roots#isSquareMod45045} against every square mod 45045 listed by brute force.
 */
class InverseFactorialsTest {
    private static Rational exact(double x) {
        return Rational.of(new BigDecimal(x));
    }

    private static void assertBits(double want, double got, String name) {
        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), name + ": want " + Double.toHexString(want)
                + ", written " + Double.toHexString(got));
    }

    @Test
    void everyEntryIsTheDoubleDoubleOfOneOverNFactorialWithItsErrorRoundedUp() {
        assertEquals(InverseFactorials.TERMS + 1, InverseFactorials.HI.length);
        assertEquals(InverseFactorials.TERMS + 1, InverseFactorials.LO.length);
        assertEquals(InverseFactorials.TERMS + 1, InverseFactorials.ERR.length);
        BigInteger factorial = BigInteger.ONE;
        for (int n = 0; n <= InverseFactorials.TERMS; n++) {
            if (n > 0) {
                factorial = factorial.multiply(BigInteger.valueOf(n));
            }
            Rational f = Rational.of(BigInteger.ONE, factorial);
            double hi = f.toDouble(RoundingMode.NEAREST_EVEN);
            Rational rest = f.subtract(exact(hi));
            double lo = rest.toDouble(RoundingMode.NEAREST_EVEN);
            Rational err = rest.subtract(exact(lo)).abs();
            double errUp = err.toDouble(RoundingMode.TOWARD_POSITIVE);
            assertBits(hi, InverseFactorials.HI[n], "HI[" + n + "]");
            assertBits(lo, InverseFactorials.LO[n], "LO[" + n + "]");
            assertBits(errUp, InverseFactorials.ERR[n], "ERR[" + n + "]");
            Rational written = exact(InverseFactorials.HI[n]).add(exact(InverseFactorials.LO[n]));
            assertTrue(f.subtract(written).abs().compareTo(exact(InverseFactorials.ERR[n])) <= 0, "ERR[" + n + "] bounds the rest");
        }
        // by hand: 1/0! = 1/1! = 1 and 1/2! = 1/2 are exact doubles; 1/3! = 1/6 is not
        assertBits(1.0, InverseFactorials.HI[1], "1/1!");
        assertBits(0.5, InverseFactorials.HI[2], "1/2!");
        assertBits(0.0, InverseFactorials.ERR[2], "1/2! is exact");
        assertTrue(InverseFactorials.LO[3] != 0, "1/6 has a trailing part");
    }

    @Test
    void squaresMod45045AreExactlyTheResiduesOfSquares() {
        BitSet squares = new BitSet(45045);
        for (long i = 0; i < 45045; i++) {
            squares.set((int) (i * i % 45045));
        }
        for (int r = 0; r < 45045; r++) {
            assertEquals(squares.get(r), Roots.isSquareMod45045(r), "residue " + r);
        }
        // by hand: 2 is no square mod 5 (squares 0, 1, 4), so neither mod 45045; 4 = 2^2 is
        assertTrue(!Roots.isSquareMod45045(2) && Roots.isSquareMod45045(4), "2 and 4");
    }
}
