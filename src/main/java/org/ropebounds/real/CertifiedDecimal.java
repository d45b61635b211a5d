package org.ropebounds.real;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Optional;
import org.ropebounds.format.Rational;

/**
 * A decimal whose every printed digit is guaranteed: either the exact value, or the value correctly
 * rounded (nearest, ties to even) to {@link #digits()} significant digits. When an enclosure could not
 * decide all the digits asked for, {@code digits() < requested()}: fewer digits, each still right. This
 * is the project's one house style for printing reals.
 *
 * @param text the digits: plain notation when the decimal exponent is in (-7, digits), else {@code d.ddde+x}
 * @param digits significant digits printed (0 when not even the first digit was decided; text is then "?")
 * @param requested significant digits asked for
 * @param exact whether text is the exact value
 */
public record CertifiedDecimal(String text, int digits, int requested, boolean exact) {

    /** Exact values with at most this many significant digits (or {@code requested}, if more) print exactly. */
    public static final int EXACT_DIGITS = 25;

    /** Whether every requested digit (or the exact value) is printed. */
    public boolean complete() {
        return exact || digits >= requested;
    }

    /** What is guaranteed, in words: "exact", "correctly rounded to 20 significant digits", ... */
    public String guarantee() {
        if (exact) {
            return "exact";
        }
        if (digits == 0) {
            return "undecided: not even the first digit could be certified";
        }
        return "correctly rounded to " + digits + " significant digit" + (digits == 1 ? "" : "s")
                + (complete() ? "" : " (" + requested + " asked; the rest could not be decided)");
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * The decimal that [lo, hi] decides at {@code n} significant digits: the exact value for an exact
     * enclosure with a short terminating expansion, else the common correct rounding of both ends.
     * Empty when the ends round differently.
     */
    public static Optional<CertifiedDecimal> decide(Enclosure x, int n) {
        if (x.isExact()) {
            Optional<BigDecimal> exact = terminating(x.lo());
            if (exact.isPresent() && significantDigits(exact.get()) <= Math.max(n, EXACT_DIGITS)) {
                return Optional.of(new CertifiedDecimal(layout(exact.get(), Math.max(1, significantDigits(exact.get()))), significantDigits(exact.get()), n, true));
            }
        }
        BigDecimal lo = round(x.lo(), n);
        BigDecimal hi = round(x.hi(), n);
        if (lo.compareTo(hi) != 0) {
            return Optional.empty();
        }
        return Optional.of(new CertifiedDecimal(layout(lo, n), n, n, false));
    }

    /** The most digits (at most n) that [lo, hi] decides; 0 digits prints "?". */
    public static CertifiedDecimal best(Enclosure x, int n) {
        for (int k = n; k >= 1; k--) {
            Optional<CertifiedDecimal> d = decide(x, k);
            if (d.isPresent()) {
                CertifiedDecimal c = d.get();
                return new CertifiedDecimal(c.text, c.digits, n, c.exact);
            }
        }
        return new CertifiedDecimal("?", 0, n, false);
    }

    /**
     * The enclosure's ends rounded outward to {@code n} significant digits: {@code [lo, hi]} with lo rounded
     * down and hi rounded up, so the printed interval contains the exact one.
     */
    public static String interval(Enclosure x, int n) {
        return "[" + layout(directed(x.lo(), n, java.math.RoundingMode.FLOOR), n) + ", "
                + layout(directed(x.hi(), n, java.math.RoundingMode.CEILING), n) + "]";
    }

    private static BigDecimal directed(Rational x, int n, java.math.RoundingMode mode) {
        if (x.isZero()) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(x.numerator()).divide(new BigDecimal(x.denominator()), new MathContext(n, mode));
    }

    private static BigDecimal round(Rational x, int n) {
        if (x.isZero()) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(x.numerator()).divide(new BigDecimal(x.denominator()), new MathContext(n, java.math.RoundingMode.HALF_EVEN));
    }

    private static Optional<BigDecimal> terminating(Rational x) {
        BigInteger d = x.denominator();
        int twos = d.getLowestSetBit();
        d = d.shiftRight(twos);
        int fives = 0;
        BigInteger five = BigInteger.valueOf(5);
        while (d.mod(five).signum() == 0) {
            d = d.divide(five);
            fives++;
        }
        if (!d.equals(BigInteger.ONE) || twos + fives > 4096) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(x.numerator()).divide(new BigDecimal(x.denominator())).stripTrailingZeros());
    }

    private static int significantDigits(BigDecimal x) {
        return x.signum() == 0 ? 1 : x.stripTrailingZeros().precision();
    }

    /** n significant digits of x (already rounded to at most n), trailing zeros kept. */
    private static String layout(BigDecimal x, int n) {
        if (x.signum() == 0) {
            return "0";
        }
        String sign = x.signum() < 0 ? "-" : "";
        BigDecimal a = x.abs();
        int exponent = a.precision() - a.scale() - 1; // floor(log10 |x|)
        String digits = a.unscaledValue().toString();
        digits = digits.length() >= n ? digits.substring(0, n) : digits + "0".repeat(n - digits.length());
        if (exponent > -7 && exponent < n) {
            if (exponent >= 0) {
                String whole = digits.substring(0, exponent + 1);
                String fraction = digits.substring(exponent + 1);
                return sign + whole + (fraction.isEmpty() ? "" : "." + fraction);
            }
            return sign + "0." + "0".repeat(-exponent - 1) + digits;
        }
        return sign + digits.charAt(0) + (n > 1 ? "." + digits.substring(1) : "") + "e" + (exponent >= 0 ? "+" : "-") + Math.abs(exponent);
    }
}
