package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Format;

/**
 * {@link CollisionHorizons#collides}'s decision in doubles (proofs/collision-horizons.md, section 2, "in doubles"):
 * cases worked out by hand where each guard matters, and agreement with the exact rational rounding
 * ({@link CollisionHorizons#collidesExactly}, {@code Format.round}) over many products.
 */
class CollidesInDoublesTest {

    @Test
    void anInexactProductIsNotRoundedTwice() {
        // f = 3, ph = bf16 (8 bits); x = 3p = 265 * 2^45 + 1 lies in [2^53, 2^54), where doubles are 2 apart and bf16
        // values 2^46 apart. x is odd: RN_64(x) is a tie between 265 * 2^45 (even in units of 2) and 265 * 2^45 + 2,
        // so the double product is 265 * 2^45 = (132 + 1/2) 2^46, a bf16 midpoint whose tie goes to the even 132 * 2^46.
        // Exactly, x is above the midpoint: RN(x) = 133 * 2^46, and RN(x + 3) = RN(265 * 2^45 + 4) = 133 * 2^46: they
        // collide. Rounding the double product instead gives 132 * 2^46 against 133 * 2^46: no collision.
        BigInteger x = BigInteger.valueOf(265).shiftLeft(45).add(BigInteger.ONE);
        assertEquals(BigInteger.ZERO, x.mod(BigInteger.valueOf(3)));
        long p = x.divide(BigInteger.valueOf(3)).longValueExact();
        BinaryRational three = BinaryRational.of(3);
        assertTrue(CollisionHorizons.collides(three, p, Format.BF16));
        assertTrue(CollisionHorizons.collidesExactly(three, p, Format.BF16));
    }

    @Test
    void exactProductsByHand() {
        BinaryRational three = BinaryRational.of(3);
        // 3 and 6 are bf16 values: distinct
        assertEquals(false, CollisionHorizons.collides(three, 1, Format.BF16));
        // 3 * 1024 = 3072 = 192 * 16 and 3075 -> 192 * 16 (bf16's quantum in [2048, 4096) is 2^(11 - 7) = 16): equal,
        // though the products differ (so fp64's shortcut, "equal doubles", must not be taken for bf16)
        assertEquals(true, CollisionHorizons.collides(three, 1024, Format.BF16));
        // in fp64 the same products are exact and distinct
        assertEquals(false, CollisionHorizons.collides(three, 1024, Format.FP64));
        // fp64, an inexact product: f = 1 + 2^-52 and p = 2^52 - 1 give p f = 2^52 - 1 + 1 - 2^-52 = 2^52 - 2^-52, which
        // rounds to 2^52 (doubles are 1/2 apart below 2^52); (p + 1) f = 2^52 + 1 is a double: distinct
        BinaryRational onePlus = BinaryRational.of(BigInteger.ONE.shiftLeft(52).add(BigInteger.ONE), -52);
        assertEquals(false, CollisionHorizons.collides(onePlus, (1L << 52) - 1, Format.FP64));
    }

    @Test
    void overflowIsLeftToTheExactRounding() {
        // fp8-e4m3 has no infinity: 448 * 2 = 896 and 448 * 3 = 1344 both round to NaN, which the exact rounding
        // calls equal values; doubles would say NaN != NaN
        BinaryRational max = BinaryRational.of(448);
        assertEquals(CollisionHorizons.collidesExactly(max, 2, Format.FP8_E4M3), CollisionHorizons.collides(max, 2, Format.FP8_E4M3));
        assertEquals(CollisionHorizons.collidesExactly(max, 1, Format.FP8_E4M3), CollisionHorizons.collides(max, 1, Format.FP8_E4M3));
        // fp16: 65504 * 2 overflows to infinity in both; the exact rounding decides
        BinaryRational fp16Max = BinaryRational.of(65504);
        assertEquals(CollisionHorizons.collidesExactly(fp16Max, 2, Format.FP16), CollisionHorizons.collides(fp16Max, 2, Format.FP16));
    }

    @Test
    void agreesWithExactRounding() {
        SplittableRandom rnd = new SplittableRandom(17);
        int disagreements = 0;
        int collisions = 0;
        for (Format ph : List.of(Format.FP64, Format.FP32, Format.TF32, Format.FP16, Format.BF16, Format.FP8_E4M3, Format.FP8_E5M2)) {
            for (int n = 0; n < 400; n++) {
                // f: a value of ph (a random significand of its precision, an exponent within its normal range), or of more bits
                int bits = n % 5 == 0 ? Math.min(53, ph.precision() + 1 + rnd.nextInt(20)) : 1 + rnd.nextInt(ph.precision());
                BigInteger m = BigInteger.valueOf(rnd.nextLong(1L << (bits - 1), 1L << bits) | 1);
                int e = ph.emin() + rnd.nextInt(Math.max(1, Math.min(ph.emax(), 40) - ph.emin())) - bits + 1;
                BinaryRational f = BinaryRational.of(m, e);
                long p = switch (n % 4) {
                    case 0 -> 1 + rnd.nextInt(5000);
                    case 1 -> rnd.nextLong(1, 1L << 30);
                    case 2 -> rnd.nextLong(1, (1L << 53) - 2);
                    default -> (1L << (1 + rnd.nextInt(52))) - 1 + rnd.nextInt(3);
                };
                boolean exact = CollisionHorizons.collidesExactly(f, p, ph);
                collisions += exact ? 1 : 0;
                if (CollisionHorizons.collides(f, p, ph) != exact) {
                    disagreements++;
                }
            }
        }
        assertEquals(0, disagreements);
        assertTrue(collisions > 100, "the sample has collisions to get wrong: " + collisions);
    }

    @Test
    void exactDoubleOnlyForDoubles() {
        assertEquals(3.0, CollisionHorizons.exactDouble(BinaryRational.of(3)));
        assertEquals(0x1p-1074, CollisionHorizons.exactDouble(BinaryRational.of(BigInteger.ONE, -1074)));
        assertTrue(Double.isNaN(CollisionHorizons.exactDouble(BinaryRational.of(BigInteger.ONE, -1075))));
        assertTrue(Double.isNaN(CollisionHorizons.exactDouble(BinaryRational.of(BigInteger.ONE.shiftLeft(53).add(BigInteger.ONE), 0))));
        assertTrue(Double.isNaN(CollisionHorizons.exactDouble(BinaryRational.of(BigInteger.ONE, 1024))));
        // 3 * 2^-1074 has two bits but is a subnormal double exactly
        assertEquals(3 * 0x1p-1074, CollisionHorizons.exactDouble(BinaryRational.of(BigInteger.valueOf(3), -1074)));
    }
}
