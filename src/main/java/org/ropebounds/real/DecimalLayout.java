package org.ropebounds.real;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The house style of {@link CertifiedDecimal#text()}: n significant digits of a decimal, trailing zeros kept, in plain
 * notation when the decimal exponent e = floor(log10 |x|) is in (-7, n), else as {@code d.ddde+x}. A value whose
 * unscaled digits fit a long is laid out from that long into one byte array (no intermediate strings); longer ones
 * from the unscaled BigInteger's digits, the same layout. Stateless; thread-safe.
 */
final class DecimalLayout {
    /** Unscaled values of at most this many digits are laid out from a long (10^18 - 1 < 2^63). */
    private static final int LONG_DIGITS = 18;

    private DecimalLayout() {
    }

    /**
     * The text of x to n significant digits: x's unscaled digits cut to their first n, or padded with zeros to n, placed
     * by x's exponent; "0" for zero.
     *
     * @param x a decimal already rounded to at most n significant digits (more are cut, not rounded)
     * @param n significant digits to print, {@code n >= 1}
     */
    static String text(BigDecimal x, int n) {
        if (x.signum() == 0) {
            return "0";
        }
        BigDecimal a = x.abs();
        int precision = a.precision();
        int exponent = precision - a.scale() - 1; // floor(log10 |x|)
        byte[] digits;
        if (precision <= LONG_DIGITS) {
            long u = a.unscaledValue().longValue();
            digits = new byte[precision];
            for (int k = precision - 1; k >= 0; k--) {
                digits[k] = (byte) ('0' + (int) (u % 10));
                u /= 10;
            }
        } else {
            digits = a.unscaledValue().toString().getBytes(StandardCharsets.ISO_8859_1);
        }
        return place(x.signum() < 0, digits, exponent, n);
    }

    /**
     * The sign, the first n of {@code digits} (padded with '0' to n) and the exponent, in the house style.
     *
     * @param digits ASCII digits, the first non-zero
     * @param exponent floor(log10 |x|)
     */
    private static String place(boolean negative, byte[] digits, int exponent, int n) {
        // at most: sign, "0.", six zeros, n digits; or sign, n digits, '.', 'e', sign and up to 10 exponent digits
        byte[] out = new byte[n + 20];
        int p = 0;
        if (negative) {
            out[p++] = '-';
        }
        if (exponent > -7 && exponent < n) {
            if (exponent >= 0) {
                p = digits(out, p, digits, 0, exponent + 1);
                if (exponent + 1 < n) {
                    out[p++] = '.';
                    p = digits(out, p, digits, exponent + 1, n);
                }
            } else {
                out[p++] = '0';
                out[p++] = '.';
                for (int k = 0; k < -exponent - 1; k++) {
                    out[p++] = '0';
                }
                p = digits(out, p, digits, 0, n);
            }
        } else {
            p = digits(out, p, digits, 0, 1);
            if (n > 1) {
                out[p++] = '.';
                p = digits(out, p, digits, 1, n);
            }
            out[p++] = 'e';
            out[p++] = (byte) (exponent >= 0 ? '+' : '-');
            byte[] e = Integer.toString(Math.abs(exponent)).getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(e, 0, out, p, e.length);
            p += e.length;
        }
        return new String(out, 0, p, StandardCharsets.ISO_8859_1);
    }

    /** Copies digit positions [from, to) of the n-digit significand (digits padded with '0') to out at p; returns the new p. */
    private static int digits(byte[] out, int p, byte[] digits, int from, int to) {
        for (int k = from; k < to; k++) {
            out[p++] = k < digits.length ? digits[k] : (byte) '0';
        }
        return p;
    }
}
