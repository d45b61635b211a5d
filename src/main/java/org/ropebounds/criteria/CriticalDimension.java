package org.ropebounds.criteria;

import static org.ropebounds.real.CertifiedDecimal.Direction.DOWNWARD;
import static org.ropebounds.real.CertifiedDecimal.Direction.UPWARD;

import java.math.BigInteger;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.Enclosure;

/**
 * Liu et al.'s scaling law of RoPE-based extrapolation ({@link #SOURCE}), certified. A model pretrained at context
 * T_train with base b and rotary dimension d has the critical dimension d_extra = 2 ceil((d/2) log_b(T_train/(2 pi)))
 * (the modes i &lt; d_extra/2 complete a period within T_train) and extrapolates to T_extra = 2 pi b^(d_extra/d).
 * Derivation, and why the ceiling is always decidable for rational b: {@code proofs/critical-dimension.md}.
 *
 * <p>Domains (checked; {@link InvalidInputException} names the value and the range): b &gt; 1 exact; d even,
 * 4 &lt;= d &lt;= {@value #MAX_HEAD_DIM} (d = 2 has one mode and no large-base regime); T_train &gt;= 7 (so that
 * T_train/(2 pi) &gt; 1); contexts 1 &lt;= L &lt;= 2^62; digits 1..{@value org.ropebounds.real.Ziv#MAX_DIGITS}.
 */
public final class CriticalDimension {
    /** The paper. */
    public static final String SOURCE = "X. Liu, H. Yan, S. Zhang, C. An, X. Qiu, D. Lin, \"Scaling Laws of RoPE-based Extrapolation\","
            + " ICLR 2024, arXiv:2310.05209";
    /** Largest rotary dimension accepted. */
    public static final int MAX_HEAD_DIM = 1 << 20;
    /** Smallest training context accepted: the law needs T_train / (2 pi) &gt; 1. */
    public static final int MIN_TRAIN_CONTEXT = 7;
    private static final BigInteger MAX_CONTEXT = BigInteger.ONE.shiftLeft(62);

    private CriticalDimension() {
    }

    /** What the law says of one pretrained model. */
    public sealed interface Extrapolation permits Limited, EveryModeTrained, Undecided {
    }

    /**
     * The large-base regime: d_extra &lt; d.
     *
     * @param criticalDimension d_extra, even, 0 &lt;= d_extra &lt; d
     * @param tExtra 2 pi b^(d_extra/d), rounded down (the exact limit is at least this)
     * @param maxContext floor(T_extra), the longest integer context the law supports, when decided
     */
    public record Limited(int criticalDimension, CertifiedDecimal tExtra, Optional<BigInteger> maxContext) implements Extrapolation {
    }

    /**
     * The small-base regime: (d/2) log_b(T_train/(2 pi)) &gt; d/2 - 1, so every one of the d/2 modes completes a
     * period within T_train; the critical dimension is d and the law sets no extrapolation limit.
     */
    public record EveryModeTrained(int criticalDimension) implements Extrapolation {
    }

    /** (d/2) log_b(T_train/(2 pi)) lies, within the most precise enclosure, on an integer: its ceiling is not certified. */
    public record Undecided(Enclosure argument) implements Extrapolation {
    }

    /**
     * The critical dimension and extrapolation limit of a model pretrained at {@code trainContext} with base
     * {@code base} and rotary dimension {@code headDim}.
     *
     * @param digits significant digits of T_extra
     * @throws InvalidInputException if a value is outside the domains of the class comment
     */
    public static Extrapolation of(Rational base, int headDim, BigInteger trainContext, int digits) {
        checkBase(base);
        checkHeadDim(headDim);
        checkTrainContext(trainContext);
        checkDigits(digits);
        Optional<BigInteger> k = Certified.ceiling(a -> Certified.enclose(a, x -> modesArgument(x, base, headDim, trainContext)));
        if (k.isEmpty()) {
            return new Undecided(lastArgument(base, headDim, trainContext));
        }
        long modes = k.get().longValueExact();
        if (modes >= headDim / 2) {
            return new EveryModeTrained(headDim);
        }
        int dExtra = (int) (2 * Math.max(0, modes));
        Rational exponent = Rational.of(BigInteger.valueOf(dExtra), BigInteger.valueOf(headDim));
        CertifiedDecimal tExtra = Certified.decimal(digits, DOWNWARD, a -> Certified.enclose(a, x -> tExtra(x, base, exponent)));
        Optional<BigInteger> max = Certified.floor(a -> Certified.enclose(a, x -> tExtra(x, base, exponent)));
        return new Limited(dExtra, tExtra, max);
    }

    /**
     * The smallest base b of the large-base regime (b &gt;= (T_train/(2 pi))^(d/(d-2)), where d_extra &lt; d) whose
     * T_extra(b) reaches {@code context}. T_extra is a sawtooth in b (it falls back to T_train wherever
     * (d/2) log_b(T_train/(2 pi)) crosses an integer), so bases above the minimum are not all feasible; every base at
     * or above {@link MinimumBase#robust()} is.
     *
     * @param context L
     * @param digits significant digits of both bases, rounded up
     * @throws InvalidInputException if a value is outside the domains of the class comment
     */
    public static MinimumBase minBase(BigInteger context, int headDim, BigInteger trainContext, int digits) {
        checkContext(context);
        checkHeadDim(headDim);
        checkTrainContext(trainContext);
        checkDigits(digits);
        BigInteger half = BigInteger.valueOf(headDim / 2);
        if (context.compareTo(trainContext) <= 0) {
            // T_extra >= T_train >= L on the whole regime: its first base, (T_train/2pi)^(d/(d-2)), and every base above
            Rational exponent = Rational.of(BigInteger.valueOf(headDim), BigInteger.valueOf(headDim - 2L));
            CertifiedDecimal start = Certified.decimal(digits, UPWARD, a -> Certified.enclose(a, x -> x.pow(overTwoPi(x, trainContext), x.of(exponent))));
            return new MinimumBase(Optional.of(start), start, Optional.of(half.subtract(BigInteger.ONE)));
        }
        // segment k of the regime has ceil((d/2) log_b(T'/1)) = k; it reaches L iff k < log(L/2pi) / log(L/T)
        Optional<BigInteger> ceilR = Certified.ceiling(a -> Certified.enclose(a, x -> x.divide(x.log(overTwoPi(x, context)),
                x.log(x.of(Rational.of(context, trainContext))))));
        Rational robustExponent = Rational.of(half, BigInteger.ONE);
        CertifiedDecimal robust = Certified.decimal(digits, UPWARD, a -> Certified.enclose(a, x -> x.pow(overTwoPi(x, context), x.of(robustExponent))));
        if (ceilR.isEmpty()) {
            return new MinimumBase(Optional.empty(), robust, Optional.empty());
        }
        BigInteger k = ceilR.get().subtract(BigInteger.ONE).min(half.subtract(BigInteger.ONE));
        Rational exponent = Rational.of(half, k);
        CertifiedDecimal first = Certified.decimal(digits, UPWARD, a -> Certified.enclose(a, x -> x.pow(overTwoPi(x, context), x.of(exponent))));
        return new MinimumBase(Optional.of(first), robust, Optional.of(k));
    }

    /**
     * The extrapolation criterion's minimum bases for one context, both rounded up.
     *
     * @param first the smallest base whose T_extra reaches L; empty when the segment could not be decided
     * @param robust (L/(2 pi))^(d/2) for L &gt; T_train (every larger base has d_extra = 2 and T_extra = 2 pi b^(2/d) &gt;= L),
     *     the regime's first base for L &lt;= T_train
     * @param modes d_extra/2 at the first base, when decided
     */
    public record MinimumBase(Optional<CertifiedDecimal> first, CertifiedDecimal robust, Optional<BigInteger> modes) {
    }

    /**
     * The smallest base a model fine-tuned with it needs for T_extra = 2 pi b^(d_extra/d) to reach {@code context}, when the
     * critical dimension d_extra was fixed by pretraining (Liu et al.'s Theorem for larger bases): (L/(2 pi))^(d/d_extra),
     * rounded up.
     *
     * @param criticalDimension d_extra, even, 2 &lt;= d_extra &lt;= d
     * @throws InvalidInputException if a value is outside its domain
     */
    public static CertifiedDecimal tunedMinBase(BigInteger context, int headDim, int criticalDimension, int digits) {
        checkContext(context);
        checkHeadDim(headDim);
        checkDigits(digits);
        if (criticalDimension < 2 || criticalDimension > headDim || criticalDimension % 2 != 0) {
            throw new InvalidInputException("critical dimension " + criticalDimension + " is not accepted; need an even d_extra with 2 <= d_extra <= "
                    + headDim);
        }
        Rational exponent = Rational.of(BigInteger.valueOf(headDim), BigInteger.valueOf(criticalDimension));
        return Certified.decimal(digits, UPWARD, a -> Certified.enclose(a, x -> x.pow(overTwoPi(x, context), x.of(exponent))));
    }

    /**
     * Liu et al.'s critical base for fine-tuning at {@code tuneContext} a model pretrained with base {@code base} at
     * {@code trainContext}: beta_0 = b0^(log_{T_train/2pi}(T_tune/2pi)), the base whose extrapolation limit (with the
     * pretrained critical dimension taken as continuous) equals T_tune; rounded up, as a minimum.
     *
     * @throws InvalidInputException if a value is outside its domain (T_tune in 1..2^62)
     */
    public static CertifiedDecimal criticalBase(Rational base, BigInteger trainContext, BigInteger tuneContext, int digits) {
        checkBase(base);
        checkTrainContext(trainContext);
        checkContext(tuneContext);
        checkDigits(digits);
        return Certified.decimal(digits, UPWARD, a -> criticalBase(a, base, trainContext, tuneContext));
    }

    /**
     * Liu et al.'s small-base thresholds for tuning context T (with theta_min = 1/b): below 2T/pi the slowest mode's phase
     * T/b passes pi/2 within T, below T/pi it passes pi, below T/(2 pi) it completes a period. Maxima: rounded down.
     *
     * @param quarterTurn 2T/pi
     * @param halfTurn T/pi
     * @param fullTurn T/(2 pi)
     */
    public record SmallBaseThresholds(CertifiedDecimal quarterTurn, CertifiedDecimal halfTurn, CertifiedDecimal fullTurn) {
    }

    /**
     * The small-base thresholds 2T/pi, T/pi, T/(2 pi) for tuning context {@code tuneContext}, rounded down.
     *
     * @throws InvalidInputException if a value is outside its domain (T in 1..2^62)
     */
    public static SmallBaseThresholds smallBaseThresholds(BigInteger tuneContext, int digits) {
        checkContext(tuneContext);
        checkDigits(digits);
        return new SmallBaseThresholds(
                Certified.decimal(digits, DOWNWARD, a -> overPi(a, tuneContext.shiftLeft(1))),
                Certified.decimal(digits, DOWNWARD, a -> overPi(a, tuneContext)),
                Certified.decimal(digits, DOWNWARD, a -> Certified.enclose(a, x -> overTwoPi(x, tuneContext))));
    }

    /** (d/2) log(T/(2 pi)) / log(b): d_extra/2 is its ceiling. */
    private static <T> T modesArgument(Arithmetic<T> a, Rational base, int headDim, BigInteger trainContext) {
        return a.divide(a.multiply(a.of(headDim / 2), a.log(overTwoPi(a, trainContext))), a.log(a.of(base)));
    }

    /** The argument's enclosure at the most precise level {@link Certified#ceiling} tries: what an undecided answer reports. */
    private static Enclosure lastArgument(Rational base, int headDim, BigInteger trainContext) {
        java.util.List<Arithmetic<?>> levels = org.ropebounds.real.Ziv.levels(org.ropebounds.real.Ziv.DOUBLE_DOUBLE_DIGITS);
        return argument(levels.get(levels.size() - 1), base, headDim, trainContext);
    }

    private static <T> Enclosure argument(Arithmetic<T> a, Rational base, int headDim, BigInteger trainContext) {
        return a.toEnclosure(modesArgument(a, base, headDim, trainContext));
    }

    private static <T> Enclosure criticalBase(Arithmetic<T> a, Rational base, BigInteger trainContext, BigInteger tuneContext) {
        return a.toEnclosure(a.exp(a.multiply(a.log(a.of(base)), a.divide(a.log(overTwoPi(a, tuneContext)), a.log(overTwoPi(a, trainContext))))));
    }

    private static <T> Enclosure overPi(Arithmetic<T> a, BigInteger length) {
        return a.toEnclosure(a.divide(a.of(Rational.of(length, BigInteger.ONE)), a.pi()));
    }

    private static <T> T tExtra(Arithmetic<T> a, Rational base, Rational exponent) {
        return a.multiply(a.multiply(a.of(2), a.pi()), a.pow(a.of(base), a.of(exponent)));
    }

    private static <T> T overTwoPi(Arithmetic<T> a, BigInteger length) {
        return a.divide(a.of(Rational.of(length, BigInteger.ONE)), a.multiply(a.of(2), a.pi()));
    }

    static void checkBase(Rational base) {
        if (base.compareTo(Rational.ONE) <= 0) {
            throw new InvalidInputException("base " + base.toCompactDecimalStringOrFraction() + " is out of range; accepted: b > 1");
        }
    }

    static void checkHeadDim(int headDim) {
        if (headDim < 4 || headDim % 2 != 0 || headDim > MAX_HEAD_DIM) {
            throw new InvalidInputException("head dim " + headDim + " is not accepted by Liu et al.'s law; need an even d with 4 <= d <= "
                    + MAX_HEAD_DIM);
        }
    }

    static void checkTrainContext(BigInteger t) {
        if (t.compareTo(BigInteger.valueOf(MIN_TRAIN_CONTEXT)) < 0 || t.compareTo(MAX_CONTEXT) > 0) {
            throw new InvalidInputException("train context " + t + " is out of range; accepted: " + MIN_TRAIN_CONTEXT
                    + " <= T_train <= 2^62 (the law needs T_train/(2 pi) > 1)");
        }
    }

    static void checkContext(BigInteger l) {
        if (l.signum() < 1 || l.compareTo(MAX_CONTEXT) > 0) {
            throw new InvalidInputException("context " + l + " is out of range; accepted: 1 <= L <= 2^62");
        }
    }

    static void checkDigits(int digits) {
        if (digits < 1 || digits > org.ropebounds.real.Ziv.MAX_DIGITS) {
            throw new InvalidInputException("digits " + digits + " is out of range; accepted: 1.." + org.ropebounds.real.Ziv.MAX_DIGITS);
        }
    }
}
