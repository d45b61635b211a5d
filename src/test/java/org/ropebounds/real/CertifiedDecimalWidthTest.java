package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;

/**
 * {@link CertifiedDecimal#best(Enclosure, int, CertifiedDecimal.Direction)} skips the digits an enclosure is proven too
 * wide for ({@code proofs/double-double-interval.md} section 18): its answers are those of the plain loop over
 * {@link CertifiedDecimal#decide(Enclosure, int, CertifiedDecimal.Direction)} from n digits down, written out here, on
 * enclosures built to sit near the widths where a k-digit decision becomes possible. Hand-worked cases in the comments.
 */
class CertifiedDecimalWidthTest {

    private static Rational r(String s) {
        return Rational.parse(s);
    }

    /** The loop without the width test: the first k from n down that decides, or undecided. */
    private static CertifiedDecimal plainBest(Enclosure x, int n, CertifiedDecimal.Direction direction) {
        for (int k = n; k >= 1; k--) {
            Optional<CertifiedDecimal> d = CertifiedDecimal.decide(x, k, direction);
            if (d.isPresent()) {
                return d.get();
            }
        }
        return CertifiedDecimal.undecided(n);
    }

    private static void assertSameAsPlain(Enclosure x, int n, CertifiedDecimal.Direction direction) {
        CertifiedDecimal plain = plainBest(x, n, direction);
        CertifiedDecimal best = CertifiedDecimal.best(x, n, direction);
        assertEquals(plain.digits(), best.digits(), () -> x + " at " + n + " " + direction);
        assertEquals(plain.text(), best.text(), () -> x + " at " + n + " " + direction);
        assertEquals(plain.toBigDecimal(), best.toBigDecimal(), () -> x + " at " + n + " " + direction);
        assertEquals(plain.exact(), best.exact(), () -> x + " at " + n + " " + direction);
    }

    @Test
    void aWideEnclosureInsideOneCellStillDecides() {
        // [0.96, 1.49]: both ends round to 1 at one digit (the nearest cell of 1 is [0.95, 1.5)), though the width 0.53 is
        // over a third of the magnitude 1.49; at two digits 0.96 and 1.5 differ
        CertifiedDecimal one = CertifiedDecimal.best(Enclosure.of(r("0.96"), r("1.49")), 6);
        assertEquals(1, one.digits());
        assertEquals(0, one.toBigDecimal().orElseThrow().compareTo(BigDecimal.ONE));
        // [0.91, 1.9] rounded down: both ends to 0.9 and 1 at one digit, undecided; up: 1 and 2, undecided
        assertFalse(CertifiedDecimal.best(Enclosure.of(r("0.91"), r("1.9")), 3, CertifiedDecimal.Direction.DOWNWARD).isDecided());
        // [1.01, 1.99] rounded down: 1 at one digit (width 0.98 of magnitude 1.99)
        CertifiedDecimal down = CertifiedDecimal.best(Enclosure.of(r("1.01"), r("1.99")), 4, CertifiedDecimal.Direction.DOWNWARD);
        assertEquals(1, down.digits());
        assertEquals(0, down.toBigDecimal().orElseThrow().compareTo(BigDecimal.ONE));
        // [128753, 128936] (a max phase error of erasure): 129000 at 3 digits; 128800 and 128900 at 4
        CertifiedDecimal three = CertifiedDecimal.best(Enclosure.of(r("128753"), r("128936")), 6);
        assertEquals(3, three.digits());
        assertEquals(0, three.toBigDecimal().orElseThrow().compareTo(new BigDecimal("129000")));
        // [-1.49, -0.96]: -1 at one digit, as its mirror
        assertEquals(1, CertifiedDecimal.best(Enclosure.of(r("-1.49"), r("-0.96")), 6).digits());
    }

    @Test
    void endsThatShareNoDoubleDecideManyDigits() {
        // 1 - 2^-54 -+ 2^-70: the nearest doubles are 1 - 2^-53 and 1 (the tie 1 - 2^-54 lies between the ends), a double
        // width of 2^-53 = 1.1e-16, but every real in it is 0.99999999999999994449 at 20 digits (2^-54 = 5.55e-17): a width
        // test beyond 17 digits would decline it
        Rational mid = Rational.of(BigInteger.ONE.shiftLeft(54).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(54));
        Rational eps = Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(70));
        Enclosure x = Enclosure.of(mid.subtract(eps), mid.add(eps));
        CertifiedDecimal d = CertifiedDecimal.best(x, 20);
        assertEquals(20, d.digits());
        assertEquals(0, d.toBigDecimal().orElseThrow().compareTo(new BigDecimal("0.99999999999999994449")));
        assertSameAsPlain(x, 18, CertifiedDecimal.Direction.NEAREST);
    }

    @Test
    void theWidthTestDeclinesOnlyWhatItMay() {
        // [1, 1.0004] at 5 digits: 4e-4 against 4 * 1.0004 * 1e-4 = 4.0016e-4, not declined; [1, 1.0005] is
        assertFalse(DecimalWidth.tooWideForDigits(1, 1.0004, 5));
        assertTrue(DecimalWidth.tooWideForDigits(1, 1.0005, 5));
        // beyond 15 digits, and with an end without a usable double (NaN), never
        assertFalse(DecimalWidth.tooWideForDigits(1, 2, 16));
        assertFalse(DecimalWidth.tooWideForDigits(Double.NaN, 2, 3));
        assertFalse(DecimalWidth.tooWideForDigits(1, Double.NaN, 3));
        // zero, tiny, huge and ordinary ends
        assertEquals(0.0, DecimalWidth.nearest(Rational.ZERO));
        assertTrue(Double.isNaN(DecimalWidth.nearest(Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(901)))));
        assertTrue(Double.isNaN(DecimalWidth.nearest(Rational.of(BigInteger.ONE.shiftLeft(901), BigInteger.ONE))));
        assertEquals(-0.1, DecimalWidth.nearest(r("-0.1")));
        // [2^-1000, 3 * 2^-1000] is far too wide for 2 digits, but its ends are below 2^-900: decided by the divisions,
        // still undecided
        Rational tiny = Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(1000));
        assertSameAsPlain(Enclosure.of(tiny, tiny.multiply(Rational.of(3))), 2, CertifiedDecimal.Direction.NEAREST);
        // 2.5 * 2^-1074 -+ 2^-1100 = 1.2352...e-323: 1.24e-323 at 3 digits, though its ends' nearest doubles are the
        // subnormals 2 and 3 times 2^-1074 (the tie 2.5 goes to even below it), a width of a third of the magnitude;
        // below 2^-900 (here the denominators are no doubles) the width is not tested
        Rational subnormal = Rational.of(BigInteger.valueOf(5), BigInteger.ONE.shiftLeft(1075));
        Rational below = Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(1100));
        CertifiedDecimal d = CertifiedDecimal.best(Enclosure.of(subnormal.subtract(below), subnormal.add(below)), 3);
        assertEquals(3, d.digits());
        assertEquals(0, d.toBigDecimal().orElseThrow().compareTo(new BigDecimal("1.24e-323")));
    }

    @Test
    void bestIsThePlainLoopNearTheDecidingWidths() {
        // ends lo and lo * (1 + w), w = m * 10^-j for a random mantissa m in [0.5, 12): each width about as wide as a
        // cell of j or j + 1 digits, where the width test and the divisions meet
        Random random = new Random(0x9e9_2026L);
        int checked = 0;
        for (int t = 0; t < 6000; t++) {
            BigInteger num = BigInteger.valueOf(1 + random.nextInt(1_000_000_000)).multiply(random.nextBoolean() ? BigInteger.ONE : BigInteger.TEN.pow(random.nextInt(8)));
            BigInteger den = BigInteger.valueOf(1 + random.nextInt(1_000_000)).shiftLeft(random.nextInt(40));
            Rational lo = Rational.of(num, den);
            if (random.nextInt(4) == 0) {
                lo = lo.negate();
            }
            int j = 1 + random.nextInt(14);
            Rational w = Rational.of(BigInteger.valueOf(50 + random.nextInt(1150)), BigInteger.TEN.pow(j + 2));
            Rational hi = lo.add(lo.abs().multiply(w));
            int n = 1 + random.nextInt(16);
            CertifiedDecimal.Direction direction = CertifiedDecimal.Direction.values()[random.nextInt(3)];
            assertSameAsPlain(Enclosure.of(lo, hi), n, direction);
            checked++;
        }
        assertEquals(6000, checked);
    }
}
