package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.BinaryRational;

/** The horizons' ceil(x / f) on significands and exponents against exact rational division, rounded up and saturated. */
class CeilDivTest {

    private static long exact(BinaryRational x, BinaryRational f) {
        return x.toRational().divide(f.toRational()).ceil().min(BigInteger.valueOf(Long.MAX_VALUE / 2)).longValueExact();
    }

    @Test
    void agreesWithExactDivision() {
        SplittableRandom random = new SplittableRandom(11);
        for (int k = 0; k < 20_000; k++) {
            BinaryRational x = k % 97 == 0 ? BinaryRational.ZERO
                    : BinaryRational.of(BigInteger.valueOf(1 + random.nextLong(1L << random.nextInt(1, 60))), random.nextInt(-200, 200));
            BinaryRational f = BinaryRational.of(BigInteger.valueOf(1 + random.nextLong(1L << random.nextInt(1, 60))), random.nextInt(-200, 200));
            assertEquals(exact(x, f), CollisionHorizons.ceilDiv(x, f), () -> "ceil(" + x + " / " + f + ")");
        }
        // exact quotients, quotients just above an integer, and the saturation point
        assertEquals(3, CollisionHorizons.ceilDiv(BinaryRational.of(12), BinaryRational.of(4)));
        assertEquals(4, CollisionHorizons.ceilDiv(BinaryRational.of(13), BinaryRational.of(4)));
        assertEquals(Long.MAX_VALUE / 2, CollisionHorizons.ceilDiv(BinaryRational.powerOfTwo(62), BinaryRational.powerOfTwo(-10)));
        assertEquals(Long.MAX_VALUE / 2, CollisionHorizons.ceilDiv(BinaryRational.powerOfTwo(62), BinaryRational.ONE));
        assertEquals(1L << 61, CollisionHorizons.ceilDiv(BinaryRational.powerOfTwo(61), BinaryRational.ONE));
    }
}
