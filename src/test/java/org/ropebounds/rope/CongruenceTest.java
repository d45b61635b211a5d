package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The congruence solver against a scan of every x up to m (the answer, if any, is below m). */
class CongruenceTest {

    @Test
    void agreesWithAScan() {
        qt().withFixedSeed(0xC0261126L).withExamples(20_000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            long m = 1 + r.nextInt(r.nextBoolean() ? 64 : 5000);
            long a = r.nextLong(0, 3 * m);
            long b = r.nextLong(0, 3 * m);
            long t = r.nextLong(0, m);
            Optional<BigInteger> scan = Optional.empty();
            for (long x = 0; x < m; x++) {
                if (Math.floorMod(a * x + b, m) <= t) {
                    scan = Optional.of(BigInteger.valueOf(x));
                    break;
                }
            }
            assertEquals(scan, Congruence.first(BigInteger.valueOf(a), BigInteger.valueOf(b), BigInteger.valueOf(m), BigInteger.valueOf(t)),
                    () -> "a=" + a + " b=" + b + " m=" + m + " t=" + t);
        });
    }

    @Test
    void largeModuliTakeEuclidsSteps() {
        // a = m - 1: the residues fall by 1 each step from b; the first at or below t is x = b - t
        BigInteger m = BigInteger.ONE.shiftLeft(62);
        BigInteger b = BigInteger.valueOf(1_000_000_007L);
        assertEquals(Optional.of(b.subtract(BigInteger.TEN)), Congruence.first(m.subtract(BigInteger.ONE), b, m, BigInteger.TEN));
        // a = 2^61 + 1 and t = 0: x must make a x + b a multiple of 2^62
        BigInteger a = BigInteger.ONE.shiftLeft(61).add(BigInteger.ONE);
        BigInteger x = Congruence.first(a, BigInteger.valueOf(3), m, BigInteger.ZERO).orElseThrow();
        assertEquals(BigInteger.ZERO, a.multiply(x).add(BigInteger.valueOf(3)).mod(m));
    }
}
