package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ropebounds.InvalidInputException;
import org.ropebounds.claim.Claim;
import org.ropebounds.claim.ClaimParser;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.Enclosure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ropebounds check}: verify a claim written as a chain of comparisons. */
@Command(name = "check", mixinStandardHelpOptions = true, header = "Verify a claim (a chain of comparisons) with certified enclosures: TRUE, FALSE or UNDECIDED.", versionProvider = RopeBoundsCommand.Version.class,
        description = {"Verify a claim: real expressions joined by comparisons, evaluated with certified enclosures",
            "of increasing precision. Verdict TRUE (exit 0), FALSE (exit 1) or UNDECIDED (exit 3: the enclosures",
            "could not decide at the digit limit), with the enclosure of every side.",
            "",
            "Language: numbers (decimal, 1e-7, hex float 0x1p-3), parameters from --set, pi, + - * / ^ ( ),",
            "comparisons < <= > >= == != (chains allowed: 0 < x <= 1), and the functions:",
            "  sqrt exp log cos sin arccos arcsin arctan (acos asin atan) abs min(x,y) max(x,y)",
            "  ceiling(F)          1/eps_mach(F) = 2^(p-1) (fp32: 8388608)",
            "  ulp(F, x)           spacing of format F at x",
            "  round(F, x)         x rounded to F, nearest, ties to even",
            "  theta(b, d, i)      b^(-2i/d)",
            "  zone_lower(L, N, eps, d)  binding lower bound on b (approx spectrum)",
            "F is a format: fp64, fp32, tf32, fp16, bf16, fp8-e4m3, fp8-e5m2, an alias, or p=..,emin=..,emax=..[,specials=fn].",
            "Anything else is refused before evaluation. Work out of reach is refused before its costly step: a power",
            "or exp beyond 2^(2^" + Claim.MAX_RESULT_LOG2_BITS + "), cos or sin of |x| > 2^" + Claim.MAX_PERIODIC_LOG2
                    + ". A claim may start with '-' (check \"-1 < 0\")."},
        footer = {"", "Examples:",
            "  ropebounds check \"L/arccos(eps^(1/N)) <= 500000\" --set L=131072,eps=0.9,N=32",
            "  ropebounds check \"round(bf16, 15962) == 15936\"",
            "  ropebounds check \"1e7 > ceiling(fp32)\""})
final class CheckCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "CLAIM", hideParamSyntax = true, description = "The claim, quoted as one argument; it may start with '-'.")
    List<String> claimArguments;

    @Option(names = "--set", split = ",", paramLabel = "NAME=VALUE",
            description = "Parameter values, exact decimals or hex floats: --set L=131072,eps=0.9,N=32 (comma-separated or repeated; each name once).")
    List<String> settings = new ArrayList<>();

    @Option(names = "--digits", paramLabel = "N", defaultValue = "30",
            description = "Significant digits the enclosures aim for before UNDECIDED (1.." + Claim.MAX_DIGITS + ", default ${DEFAULT-VALUE}).")
    int digits;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Converters.checkDigits(digits, Claim.MAX_DIGITS);
        Map<String, Rational> parameters = parameters(settings);
        Claim claim = ClaimParser.parse(claimText(claimArguments, spec), parameters);
        Claim.Result result = claim.check(digits);
        int shown = Math.min(digits, 40);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode o = Json.object();
            o.put("claim", claim.text());
            o.put("verdict", result.verdict().name());
            ObjectNode params = o.putObject("parameters");
            parameters.forEach((k, v) -> params.put(k, Json.exact(v)));
            ArrayNode sides = o.putArray("sides");
            for (int i = 0; i < claim.sides().size(); i++) {
                sides.add(side(claim.sideTexts().get(i), result.sides().get(i), shown));
            }
            ArrayNode rel = o.putArray("relations");
            claim.relations().forEach(r -> rel.add(r.symbol()));
            o.put("precision_bits", result.precisionBits());
            Json.print(out, o);
        } else {
            out.print(result.verdict() + "  " + claim.text() + "\n");
            for (int i = 0; i < claim.sides().size(); i++) {
                Enclosure e = result.sides().get(i);
                CertifiedDecimal d = CertifiedDecimal.best(e, shown);
                out.print("  " + claim.sideTexts().get(i) + " = " + d + "  (" + d.guarantee() + ")"
                        + (e.isExact() ? "" : ", in " + CertifiedDecimal.interval(e, shown)) + "\n");
            }
            if (result.verdict() == Claim.Verdict.UNDECIDED) {
                out.print("  the enclosures overlap at " + digits + " digits; try a larger --digits\n");
            }
            out.flush();
        }
        return switch (result.verdict()) {
            case TRUE -> Main.EXIT_OK;
            case FALSE -> Main.EXIT_FAILURE;
            case UNDECIDED -> Main.EXIT_UNDECIDED;
        };
    }

    /**
     * The one claim among the positional arguments, which take whatever is not a known option (so that a
     * claim may start with '-').
     *
     * @throws InvalidInputException for an argument shaped like an option (a misspelt --digits, say), or
     *         for more than one argument
     */
    static String claimText(List<String> arguments, CommandLine.Model.CommandSpec spec) {
        for (String a : arguments) {
            if (a.matches("--?[A-Za-z][A-Za-z0-9-]*(=.*)?")) {
                throw new InvalidInputException("unknown option '" + InvalidInputException.quoted(a.replaceFirst("=.*", ""))
                        + "'; accepted: " + String.join(", ", spec.options().stream().map(o -> o.longestName()).toList()));
            }
        }
        if (arguments.size() > 1) {
            throw new InvalidInputException("the claim must be one argument (quote it); got " + arguments.size() + ": '"
                    + InvalidInputException.quoted(String.join("' '", arguments)) + "'");
        }
        return arguments.get(0);
    }

    /**
     * The NAME=VALUE settings as exact values, in order.
     *
     * @throws InvalidInputException for a setting without '=', a value that is not a number, or a name set twice
     */
    static Map<String, Rational> parameters(List<String> settings) {
        Map<String, Rational> parameters = new LinkedHashMap<>();
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            if (eq < 0) {
                throw new InvalidInputException("--set '" + InvalidInputException.quoted(setting) + "' is not NAME=VALUE; accepted: e.g. --set L=131072,eps=0.9");
            }
            String name = setting.substring(0, eq).strip();
            Rational value;
            try {
                value = Rational.parse(setting.substring(eq + 1));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--set " + InvalidInputException.quoted(name) + ": " + e.getMessage());
            }
            if (parameters.containsKey(name)) {
                throw new InvalidInputException("--set names '" + InvalidInputException.quoted(name) + "' twice ("
                        + parameters.get(name).toCompactDecimalStringOrFraction() + " and " + value.toCompactDecimalStringOrFraction()
                        + "); accepted: each parameter set once");
            }
            parameters.put(name, value);
        }
        return parameters;
    }

    private static ObjectNode side(String text, Enclosure e, int digits) {
        ObjectNode o = Json.object();
        CertifiedDecimal d = CertifiedDecimal.best(e, digits);
        o.put("expression", text);
        o.put("value", d.text());
        o.put("guarantee", d.guarantee());
        o.put("exact", e.isExact());
        o.put("enclosure", e.isExact() ? "[" + Json.exact(e.lo()) + ", " + Json.exact(e.lo()) + "]"
                : CertifiedDecimal.interval(e, digits));
        return o;
    }
}
