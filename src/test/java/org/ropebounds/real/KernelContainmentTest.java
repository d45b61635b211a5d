package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.ropebounds.format.Rational;

/**
 * The kernels' raw intervals, before the working-precision rounding that would hide a small error in
 * them: an interval computed with few guard bits must contain the one computed with 800 bits. A
 * missing tail bound or a rounding in the wrong direction makes the coarse interval miss the exact
 * value by a few units of its last place, which these tests see.
 */
class KernelContainmentTest {

    private static final long SEED = 0x4b45_524eL;

    /** Rationals in (0, 4) with up to 60-bit numerators, and small precisions. */
    private static Gen<long[]> cases() {
        return longs().all().map(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            return new long[] {r.nextLong(1, 1L << 60), r.nextInt(0, 62), r.nextInt(20, 120), r.nextBoolean() ? 1 : -1};
        });
    }

    private static Rational x(long[] c) {
        return Rational.of(BigInteger.valueOf(c[0] * c[3]), BigInteger.ONE.shiftLeft((int) c[1])).multiply(Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(58)));
    }

    @Test
    void exp() {
        qt().withFixedSeed(SEED).withExamples(2000).forAll(cases()).checkAssert(c -> {
            Rational x = x(c);
            Enclosure coarse = Kernels.exp(x, (int) c[2]);
            Enclosure fine = Kernels.exp(x, 800);
            assertTrue(coarse.contains(fine), () -> "exp(" + x + ") at " + c[2] + ": " + coarse + " misses " + fine);
        });
    }

    @Test
    void log() {
        qt().withFixedSeed(SEED).withExamples(2000).forAll(cases()).checkAssert(c -> {
            Rational x = x(c).abs();
            Enclosure coarse = Kernels.log(x, (int) c[2]).toEnclosure();
            Enclosure fine = Kernels.log(x, 800).toEnclosure();
            assertTrue(coarse.contains(fine), () -> "log(" + x + ") at " + c[2] + ": " + coarse + " misses " + fine);
        });
    }

    @Test
    void atanAcosAsin() {
        qt().withFixedSeed(SEED).withExamples(2000).forAll(cases()).checkAssert(c -> {
            Rational x = x(c);
            Enclosure coarse = Kernels.atan(x, (int) c[2]).toEnclosure();
            Enclosure fine = Kernels.atan(x, 800).toEnclosure();
            assertTrue(coarse.contains(fine), () -> "atan(" + x + ") at " + c[2] + ": " + coarse + " misses " + fine);
            Rational y = x.abs().compareTo(Rational.ONE) <= 0 ? x : x.reciprocal();
            Enclosure coarseAcos = Kernels.acos(y, (int) c[2]).toEnclosure();
            Enclosure fineAcos = Kernels.acos(y, 800).toEnclosure();
            assertTrue(coarseAcos.contains(fineAcos), () -> "acos(" + y + ") at " + c[2] + ": " + coarseAcos + " misses " + fineAcos);
            Enclosure coarseAsin = Kernels.asin(y, (int) c[2]).toEnclosure();
            Enclosure fineAsin = Kernels.asin(y, 800).toEnclosure();
            assertTrue(coarseAsin.contains(fineAsin), () -> "asin(" + y + ") at " + c[2] + ": " + coarseAsin + " misses " + fineAsin);
        });
    }

    @Test
    void cosAndSin() {
        qt().withFixedSeed(SEED).withExamples(2000).forAll(cases()).checkAssert(c -> {
            Rational x = x(c).multiply(Rational.of(BigInteger.ONE.shiftLeft((int) (c[0] % 40)), BigInteger.ONE)); // up to 2^42
            FixedInterval[] coarse = Kernels.cosSin(x, (int) c[2]);
            FixedInterval[] fine = Kernels.cosSin(x, 800);
            for (int k = 0; k < 2; k++) {
                Enclosure a = coarse[k].toEnclosure();
                Enclosure b = fine[k].toEnclosure();
                String name = k == 0 ? "cos" : "sin";
                assertTrue(a.contains(b), () -> name + "(" + x + ") at " + c[2] + ": " + a + " misses " + b);
            }
        });
    }

    @Test
    void constants() {
        Enclosure pi = Kernels.pi(800).toEnclosure();
        Enclosure ln2 = Kernels.ln2(800).toEnclosure();
        for (int w = 20; w < 300; w++) {
            assertTrue(Kernels.pi(w).toEnclosure().contains(pi), "pi at " + w);
            assertTrue(Kernels.ln2(w).toEnclosure().contains(ln2), "ln2 at " + w);
        }
    }
}
