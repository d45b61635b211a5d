package org.ropebounds.real;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Objects;
import java.util.Optional;
import org.ropebounds.format.Rational;

/**
 * A decimal whose every digit is guaranteed: either the exact value, or the value correctly rounded
 * (nearest, ties to even) to {@link #digits()} significant digits, or undecided. When an enclosure could
 * not decide all the digits asked for, {@code digits() < requested()}: fewer digits, each still right;
 * when it could not decide even the first, the decimal is {@linkplain #isDecided() undecided}.
 *
 * <p>A value, not a display string: {@link #toBigDecimal()} gives the number, {@link #enclosure()} the
 * enclosure it was decided from; {@link #text()} is one view of it, the project's one house style for
 * printing reals. Instances come only from {@link #decide}, {@link #best} and {@link #undecided}, so
 * whatever one claims was certified. Immutable; equal when value, digits, request, exactness and
 * enclosure are.
 */
public final class CertifiedDecimal {

    /** Exact values with at most this many significant digits (or {@code requested}, if more) print exactly. */
    public static final int EXACT_DIGITS = 25;

    private static final String UNDECIDED_TEXT = "?";

    /** The decided decimal; null only when undecided. */
    private final BigDecimal value;
    /** The enclosure it was decided from; null only when undecided. */
    private final Enclosure enclosure;
    private final int digits;
    private final int requested;
    private final boolean exact;
    private final String text;

    private CertifiedDecimal(BigDecimal value, Enclosure enclosure, int digits, int requested, boolean exact) {
        this.value = value;
        this.enclosure = enclosure;
        this.digits = digits;
        this.requested = requested;
        this.exact = exact;
        this.text = value == null ? UNDECIDED_TEXT : layout(value, Math.max(1, digits));
    }

    /**
     * The undecided decimal: no digit certified, {@code requested} asked for. The one way to say "not
     * even the first digit": its text is "?", it has no value and no enclosure.
     *
     * @throws IllegalArgumentException unless requested >= 1
     */
    public static CertifiedDecimal undecided(int requested) {
        checkRequested(requested);
        return new CertifiedDecimal(null, null, 0, requested, false);
    }

    /**
     * The digits: plain notation when the decimal exponent is in (-7, digits), else {@code d.ddde+x};
     * exact values with their own digits, rounded ones with exactly {@link #digits()} (trailing zeros kept);
     * "?" when undecided.
     */
    public String text() {
        return text;
    }

    /** Significant digits certified: 0 when undecided; for an exact value, the digits it has. */
    public int digits() {
        return digits;
    }

    /** Significant digits asked for (>= 1). */
    public int requested() {
        return requested;
    }

    /** Whether {@link #toBigDecimal()} is the exact value. */
    public boolean exact() {
        return exact;
    }

    /** Whether at least the first digit (or the exact value) is certified; false only for {@link #undecided}. */
    public boolean isDecided() {
        return value != null;
    }

    /** Whether every requested digit (or the exact value) is certified. */
    public boolean complete() {
        return exact || digits >= requested;
    }

    /**
     * The number: the exact value when {@link #exact()}, else the exact real correctly rounded (nearest,
     * ties to even) to {@link #digits()} significant digits. Empty when undecided. Its scale is whatever
     * the rounding gave; compare with {@link BigDecimal#compareTo}, not {@code equals}.
     */
    public Optional<BigDecimal> toBigDecimal() {
        return Optional.ofNullable(value);
    }

    /** The enclosure of the exact real these digits were decided from (a point when exact); empty when undecided. */
    public Optional<Enclosure> enclosure() {
        return Optional.ofNullable(enclosure);
    }

    /** What is guaranteed, in words: "exact", "correctly rounded to 20 significant digits", ... */
    public String guarantee() {
        if (exact) {
            return "exact";
        }
        if (!isDecided()) {
            return "undecided: not even the first digit could be certified";
        }
        return "correctly rounded to " + digits + " significant digit" + (digits == 1 ? "" : "s")
                + (complete() ? "" : " (" + requested + " asked; the rest could not be decided)");
    }

    /** {@link #text()}. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertifiedDecimal c && digits == c.digits && requested == c.requested && exact == c.exact
                && Objects.equals(value, c.value) && Objects.equals(enclosure, c.enclosure);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, enclosure, digits, requested, exact);
    }

    /**
     * The decimal that [lo, hi] decides at {@code n} significant digits: the exact value for an exact
     * enclosure with a short terminating expansion (at most max(n, {@value #EXACT_DIGITS}) digits), else the
     * common correct rounding of both ends. Empty when the ends round differently.
     *
     * @throws IllegalArgumentException unless n >= 1
     */
    public static Optional<CertifiedDecimal> decide(Enclosure x, int n) {
        checkRequested(n);
        if (x.isExact()) {
            Optional<BigDecimal> exact = terminating(x.lo());
            if (exact.isPresent() && significantDigits(exact.get()) <= Math.max(n, EXACT_DIGITS)) {
                return Optional.of(new CertifiedDecimal(exact.get(), x, significantDigits(exact.get()), n, true));
            }
        }
        BigDecimal lo = round(x.lo(), n);
        BigDecimal hi = round(x.hi(), n);
        if (lo.compareTo(hi) != 0) {
            return Optional.empty();
        }
        return Optional.of(new CertifiedDecimal(lo, x, n, n, false));
    }

    /**
     * The most digits (at most n) that [lo, hi] decides, {@code requested() == n}; {@link #undecided}
     * when not even one.
     *
     * @throws IllegalArgumentException unless n >= 1
     */
    public static CertifiedDecimal best(Enclosure x, int n) {
        checkRequested(n);
        for (int k = n; k >= 1; k--) {
            Optional<CertifiedDecimal> d = decide(x, k);
            if (d.isPresent()) {
                CertifiedDecimal c = d.get();
                return new CertifiedDecimal(c.value, c.enclosure, c.digits, n, c.exact);
            }
        }
        return undecided(n);
    }

    /**
     * The enclosure's ends rounded outward to {@code n} significant digits: {@code [lo, hi]} with lo rounded
     * down and hi rounded up, so the printed interval contains the exact one.
     */
    public static String interval(Enclosure x, int n) {
        return "[" + layout(directed(x.lo(), n, java.math.RoundingMode.FLOOR), n) + ", "
                + layout(directed(x.hi(), n, java.math.RoundingMode.CEILING), n) + "]";
    }

    private static void checkRequested(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("significant digits " + n + " is out of range; accepted: n >= 1");
        }
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

    /**
     * How many of the {@link #digits()} printed are trailing zeros a rounding put there (0 for exact and
     * undecided decimals): 1.000 to 4 digits has 3. A hint, never a proof, that the value may be exact.
     */
    int roundedTrailingZeros() {
        return exact || value == null || value.signum() == 0 ? 0 : digits - significantDigits(value);
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
