package org.ropebounds.real;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Ziv's strategy: evaluate at a working precision, and when the enclosure does not decide what was
 * asked, raise the precision and evaluate again, up to a limit; past the limit, say so. The first level
 * is double interval arithmetic when at most 15 digits are asked (its proven error margin often
 * decides them), then {@link EnclosureArithmetic} from about 3.33 bits per digit plus guard bits,
 * doubling.
 */
public final class Ziv {
    /** Most significant digits anyone may ask for. */
    public static final int MAX_DIGITS = 10_000;

    private Ziv() {
    }

    /**
     * The arithmetics to try, in order, for results wanted to {@code digits} significant digits.
     *
     * @throws IllegalArgumentException unless 1 <= digits <= {@value #MAX_DIGITS}
     */
    public static List<Arithmetic<?>> levels(int digits) {
        if (digits < 1 || digits > MAX_DIGITS) {
            throw new IllegalArgumentException("digits must be within 1.." + MAX_DIGITS + ": " + digits);
        }
        return LEVELS.computeIfAbsent(digits, Ziv::computeLevels);
    }

    private static final java.util.concurrent.ConcurrentHashMap<Integer, List<Arithmetic<?>>> LEVELS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static List<Arithmetic<?>> computeLevels(int digits) {
        List<Arithmetic<?>> out = new ArrayList<>();
        if (digits <= 15) {
            out.add(DoubleIntervalArithmetic.INSTANCE);
        }
        int bits = Math.max(64, (int) Math.ceil(digits * 3.3219280948873626) + 32);
        int limit = Math.min(EnclosureArithmetic.MAX_BITS, Math.max(8 * bits, 4096));
        for (; bits < limit; bits *= 2) {
            out.add(new EnclosureArithmetic(bits));
        }
        out.add(new EnclosureArithmetic(limit));
        return List.copyOf(out);
    }

    /**
     * The first answer {@code attempt} gives at increasing precision; an attempt answers empty (or
     * throws {@link InsufficientPrecisionException}) when its enclosures cannot decide. Empty when no level
     * decides. Domain errors ({@link ArithmeticException}) pass through.
     */
    public static <R> Optional<R> decide(int digits, Function<Arithmetic<?>, Optional<R>> attempt) {
        for (Arithmetic<?> a : levels(digits)) {
            try {
                Optional<R> r = attempt.apply(a);
                if (r.isPresent()) {
                    return r;
                }
            } catch (InsufficientPrecisionException e) {
                // try the next level
            }
        }
        return Optional.empty();
    }

    /** Trailing zeros in a rounded decimal hint at an exact value that doubles could not hold (0.01, say). */
    private static boolean looksExact(CertifiedDecimal d) {
        String mantissa = d.text().replaceFirst("e.*$", "").replace(".", "");
        return !d.exact() && mantissa.length() >= 4 && mantissa.endsWith("000");
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

    /**
     * {@code f} to {@code digits} certified significant digits, or as many as the most precise level
     * decides (see {@link CertifiedDecimal#complete()}).
     */
    public static CertifiedDecimal decimal(int digits, Function<Arithmetic<?>, Enclosure> f) {
        Enclosure last = null;
        for (Arithmetic<?> a : levels(digits)) {
            try {
                last = f.apply(a);
            } catch (InsufficientPrecisionException e) {
                continue;
            }
            Optional<CertifiedDecimal> d = CertifiedDecimal.decide(last, digits);
            if (d.isPresent()) {
                return a instanceof DoubleIntervalArithmetic && looksExact(d.get()) ? exactIfSo(digits, f).orElse(d.get()) : d.get();
            }
        }
        if (last == null) {
            return new CertifiedDecimal("?", 0, digits, false);
        }
        return CertifiedDecimal.best(last, digits);
    }
}
