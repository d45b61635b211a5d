package org.ropebounds.libm;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.ropebounds.InvalidInputException;

/**
 * The libm model of each function of a pipeline: pow (or exp), cos, sin. Built from a preset or one model
 * for all ({@link #parse}), then per function ({@link #with}). Immutable.
 *
 * <p>Presets (sources in the README's crosscheck section):
 * <ul>
 *   <li>{@code correct}: every function correctly rounded (the emulation's own model);</li>
 *   <li>{@code glibc}: pow, cos, sin within 1 ulp ({@code ulps:1}): glibc's binary32 powf, sinf and cosf are
 *       ARM's optimized-routines code, whose comments give 0.82 ulp (powf) and 0.56 ulp (sinf, cosf); 1 ulp in the
 *       |r - y| <= ulp(y) measure bounds both;</li>
 *   <li>{@code sleef-u10}: SLEEF's u10 functions: 1.0 ulp, sin and cos for |x| <= 1e28 (unbounded beyond);</li>
 *   <li>{@code cuda}: CUDA's standard single-precision functions: powf, sinf, cosf within 2 ulps;</li>
 *   <li>{@code cuda-fast-math}: {@code --use_fast_math}: {@code __sinf}/{@code __cosf} within 2^-21.19 absolute for
 *       |x| <= pi (2^-21.41 in newer guides; the larger is taken), unbounded outside; {@code __powf} has no
 *       numeric bound in the guide (it is documented as derived from exp2f(y * __log2f(x))), so pow is unbounded.</li>
 * </ul>
 *
 * @param pow the model of pow(b, e) in the inv_freq computation format
 * @param cos the model of cos in the trig format
 * @param sin the model of sin in the trig format
 */
public record LibmModels(LibmModel pow, LibmModel cos, LibmModel sin) {
    /** Preset names, in the order they are listed. */
    public static final List<String> PRESETS = List.of("correct", "faithful", "glibc", "sleef-u10", "cuda", "cuda-fast-math");

    /** Every function correctly rounded. */
    public static final LibmModels CORRECT = new LibmModels(LibmModel.CORRECT, LibmModel.CORRECT, LibmModel.CORRECT);

    public LibmModels {
        Objects.requireNonNull(pow, "pow");
        Objects.requireNonNull(cos, "cos");
        Objects.requireNonNull(sin, "sin");
        if (pow.range().isPresent()) {
            throw new InvalidInputException("libm model " + pow.label() + " for pow has an argument range; accepted for pow: "
                    + "correct, faithful, ulps:K, abs:E or unbounded without @R (a range applies to cos and sin)");
        }
    }

    /** The same model for every function. */
    public static LibmModels all(LibmModel m) {
        return new LibmModels(m.range().isPresent() ? LibmModel.UNBOUNDED : m, m, m);
    }

    /**
     * A preset name ({@link #PRESETS}, any case) or one model for every function ({@link LibmModel#parse}; a
     * model with an argument range applies to cos and sin, pow is then unbounded).
     *
     * @throws InvalidInputException for anything else
     */
    public static LibmModels parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "glibc" -> {
                LibmModel one = new LibmModel.Ulps(1, java.util.Optional.empty());
                return new LibmModels(one, one, one);
            }
            case "sleef-u10" -> {
                LibmModel trig = new LibmModel.Ulps(1, java.util.Optional.of(ArgumentRange.parse("1e28")));
                return new LibmModels(new LibmModel.Ulps(1, java.util.Optional.empty()), trig, trig);
            }
            case "cuda" -> {
                LibmModel two = new LibmModel.Ulps(2, java.util.Optional.empty());
                return new LibmModels(two, two, two);
            }
            case "cuda-fast-math" -> {
                LibmModel trig = LibmModel.parse("abs:2^-21.19@pi");
                return new LibmModels(LibmModel.UNBOUNDED, trig, trig);
            }
            default -> {
                try {
                    return all(LibmModel.parse(t));
                } catch (InvalidInputException e) {
                    throw new InvalidInputException("libm '" + InvalidInputException.quoted(text.strip()) + "' is not accepted; accepted: a preset ("
                            + String.join(", ", PRESETS) + ") or a model: " + e.getMessage().replaceFirst("^.*accepted: ", ""));
                }
            }
        }
    }

    /** These models with {@code f}'s replaced. */
    public LibmModels with(LibmFunction f, LibmModel m) {
        return switch (f) {
            case POW -> new LibmModels(m, cos, sin);
            case COS -> new LibmModels(pow, m, sin);
            case SIN -> new LibmModels(pow, cos, m);
        };
    }

    /** The model of {@code f}. */
    public LibmModel of(LibmFunction f) {
        return switch (f) {
            case POW -> pow;
            case COS -> cos;
            case SIN -> sin;
        };
    }

    /** Whether every function is correctly rounded. */
    public boolean allCorrect() {
        return pow instanceof LibmModel.Correct && cos instanceof LibmModel.Correct && sin instanceof LibmModel.Correct;
    }

    /**
     * Whether some function is correctly rounded: exactly when {@link #atLeastFaithful()} differs from these models
     * (a question asked without comparing records, whose generated {@code equals} costs every crosscheck's start).
     */
    public boolean anyCorrect() {
        return pow instanceof LibmModel.Correct || cos instanceof LibmModel.Correct || sin instanceof LibmModel.Correct;
    }

    /** These models with each correctly rounded function only faithful (the weakest libm anyone ships as accurate). */
    public LibmModels atLeastFaithful() {
        return new LibmModels(faithfulIfCorrect(pow), faithfulIfCorrect(cos), faithfulIfCorrect(sin));
    }

    private static LibmModel faithfulIfCorrect(LibmModel m) {
        return m instanceof LibmModel.Correct ? LibmModel.FAITHFUL : m;
    }

    /** One line: {@code pow faithful, cos ulps:4, sin ulps:4}. */
    public String describe() {
        return "pow " + pow.label() + ", cos " + cos.label() + ", sin " + sin.label();
    }
}
