package org.ropebounds.real;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Ziv's strategy: evaluate at a working precision, and when the enclosure does not decide what was
 * asked, raise the precision and evaluate again, up to a limit; past the limit, say so. The first level
 * is double interval arithmetic when at most 15 digits are asked (its proven error margin often
 * decides them), then double-double balls ({@link DoubleDoubleIntervalArithmetic}) when at most
 * {@value #DOUBLE_DOUBLE_DIGITS} are, then midpoint-radius balls ({@link BallArithmetic}) from about 3.33 bits
 * per digit plus guard bits, doubling, and last {@link EnclosureArithmetic} at the limit. A level only answers
 * when its enclosure decides, and the ball levels keep exact what {@link EnclosureArithmetic} at their
 * precision would, so what is decided does not depend on which level decided it; what is not decided comes
 * from the last level, an enclosure level as before.
 */
public final class Ziv {
    /** Most significant digits anyone may ask for. */
    public static final int MAX_DIGITS = 10_000;

    /** Most digits for which the double-double level is tried (it carries about 106 bits, 30 digits after rounding). */
    public static final int DOUBLE_DOUBLE_DIGITS = 30;

    private Ziv() {
    }

    /**
     * The arithmetics to try, in order, for results wanted to {@code digits} significant digits.
     *
     * @throws IllegalArgumentException unless digits is within 1..{@value #MAX_DIGITS}
     */
    public static List<Arithmetic<?>> levels(int digits) {
        if (digits < 1 || digits > MAX_DIGITS) {
            throw new IllegalArgumentException("digits must be within 1.." + MAX_DIGITS + ": " + digits);
        }
        return LEVELS.computeIfAbsent(digits, Ziv::computeLevels);
    }

    private static final java.util.concurrent.ConcurrentHashMap<Integer, List<Arithmetic<?>>> LEVELS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The levels a caller reports as such, by their enclosures and precision: {@link DoubleIntervalArithmetic}
     * (53 bits) when at most 15 digits are asked, then {@link EnclosureArithmetic} at the precisions of
     * {@link #levels} (the same bits, doubling, up to the same limit), without the ball levels.
     *
     * @throws IllegalArgumentException unless digits is within 1..{@value #MAX_DIGITS}
     */
    public static List<Arithmetic<?>> reportableLevels(int digits) {
        levels(digits); // the range check
        return REPORTABLE.computeIfAbsent(digits, d -> computeLevels(d, false));
    }

    private static final java.util.concurrent.ConcurrentHashMap<Integer, List<Arithmetic<?>>> REPORTABLE =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static List<Arithmetic<?>> computeLevels(int digits) {
        return computeLevels(digits, true);
    }

    private static List<Arithmetic<?>> computeLevels(int digits, boolean balls) {
        List<Arithmetic<?>> out = new ArrayList<>();
        if (digits <= 15) {
            out.add(DoubleIntervalArithmetic.INSTANCE);
        }
        int bits = Math.max(64, (int) Math.ceil(digits * 3.3219280948873626) + 32);
        if (balls && digits <= DOUBLE_DOUBLE_DIGITS) {
            out.add(new DoubleDoubleIntervalArithmetic(bits)); // exact where EnclosureArithmetic(bits), the next level, is
        }
        int limit = Math.min(EnclosureArithmetic.MAX_BITS, Math.max(8 * bits, 4096));
        for (; bits < limit; bits *= 2) {
            out.add(balls ? new BallArithmetic(bits) : new EnclosureArithmetic(bits)); // balls: exact where EnclosureArithmetic(bits) is
        }
        out.add(new EnclosureArithmetic(limit));
        return List.copyOf(out);
    }

    /** One try of a Ziv loop at one precision level. */
    @FunctionalInterface
    public interface Attempt<R> {
        /**
         * The result at this level; throw {@link InsufficientPrecisionException} when the level cannot even
         * evaluate it.
         *
         * @param a the arithmetic of this level
         * @param mostPrecise whether no more precise level follows (a last chance to settle for less)
         */
        R at(Arithmetic<?> a, boolean mostPrecise);
    }

    /**
     * The one Ziv loop: {@code attempt} at each level of {@link #levels(int) levels(digits)} in order, until
     * {@code decided} accepts a result, which is returned. When none is accepted, the result of the last
     * level that evaluated (the most precise one reached) is returned, so a caller can settle for fewer
     * digits. Levels whose attempt throws {@link InsufficientPrecisionException} are skipped. Empty only when
     * no level evaluated. Other exceptions, domain errors ({@link ArithmeticException}) included, pass through.
     *
     * @throws IllegalArgumentException unless digits is within 1..{@value #MAX_DIGITS}
     */
    public static <R> Optional<R> refine(int digits, Attempt<R> attempt, Predicate<? super R> decided) {
        return refineOver(levels(digits), attempt, decided);
    }

    /**
     * {@link #refine}'s loop over the given levels, in order (for instance {@link #reportableLevels}).
     *
     * @param levels the arithmetics to try, most precise last; not empty
     */
    public static <R> Optional<R> refineOver(List<Arithmetic<?>> levels, Attempt<R> attempt, Predicate<? super R> decided) {
        Optional<R> last = Optional.empty();
        for (int i = 0; i < levels.size(); i++) {
            R r;
            try {
                r = attempt.at(levels.get(i), i == levels.size() - 1);
            } catch (InsufficientPrecisionException e) {
                continue; // the next level has more bits
            }
            last = Optional.of(r);
            if (decided.test(r)) {
                return last;
            }
        }
        return last;
    }

    /**
     * The first answer {@code attempt} gives at increasing precision; an attempt answers empty (or
     * throws {@link InsufficientPrecisionException}) when its enclosures cannot decide. Empty when no level
     * decides. Domain errors ({@link ArithmeticException}) pass through.
     *
     * @throws IllegalArgumentException unless digits is within 1..{@value #MAX_DIGITS}
     */
    public static <R> Optional<R> decide(int digits, Function<Arithmetic<?>, Optional<R>> attempt) {
        return refine(digits, (a, mostPrecise) -> attempt.apply(a), Optional::isPresent).flatMap(r -> r);
    }

    /** Trailing zeros in a rounded decimal hint at an exact value that doubles could not hold (0.01, say). */
    private static boolean looksExact(CertifiedDecimal d) {
        return d.roundedTrailingZeros() >= 3;
    }

    /** The value printed exactly, when exact rational arithmetic gives a point. */
    private static Optional<CertifiedDecimal> exactIfSo(int digits, Function<Arithmetic<?>, Enclosure> f) {
        try {
            Enclosure e = f.apply(new EnclosureArithmetic(Math.max(64, (int) Math.ceil(digits * 3.33) + 32)));
            return e.isExact() ? CertifiedDecimal.decide(e, digits).filter(CertifiedDecimal::exact) : Optional.empty();
        } catch (InsufficientPrecisionException e) {
            return Optional.empty();
        }
    }

    /** One level's enclosure and what it decides. */
    private record Step(Arithmetic<?> arithmetic, Enclosure enclosure, Optional<CertifiedDecimal> decided) {
    }

    /**
     * {@code f} to {@code digits} certified significant digits, or as many as the most precise level
     * evaluated decides (see {@link CertifiedDecimal#complete()}); {@link CertifiedDecimal#undecided} when
     * no level could evaluate {@code f}. Domain errors ({@link ArithmeticException}) pass through.
     *
     * @throws IllegalArgumentException unless digits is within 1..{@value #MAX_DIGITS}
     */
    public static CertifiedDecimal decimal(int digits, Function<Arithmetic<?>, Enclosure> f) {
        Optional<Step> step = refine(digits, (a, mostPrecise) -> {
            Enclosure x = f.apply(a);
            return new Step(a, x, CertifiedDecimal.decide(x, digits));
        }, s -> s.decided().isPresent());
        if (step.isEmpty()) {
            return CertifiedDecimal.undecided(digits);
        }
        Step s = step.get();
        if (s.decided().isEmpty()) {
            return CertifiedDecimal.best(s.enclosure(), digits);
        }
        CertifiedDecimal d = s.decided().get();
        return s.arithmetic() instanceof DoubleIntervalArithmetic && looksExact(d) ? exactIfSo(digits, f).orElse(d) : d;
    }
}
