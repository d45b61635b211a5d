package org.ropebounds.real;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Objects;
import java.util.Optional;
import org.ropebounds.format.Rational;

/**
 * A decimal whose every digit is guaranteed: either the exact value, or the value rounded in its
 * {@link #direction()} (correctly rounded to nearest, ties to even; or directed: the correct rounding
 * toward +infinity or toward -infinity, the form a bound is printed in) to {@link #digits()} significant
 * digits, or undecided. When an enclosure could
 * not decide all the digits asked for, {@code digits() < requested()}: fewer digits, each still right;
 * when it could not decide even the first, the decimal is {@linkplain #isDecided() undecided}.
 *
 * <p>A value, not a display string: {@link #toBigDecimal()} gives the number, {@link #enclosure()} the
 * enclosure it was decided from; {@link #text()} is one view of it, the project's one house style for
 * printing reals. Instances come only from {@link #decide}, {@link #best} and {@link #undecided}, so
 * whatever one claims was certified. Immutable; equal when value, digits, request, exactness, direction
 * and enclosure are.
 */
public final class CertifiedDecimal {

    /**
     * How the printed digits relate to the exact real. A bound is printed in its safe direction: a minimum
     * (a lower bound on b) {@link #UPWARD}, so every value at or above the printed one satisfies it; a maximum,
     * ceiling or margin {@link #DOWNWARD}, so the printed value never overstates it.
     */
    public enum Direction {
        /** Correctly rounded: nearest, ties to even. */
        NEAREST,
        /** The correct rounding toward +infinity (C's FE_UPWARD): the exact value is at most the printed one. */
        UPWARD,
        /** The correct rounding toward -infinity (C's FE_DOWNWARD): the exact value is at least the printed one. */
        DOWNWARD;

        private java.math.RoundingMode mode() {
            return switch (this) {
                case NEAREST -> java.math.RoundingMode.HALF_EVEN;
                case UPWARD -> java.math.RoundingMode.CEILING;
                case DOWNWARD -> java.math.RoundingMode.FLOOR;
            };
        }
    }

    /** Exact values with at most this many significant digits (or {@code requested}, if more) print exactly. */
    public static final int EXACT_DIGITS = 25;

    private static final String UNDECIDED_TEXT = "?";

    /** The decided decimal; null only when undecided. */
    private final BigDecimal value;
    /** The enclosure it was decided from, once materialised; null when undecided or not yet built from {@link #ball}. */
    private volatile Enclosure enclosure;
    /** The double-double ball it was decided from, when it came from one (its enclosure is built on demand). */
    private final DoubleDoubleInterval ball;
    /** The double interval it was decided from, when it came from one by the ball test (its enclosure is built on demand). */
    private final DoubleInterval interval;
    /** The midpoint-radius ball it was decided from, when it came from one by the ball test (its enclosure is built on demand). */
    private final Ball wideBall;
    private final int digits;
    private final int requested;
    private final boolean exact;
    private final Direction direction;
    /** {@link #text()}, laid out on first use (a benign race: every thread computes the same string). */
    private String text;

    // the shorter forms go to the full one in one step (each step is a call before the JIT has compiled them)
    private CertifiedDecimal(BigDecimal value, Enclosure enclosure, int digits, int requested, boolean exact, Direction direction) {
        this(value, enclosure, null, null, null, digits, requested, exact, direction);
    }

    private CertifiedDecimal(BigDecimal value, Enclosure enclosure, DoubleDoubleInterval ball, int digits, int requested, boolean exact,
            Direction direction) {
        this(value, enclosure, ball, null, null, digits, requested, exact, direction);
    }

    private CertifiedDecimal(BigDecimal value, Enclosure enclosure, DoubleDoubleInterval ball, DoubleInterval interval, int digits,
            int requested, boolean exact, Direction direction) {
        this(value, enclosure, ball, interval, null, digits, requested, exact, direction);
    }

    private CertifiedDecimal(BigDecimal value, Enclosure enclosure, DoubleDoubleInterval ball, DoubleInterval interval, Ball wideBall,
            int digits, int requested, boolean exact, Direction direction) {
        this.wideBall = wideBall;
        this.value = value;
        this.enclosure = enclosure;
        this.ball = ball;
        this.interval = interval;
        this.digits = digits;
        this.requested = requested;
        this.exact = exact;
        this.direction = direction;
    }

    /**
     * The undecided decimal: no digit certified, {@code requested} asked for. The one way to say "not
     * even the first digit": its text is "?", it has no value and no enclosure.
     *
     * @throws IllegalArgumentException unless requested >= 1
     */
    public static CertifiedDecimal undecided(int requested) {
        checkRequested(requested);
        return new CertifiedDecimal(null, null, 0, requested, false, Direction.NEAREST);
    }

    /**
     * The digits: plain notation when the decimal exponent is in (-7, digits), else {@code d.ddde+x};
     * exact values with their own digits, rounded ones with exactly {@link #digits()} (trailing zeros kept);
     * "?" when undecided.
     */
    public String text() {
        String t = text;
        if (t == null) {
            t = value == null ? UNDECIDED_TEXT : layout(value, Math.max(1, digits));
            text = t;
        }
        return t;
    }

    /** Significant digits certified: 0 when undecided; for an exact value, the digits it has. */
    public int digits() {
        return digits;
    }

    /** Significant digits asked for (>= 1). */
    public int requested() {
        return requested;
    }

    /**
     * How the digits were rounded from the exact real; {@link Direction#NEAREST} for the undecided decimal.
     * An exact decimal keeps the direction it was asked for, though it did not round.
     */
    public Direction direction() {
        return direction;
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
     * The number: the exact value when {@link #exact()}, else the exact real rounded in {@link #direction()}
     * (nearest with ties to even, toward +infinity, or toward -infinity) to {@link #digits()} significant digits. Empty when undecided. Its scale is whatever
     * the rounding gave; compare with {@link BigDecimal#compareTo}, not {@code equals}.
     */
    public Optional<BigDecimal> toBigDecimal() {
        return Optional.ofNullable(value);
    }

    /** The enclosure of the exact real these digits were decided from (a point when exact); empty when undecided. */
    public Optional<Enclosure> enclosure() {
        return Optional.ofNullable(materialised());
    }

    private Enclosure materialised() {
        Enclosure e = enclosure;
        if (e == null && (ball != null || interval != null || wideBall != null)) {
            e = ball != null ? DoubleDoubleIntervalArithmetic.enclosureOf(ball)
                    : interval != null ? DoubleIntervalArithmetic.INSTANCE.toEnclosure(interval) : wideBall.toEnclosure();
            enclosure = e;
        }
        return e;
    }

    /**
     * What is guaranteed, in words: "exact", "correctly rounded to 20 significant digits", "rounded up to 15
     * significant digits: the exact value is at most this", "rounded down to 6 significant digits: the exact
     * value is at least this", each with "(15 asked; the rest could not be decided)" after the digits when
     * fewer were certified; or "undecided: ...".
     */
    public String guarantee() {
        if (exact) {
            return "exact";
        }
        if (!isDecided()) {
            return "undecided: not even the first digit could be certified";
        }
        String how = switch (direction) {
            case NEAREST -> "correctly rounded";
            case UPWARD -> "rounded up";
            case DOWNWARD -> "rounded down";
        };
        String relation = switch (direction) {
            case NEAREST -> "";
            case UPWARD -> ": the exact value is at most this";
            case DOWNWARD -> ": the exact value is at least this";
        };
        return how + " to " + digits + " significant digit" + (digits == 1 ? "" : "s")
                + (complete() ? "" : " (" + requested + " asked; the rest could not be decided)") + relation;
    }

    /** {@link #text()}. */
    @Override
    public String toString() {
        return text();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertifiedDecimal c && digits == c.digits && requested == c.requested && exact == c.exact
                && direction == c.direction && Objects.equals(value, c.value) && Objects.equals(materialised(), c.materialised());
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, materialised(), digits, requested, exact, direction);
    }

    /**
     * The decimal that [lo, hi] decides at {@code n} significant digits, correctly rounded (nearest, ties to
     * even): {@link #decide(Enclosure, int, Direction)} with {@link Direction#NEAREST}.
     *
     * @throws IllegalArgumentException unless n >= 1
     */
    public static Optional<CertifiedDecimal> decide(Enclosure x, int n) {
        return decide(x, n, Direction.NEAREST);
    }

    /**
     * The decimal that [lo, hi] decides at {@code n} significant digits in {@code direction}: the exact value
     * for an exact enclosure with a short terminating expansion (at most max(n, {@value #EXACT_DIGITS})
     * digits), else the common rounding of both ends in that direction. Rounding is monotone, so when the ends
     * agree every point of [lo, hi] rounds to the same decimal, and it is the rounding of the exact real.
     * Empty when the ends round differently.
     *
     * @throws IllegalArgumentException unless n >= 1
     */
    public static Optional<CertifiedDecimal> decide(Enclosure x, int n, Direction direction) {
        checkRequested(n);
        Objects.requireNonNull(direction);
        if (x.isExact()) {
            Optional<BigDecimal> exact = terminating(x.lo());
            if (exact.isPresent() && significantDigits(exact.get()) <= Math.max(n, EXACT_DIGITS)) {
                return Optional.of(new CertifiedDecimal(exact.get(), x, significantDigits(exact.get()), n, true, direction));
            }
        }
        BigDecimal lo = directed(x.lo(), n, direction.mode());
        BigDecimal hi = directed(x.hi(), n, direction.mode());
        if (lo.compareTo(hi) != 0) {
            return Optional.empty();
        }
        return Optional.of(new CertifiedDecimal(lo, x, n, n, false, direction));
    }

    /**
     * {@link #decide(Enclosure, int, Direction)} for the enclosure of a double-double ball, the same decision
     * (the same digits, value and enclosure), decided from the ball itself without rational arithmetic when
     * it can be ({@code BallDecimals}, {@code proofs/double-double-interval.md} section 8: always, unless an end
     * of the ball lies within about 2^-100 of it of a rounding boundary), else through the enclosure.
     *
     * @throws IllegalArgumentException unless n >= 1
     */
    public static Optional<CertifiedDecimal> decide(DoubleDoubleInterval x, int n, Direction direction) {
        checkRequested(n);
        Objects.requireNonNull(direction);
        if (x.exact().isEmpty()) {
            Optional<BigDecimal> d = BallDecimals.rounded(x, n, direction);
            if (d.isPresent()) {
                return Optional.of(new CertifiedDecimal(d.get(), null, x, n, n, false, direction));
            }
        }
        return decide(DoubleDoubleIntervalArithmetic.enclosureOf(x), n, direction);
    }

    /**
     * {@link #decide(Enclosure, int, Direction)} for the enclosure [lo, hi] of a double interval, the same
     * decision (value, scale and enclosure). Rounded up or down, it is decided from the double-double ball
     * covering [lo, hi] when that ball decides ({@code BallDecimals}); and an interval too wide for any n-digit
     * rounding to cover it is declined without rational arithmetic: the reals that round to one n-digit decimal (in any direction) form an interval no longer
     * than 10^(1-n) times the largest magnitude in it, so a wider [lo, hi] cannot have both ends round alike
     * ({@code proofs/double-double-interval.md} section 8, the double interval's quick test).
     *
     * @throws IllegalArgumentException unless n >= 1
     */
    public static Optional<CertifiedDecimal> decide(DoubleInterval x, int n, Direction direction) {
        checkRequested(n);
        Objects.requireNonNull(direction);
        if (!x.isPoint()) {
            if (direction != Direction.NEAREST) {
                Optional<BigDecimal> d = BallDecimals.rounded(x, n, direction);
                if (d.isPresent()) {
                    return Optional.of(new CertifiedDecimal(d.get(), null, null, x, n, n, false, direction));
                }
            }
            if (n <= 300 && DecimalWidth.exceeds(x.lo(), x.hi(), n)) { // exact ends: only the test's own roundings
                return Optional.empty();
            }
        }
        return decide(DoubleIntervalArithmetic.INSTANCE.toEnclosure(x), n, direction);
    }

    /**
     * {@link #decide(DoubleInterval, int, Direction)} without its rational fallback: the same decision when
     * it answers, but empty whenever the ball test of a non-point interval rounded up or down does not
     * decide (the enclosure might still have). For a caller with a more precise level after this one, which
     * then decides the same digits; a point interval (an exact value) and {@link Direction#NEAREST} take the
     * full path.
     *
     * @throws IllegalArgumentException unless n >= 1
     */
    public static Optional<CertifiedDecimal> decideByBall(DoubleInterval x, int n, Direction direction) {
        checkRequested(n);
        if (x.isPoint() || direction == Direction.NEAREST) {
            return decide(x, n, direction);
        }
        Optional<BigDecimal> d = BallDecimals.rounded(x, n, direction); // no lambda per decision: see the constructors
        return d.isPresent() ? Optional.of(new CertifiedDecimal(d.get(), null, null, x, null, n, n, false, direction)) : Optional.empty();
    }

    /**
     * {@link #decide(DoubleDoubleInterval, int, Direction)} without its rational fallback: the same decision when
     * it answers, but empty whenever the ball test of a ball without an exact value does not decide (the
     * enclosure might still have). For a caller with a more precise level after this one; a ball with an exact
     * value takes the full path.
     *
     * @throws IllegalArgumentException unless n >= 1
     */
    public static Optional<CertifiedDecimal> decideByBall(DoubleDoubleInterval x, int n, Direction direction) {
        checkRequested(n);
        Objects.requireNonNull(direction);
        if (x.exact().isPresent()) {
            return decide(x, n, direction);
        }
        Optional<BigDecimal> d = BallDecimals.rounded(x, n, direction);
        return d.isPresent() ? Optional.of(new CertifiedDecimal(d.get(), null, x, null, null, n, n, false, direction)) : Optional.empty();
    }

    /**
     * {@link #decide(Enclosure, int, Direction)} for {@link Ball#toEnclosure() the enclosure of a midpoint-radius
     * ball}, the same decision (the same digits, value and enclosure), decided in integers from the ball's ends
     * without rational arithmetic when it can be ({@code BallDecimals}, {@code proofs/ball-arithmetic.md} section 10:
     * unless the lower end is itself an n-digit decimal or the ends round differently), else through the enclosure.
     *
     * @throws IllegalArgumentException unless n >= 1
     */
    public static Optional<CertifiedDecimal> decide(Ball x, int n, Direction direction) {
        Optional<CertifiedDecimal> d = decideByBall(x, n, direction);
        return d.isPresent() || x.exact().isPresent() ? d : decide(x.toEnclosure(), n, direction);
    }

    /**
     * {@link #decide(Ball, int, Direction)} without its rational fallback: the same decision when it answers, but
     * empty whenever the integer test does not decide; for a caller with a more precise level after this one. A
     * ball with an exact value takes the full path.
     *
     * @throws IllegalArgumentException unless n >= 1
     */
    public static Optional<CertifiedDecimal> decideByBall(Ball x, int n, Direction direction) {
        checkRequested(n);
        Objects.requireNonNull(direction);
        if (x.exact().isPresent()) {
            return decide(x.toEnclosure(), n, direction);
        }
        Optional<BigDecimal> d = BallDecimals.rounded(x, n, direction);
        return d.isPresent() ? Optional.of(new CertifiedDecimal(d.get(), null, null, null, x, n, n, false, direction)) : Optional.empty();
    }

    /**
     * The value rounded up (toward +infinity) to n digits, the safe form of a minimum:
     * {@link #decide(Enclosure, int, Direction)} with {@link Direction#UPWARD}.
     *
     * @throws IllegalArgumentException unless n >= 1
     */
    public static Optional<CertifiedDecimal> decideUp(Enclosure x, int n) {
        return decide(x, n, Direction.UPWARD);
    }

    /**
     * The value rounded down (toward -infinity) to n digits, the safe form of a maximum, ceiling or margin:
     * {@link #decide(Enclosure, int, Direction)} with {@link Direction#DOWNWARD}.
     *
     * @throws IllegalArgumentException unless n >= 1
     */
    public static Optional<CertifiedDecimal> decideDown(Enclosure x, int n) {
        return decide(x, n, Direction.DOWNWARD);
    }

    /**
     * The most digits (at most n) that [lo, hi] decides, correctly rounded, {@code requested() == n};
     * {@link #undecided} when not even one.
     *
     * @throws IllegalArgumentException unless n >= 1
     */
    public static CertifiedDecimal best(Enclosure x, int n) {
        return best(x, n, Direction.NEAREST);
    }

    /**
     * The most digits (at most n) that [lo, hi] decides in {@code direction}, {@code requested() == n};
     * {@link #undecided} when not even one. Fewer digits rounded in the same direction keep the same
     * relation to the exact value (at most it, or at least it).
     *
     * @throws IllegalArgumentException unless n >= 1
     */
    public static CertifiedDecimal best(Enclosure x, int n, Direction direction) {
        checkRequested(n);
        // the ends as doubles, once: digits the enclosure is too wide for are skipped without their two divisions
        double lo = DecimalWidth.nearest(x.lo());
        double hi = DecimalWidth.nearest(x.hi());
        for (int k = n; k >= 1; k--) {
            if (DecimalWidth.tooWideForDigits(lo, hi, k)) {
                continue;
            }
            Optional<CertifiedDecimal> d = decide(x, k, direction);
            if (d.isPresent()) {
                CertifiedDecimal c = d.get();
                return new CertifiedDecimal(c.value, c.enclosure, c.ball, c.interval, c.wideBall, c.digits, n, c.exact, direction);
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

    /** n significant digits of x (already rounded to at most n), trailing zeros kept: {@link DecimalLayout#text}. */
    private static String layout(BigDecimal x, int n) {
        return DecimalLayout.text(x, n);
    }
}
