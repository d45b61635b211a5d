package org.ropebounds.format;

import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.quicktheories.core.Gen;

/**
 * Generators for property tests. Each draws a 64-bit seed from QuickTheories (which fixes and reports
 * the run's seed) and builds a value from it, so that edge cases (ties, binade edges, subnormals,
 * overflow) come up often rather than once in 2^52 draws.
 */
final class Gens {
    private Gens() {
    }

    /** Any double bit pattern, half of the time one within a few ulps of a float (or of a float tie). */
    static Gen<Double> doublesNearFloats() {
        return longs().all().map(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            if (r.nextInt(4) == 0) {
                return Double.longBitsToDouble(r.nextLong());
            }
            float f = Float.intBitsToFloat(r.nextInt());
            if (!Float.isFinite(f)) {
                f = Float.MAX_VALUE;
            }
            double d = f;
            double halfUlp = Math.ulp(f) / 2; // exact in double
            return switch (r.nextInt(6)) {
                case 0 -> d;
                case 1 -> d + halfUlp;                       // a tie
                case 2 -> d - halfUlp;
                case 3 -> Math.nextUp(d + halfUlp);           // just past a tie
                case 4 -> Math.nextDown(d + halfUlp);         // just before a tie
                default -> d + halfUlp * (r.nextDouble() * 2 - 1);
            };
        });
    }

    /** Any finite double, with the exponent drawn uniformly (so subnormals and huge values are common). */
    static Gen<Double> finiteDoubles() {
        return longs().all().map(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            long bits = (r.nextLong() & 0x800fffffffffffffL) | ((long) r.nextInt(0x7ff) << 52);
            return Double.longBitsToDouble(bits);
        });
    }

    /**
     * Exact rationals spread over {@code [2^(lo), 2^(hi)]} in magnitude, both signs: half are random
     * fractions n/d with up to 80-bit parts, half are dyadic values with 1-30 significant bits (ties
     * and exact values of small formats).
     */
    static Gen<Rational> rationals(int lo, int hi) {
        return longs().all().map(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int e = lo + r.nextInt(hi - lo + 1);
            Rational x;
            if (r.nextBoolean()) {
                BigInteger n = new BigInteger(1 + r.nextInt(80), new java.util.Random(r.nextLong())).add(BigInteger.ONE);
                BigInteger d = new BigInteger(1 + r.nextInt(80), new java.util.Random(r.nextLong())).add(BigInteger.ONE);
                x = Rational.of(n, d);
                // move into the binade 2^e
                long shift = e - x.floorLog2();
                x = x.multiply(BinaryRational.powerOfTwo(shift).toRational());
            } else {
                int bits = 1 + r.nextInt(30);
                BigInteger m = BigInteger.valueOf(r.nextLong() & ((1L << bits) - 1)).setBit(bits - 1);
                x = BinaryRational.of(m, e - bits + 1).toRational();
            }
            return r.nextBoolean() ? x.negate() : x;
        });
    }
}
