package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * asin's first atan table index j = floor(256 X / R) (proofs/ball-arithmetic.md section 11.3), found from a
 * double guess and settled by exact tests: against BigInteger's own quotient, at the quotients' edges (256 X a
 * multiple of R, and one unit either side), where the guess from truncated top bits falls on either side.
 */
class AsinReductionTest {
    @Test
    void firstIndexIsTheExactFloorAtTheEdges() {
        SplittableRandom random = new SplittableRandom(17);
        int checked = 0;
        for (int trial = 0; trial < 400; trial++) {
            int bits = 64 + random.nextInt(400);
            BigInteger r = new BigInteger(bits, new java.util.Random(random.nextLong())).setBit(bits - 1);
            long j = random.nextInt(257);
            // X with 256 X in {j R - 1, .., j R + R}: X = floor((j R + delta) / 256) for deltas at the edges
            for (BigInteger delta : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(255), BigInteger.valueOf(256),
                    r.subtract(BigInteger.ONE), r, r.add(BigInteger.valueOf(255)), BigInteger.valueOf(-1), BigInteger.valueOf(-256)}) {
                BigInteger x = r.multiply(BigInteger.valueOf(j)).add(delta).max(BigInteger.ZERO).shiftRight(8);
                long expected = x.shiftLeft(8).divide(r).longValueExact(); // the library's quotient, not ours
                assertEquals(expected, TableKernels.floorOf256Ratio(x, r), () -> "floor(256 " + x + " / " + r + ")");
                checked++;
            }
        }
        assertTrue(checked == 400 * 9);
    }

    @Test
    void smallOperandsToo() {
        for (long x = 0; x < 40; x++) {
            for (long r = 1; r < 40; r++) {
                assertEquals(256 * x / r, TableKernels.floorOf256Ratio(BigInteger.valueOf(x), BigInteger.valueOf(r)), x + "/" + r);
            }
        }
    }
}
