package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link DecimalLayout}, the house style of {@link CertifiedDecimal#text()}, against an independent layout written
 * here with {@link BigDecimal}'s exact operations (setScale without rounding, movePointLeft, toPlainString): plain
 * notation with exactly n significant digits when the exponent e = floor(log10 |x|) is in (-7, n), else the n-digit
 * significand d.ddd and {@code e+x} / {@code e-x}. Fails, among others, when the plain range is widened or narrowed by
 * one at either end, when the long path is taken for 19-digit unscaled values, or when padding zeros are dropped.
 */
class DecimalLayoutTest {

    /** The house style from BigDecimal's exact operations (x has at most n significant digits). */
    private static String reference(BigDecimal x, int n) {
        if (x.signum() == 0) {
            return "0";
        }
        int e = x.precision() - x.scale() - 1;
        if (e > -7 && e < n) {
            return x.setScale(n - 1 - e, RoundingMode.UNNECESSARY).toPlainString();
        }
        String significand = x.movePointLeft(e).setScale(n - 1, RoundingMode.UNNECESSARY).toPlainString();
        return significand + "e" + (e >= 0 ? "+" : "-") + Math.abs(e);
    }

    @Test
    void handWorkedLayouts() {
        // 1234567 at scale 2 is 12345.67: e = 4, plain; 8 digits pad one zero
        assertEquals("12345.670", DecimalLayout.text(BigDecimal.valueOf(1234567, 2), 8));
        // e = n - 1 = 4: plain, no point
        assertEquals("12346", DecimalLayout.text(BigDecimal.valueOf(12346), 5));
        // e = n = 5: scientific
        assertEquals("1.2346e+5", DecimalLayout.text(BigDecimal.valueOf(123460), 5));
        // e = -6: plain 0.00000ddd; e = -7: scientific
        assertEquals("0.00000125", DecimalLayout.text(BigDecimal.valueOf(125, 8), 3));
        assertEquals("1.25e-7", DecimalLayout.text(BigDecimal.valueOf(125, 9), 3));
        assertEquals("-3e+20", DecimalLayout.text(BigDecimal.valueOf(-3, -20), 1));
        assertEquals("0", DecimalLayout.text(BigDecimal.ZERO, 4));
        // 15 digits of a 2^40-context cell
        assertEquals("1.23456789012346e+15", DecimalLayout.text(BigDecimal.valueOf(123456789012346L, -1), 15));
    }

    @Test
    void agreesWithTheReferenceOnRandomDecimals() {
        Random random = new Random(17);
        for (int i = 0; i < 200_000; i++) {
            int digits = 1 + random.nextInt(i % 3 == 0 ? 40 : 19); // long path (<= 18 digits) and BigInteger path
            BigInteger unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
            if (unscaled.signum() == 0) {
                continue;
            }
            if (random.nextBoolean()) {
                unscaled = unscaled.negate();
            }
            int scale = random.nextInt(60) - 30;
            BigDecimal x = new BigDecimal(unscaled, scale);
            int n = x.precision() + random.nextInt(6); // at least the digits x has: the layout's domain
            assertEquals(reference(x, n), DecimalLayout.text(x, n), x + " to " + n + " digits");
        }
    }

    @Test
    void agreesAtEveryExponentEdgeAndDigitCount() {
        for (int n = 1; n <= 30; n++) {
            for (int e = -12; e <= n + 3; e++) {
                for (BigInteger u : new BigInteger[] {BigInteger.ONE, BigInteger.TEN.pow(n).subtract(BigInteger.ONE),
                    new BigInteger("999999999999999999").min(BigInteger.TEN.pow(n).subtract(BigInteger.ONE)),
                    new BigInteger("9223372036854775807").min(BigInteger.TEN.pow(n).subtract(BigInteger.ONE))}) {
                    BigDecimal x = new BigDecimal(u, u.toString().length() - 1 - e); // floor(log10 x) = e
                    assertEquals(reference(x, n), DecimalLayout.text(x, n), x + " to " + n + " digits");
                    assertEquals(reference(x.negate(), n), DecimalLayout.text(x.negate(), n));
                }
            }
        }
    }
}
