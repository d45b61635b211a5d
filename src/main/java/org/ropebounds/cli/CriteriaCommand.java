package org.ropebounds.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ropebounds.bounds.ContextLength;
import org.ropebounds.bounds.EpsilonConvention;
import org.ropebounds.criteria.Criteria;
import org.ropebounds.criteria.CriteriaQuery;
import org.ropebounds.criteria.DecaySearch;
import org.ropebounds.criteria.CriteriaReport.MaxContexts;
import org.ropebounds.criteria.CriteriaReport.MinimumBases;
import org.ropebounds.criteria.Criterion;
import org.ropebounds.criteria.DecayCriterion;
import org.ropebounds.criteria.DistanceRange;
import org.ropebounds.format.Rational;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ropebounds criteria}: every published base criterion side by side. */
@Command(name = "criteria", mixinStandardHelpOptions = true, versionProvider = RopeBoundsCommand.Version.class,
        header = "Every published RoPE base criterion side by side: minimum bases for a context, or longest contexts for a base.",
        description = {"With --context: each criterion's minimum base for that context, rounded up, with its source and guarantee:",
            "the seed paper's aliasing, DC and depth stability bounds (arXiv:2602.10959, approx spectrum), Men et al.'s",
            "long-term decay bound (arXiv:2405.14591: first feasible base, robust bound, feasible intervals) and Liu et al.'s",
            "extrapolation law (arXiv:2310.05209: the smallest base whose T_extra reaches L; needs --train-context).",
            "With --base: each criterion's longest supported context (an exact integer, rounded down), the decay bound's",
            "L_theta and first negative m, and the critical dimension and T_extra of Liu et al.",
            "A criterion whose parameters are not given is listed as not computed, with the option it needs."},
        footer = {"", "Examples: ropebounds criteria --context 128k --layers 32 --tolerance 0.5 --train-context 4096",
            "          ropebounds criteria --base 500000 --train-context 8192 --json"})
final class CriteriaCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    static final class Subject {
        @Option(names = {"-L", "--context"}, required = true, paramLabel = "L",
                description = "Context length for the minimum bases: 131072, 2^17, 1e6, 128k (k = 1024), 1M (M = 1048576).")
        String context;

        @Option(names = {"-b", "--base"}, required = true, paramLabel = "B", description = "Base whose longest contexts to give (b > 1, exact).")
        Rational base;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    @Option(names = {"-d", "--head-dim", "--rotary-dim"}, paramLabel = "D", defaultValue = "128",
            description = "Rotary dimension d (even, >= 2; default ${DEFAULT-VALUE}).")
    int headDim;

    @Option(names = {"-N", "--layers"}, paramLabel = "N", description = "Layers that apply RoPE (>= 1), for depth stability.")
    Integer layers;

    @Option(names = {"--tolerance", "--eps"}, paramLabel = "EPS", description = "Coherence tolerance eps, 0 < eps < 1 (exact decimal), for DC and depth stability.")
    Rational tolerance;

    @Option(names = "--train-context", paramLabel = "T", description = "Pretraining context T_train (>= 7), for Liu et al.'s extrapolation law.")
    String trainContext;

    @Option(names = "--range", paramLabel = "R", defaultValue = "inclusive",
            description = "Relative distances of the decay bound: inclusive (m in [0, L], the paper's) or exclusive ([0, L-1]); default ${DEFAULT-VALUE}.")
    String range;

    @Option(names = "--digits", paramLabel = "N", defaultValue = "15",
            description = "Significant digits of every printed value, 1.." + CriteriaQuery.MAX_DIGITS + " (default ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = "--decay-digits", paramLabel = "N", defaultValue = "" + CriteriaQuery.DEFAULT_DECAY_DIGITS,
            description = "Significant digits to which the decay search locates bases, 1.." + DecayCriterion.MAX_BASE_DIGITS
                    + " (default ${DEFAULT-VALUE}; each digit past about 10 multiplies the search's time).")
    int decayDigits;

    @Option(names = "--decay-search", paramLabel = "S", defaultValue = "full",
            description = "full (default: the decay bound's first feasible base, robust bound and feasible intervals; minutes beyond L = 2^15) "
                    + "or first (the first feasible base alone, the robust bound as a searched range; seconds even at L = 2^20).")
    String decaySearch;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private DecaySearch decaySearch() {
        try {
            return DecaySearch.parse(decaySearch);
        } catch (org.ropebounds.InvalidInputException e) {
            throw new org.ropebounds.InvalidInputException("--decay-search: " + e.getMessage());
        }
    }

    @Override
    public Integer call() {
        Converters.checkDigits(digits, CriteriaQuery.MAX_DIGITS);
        if (decayDigits < 1 || decayDigits > DecayCriterion.MAX_BASE_DIGITS) {
            throw new org.ropebounds.InvalidInputException("--decay-digits " + decayDigits + " is out of range; accepted: 1.." + DecayCriterion.MAX_BASE_DIGITS);
        }
        DistanceRange distances = CriteriaText.range(range);
        Optional<BigInteger> train = Optional.ofNullable(trainContext).map(t -> {
            try {
                return ContextLength.parse(t);
            } catch (org.ropebounds.InvalidInputException e) {
                throw new org.ropebounds.InvalidInputException("--train-context: " + e.getMessage());
            }
        });
        CriteriaQuery q = new CriteriaQuery(headDim, Optional.ofNullable(layers), Optional.ofNullable(tolerance), train, distances,
                digits, decayDigits, decaySearch());
        PrintWriter out = spec.commandLine().getOut();
        if (subject.context != null) {
            BigInteger l = ContextLength.parse(subject.context);
            MinimumBases r = Criteria.minimumBases(l, q);
            String note = CeilingNote.of(EpsilonConvention.MACHINE, "B", l, "");
            if (common.json) {
                Json.print(out, CriteriaJson.of(r, note));
            } else {
                out.print(CriteriaText.of(r, subject.context.strip(), note));
            }
        } else {
            MaxContexts r = Criteria.maxContexts(subject.base, q);
            String note = CeilingNote.of(EpsilonConvention.MACHINE, Json.exact(subject.base), BigInteger.ONE.shiftLeft(20), "");
            if (common.json) {
                Json.print(out, CriteriaJson.of(r, note));
            } else {
                out.print(CriteriaText.of(r, note));
            }
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /** The option a criterion that was not computed needs, for its "not computed" line. */
    static String optionNeeded(Criterion c) {
        return switch (c) {
            case DC_STABILITY -> " (give --tolerance)";
            case DEPTH_STABILITY -> " (give --tolerance and --layers)";
            case EXTRAPOLATION -> " (give --train-context)";
            default -> "";
        };
    }
}
