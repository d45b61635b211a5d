package org.ropebounds.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The executable steps of one proof file (Markdown, {@code proofs/*.md}), and their check against a
 * {@link SymbolicEngine}.
 *
 * <p>Steps live in fenced code blocks whose info string is exactly {@code symja}. Inside a block, blank
 * lines are ignored and every other line is one of
 * <pre>
 * In:   Symja input
 * Out:  the exact output the engine prints for it (required, right after its In line)
 * Sign: positive|negative|zero|nonnegative|nonpositive [quarter-turn]   (optional, after an Out line)
 * </pre>
 * Text after the colon is compared with surrounding white space removed. A {@code Sign} line claims the
 * sign of the step's result under {@link Assumptions#STANDARD}, or under
 * {@link Assumptions#WITHIN_QUARTER_TURN} when it ends with {@code [quarter-turn]}. Anything else inside a
 * block is a format error. Immutable.
 */
public final class ProofScript {

    private static final String FENCE = "```";
    private static final String INFO = "symja";
    private static final String QUARTER_TURN = "[quarter-turn]";

    /**
     * One In/Out step.
     *
     * @param line the 1-based line of its {@code In:} line
     * @param input the Symja input after {@code In:}, stripped
     * @param expected the output after {@code Out:}, stripped
     * @param signClaim the {@code Sign:} line that follows the step, if any
     */
    public record Step(int line, String input, String expected, Optional<SignClaim> signClaim) {
        /** @throws NullPointerException if {@code input}, {@code expected} or {@code signClaim} is null */
        public Step {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(signClaim, "signClaim");
        }
    }

    /**
     * A {@code Sign:} line: the sign claimed for its step's result and the assumptions it holds under.
     *
     * @param sign the claimed sign, never {@link Sign#UNKNOWN}
     * @param assumptions {@link Assumptions#WITHIN_QUARTER_TURN} for a line ending in {@code [quarter-turn]},
     *     else {@link Assumptions#STANDARD}
     * @param line the 1-based line of the {@code Sign:} line
     */
    public record SignClaim(Sign sign, Assumptions assumptions, int line) {
        /**
         * @throws NullPointerException if {@code sign} or {@code assumptions} is null
         * @throws IllegalArgumentException if {@code sign} is {@link Sign#UNKNOWN} (a claim is decided)
         */
        public SignClaim {
            Objects.requireNonNull(sign, "sign");
            Objects.requireNonNull(assumptions, "assumptions");
            if (sign == Sign.UNKNOWN) {
                throw new IllegalArgumentException("a Sign: line claims a decided sign, not UNKNOWN");
            }
        }
    }

    /** A step whose actual output (or sign) differs from the file. */
    public record Failure(String file, int line, String input, String expected, String actual) {
        /** {@code file:line: In: ... / expected: ... / actual: ...}. */
        public String message() {
            return file + ":" + line + ": In: " + input + "\n    expected: " + expected + "\n    actual:   " + actual;
        }
    }

    private final String file;
    private final List<Step> steps;

    private ProofScript(String file, List<Step> steps) {
        this.file = file;
        this.steps = List.copyOf(steps);
    }

    /**
     * Reads the steps of a Markdown text.
     *
     * @param file the name used in messages
     * @throws IllegalArgumentException naming file and line, for a malformed {@code symja} block (an
     *     unknown line, an In without Out, an Out or Sign without In, an unknown sign word, an unclosed fence)
     */
    public static ProofScript parse(String file, String markdown) {
        List<Step> steps = new ArrayList<>();
        String[] lines = markdown.split("\r?\n", -1);
        boolean inBlock = false;
        boolean otherBlock = false;
        int blockStart = 0;
        int inLine = 0;
        String input = null;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String raw = lines[i];
            String t = raw.strip();
            if (!inBlock && !otherBlock) {
                if (t.startsWith(FENCE)) {
                    if (t.substring(FENCE.length()).strip().equals(INFO)) {
                        inBlock = true;
                        blockStart = lineNo;
                    } else {
                        otherBlock = true;
                    }
                }
                continue;
            }
            if (otherBlock) {
                if (t.equals(FENCE)) {
                    otherBlock = false;
                }
                continue;
            }
            if (t.equals(FENCE)) {
                if (input != null) {
                    throw error(file, inLine, "In: without Out:");
                }
                inBlock = false;
                continue;
            }
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("In:")) {
                if (input != null) {
                    throw error(file, inLine, "In: without Out:");
                }
                input = t.substring(3).strip();
                inLine = lineNo;
                if (input.isEmpty()) {
                    throw error(file, lineNo, "empty In:");
                }
            } else if (t.startsWith("Out:")) {
                if (input == null) {
                    throw error(file, lineNo, "Out: without In:");
                }
                steps.add(new Step(inLine, input, t.substring(4).strip(), Optional.empty()));
                input = null;
            } else if (t.startsWith("Sign:")) {
                if (input != null || steps.isEmpty() || steps.get(steps.size() - 1).signClaim().isPresent()
                        || steps.get(steps.size() - 1).line() < blockStart) {
                    throw error(file, lineNo, "Sign: must follow an Out: line in the same block");
                }
                Step last = steps.remove(steps.size() - 1);
                String claim = t.substring(5).strip();
                Assumptions assumptions = Assumptions.STANDARD;
                if (claim.endsWith(QUARTER_TURN)) {
                    assumptions = Assumptions.WITHIN_QUARTER_TURN;
                    claim = claim.substring(0, claim.length() - QUARTER_TURN.length()).strip();
                }
                Sign sign = parseSign(file, lineNo, claim);
                steps.add(new Step(last.line(), last.input(), last.expected(),
                        Optional.of(new SignClaim(sign, assumptions, lineNo))));
            } else {
                throw error(file, lineNo, "expected 'In:', 'Out:' or 'Sign:' in a symja block, found: " + t);
            }
        }
        if (inBlock || otherBlock) {
            throw error(file, blockStart, "unclosed code block");
        }
        return new ProofScript(file, steps);
    }

    private static Sign parseSign(String file, int line, String word) {
        for (Sign s : Sign.values()) {
            if (s != Sign.UNKNOWN && s.word().equals(word.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw error(file, line, "unknown sign '" + word + "'; expected positive, negative, zero, nonnegative or "
                + "nonpositive, optionally followed by " + QUARTER_TURN);
    }

    private static IllegalArgumentException error(String file, int line, String message) {
        return new IllegalArgumentException(file + ":" + line + ": " + message);
    }

    /** The file name given to {@link #parse}. */
    public String file() {
        return file;
    }

    /** The steps, in file order. */
    public List<Step> steps() {
        return steps;
    }

    /**
     * Runs every step, in order, in the given engine (definitions made by earlier steps are visible to later
     * ones) and returns the steps whose output differs from the file, or whose claimed sign the engine does
     * not confirm. An exception from the engine is a failure whose actual output is the exception's message.
     */
    public List<Failure> check(SymbolicEngine engine) {
        List<Failure> failures = new ArrayList<>();
        for (Step step : steps) {
            String actual;
            try {
                actual = engine.eval(step.input());
            } catch (RuntimeException e) {
                failures.add(new Failure(file, step.line(), step.input(), step.expected(), "error: " + e.getMessage()));
                continue;
            }
            if (!actual.equals(step.expected())) {
                failures.add(new Failure(file, step.line(), step.input(), step.expected(), actual));
                continue;
            }
            if (step.signClaim().isPresent()) {
                SignClaim claim = step.signClaim().get();
                Sign decided;
                try {
                    decided = engine.sign(actual, claim.assumptions());
                } catch (RuntimeException e) {
                    decided = Sign.UNKNOWN;
                }
                if (decided != claim.sign()) {
                    failures.add(new Failure(file, claim.line(), "Sign of " + actual,
                            claim.sign().word() + suffix(claim), decided.word() + suffix(claim)));
                }
            }
        }
        return List.copyOf(failures);
    }

    private static String suffix(SignClaim claim) {
        return claim.assumptions() == Assumptions.WITHIN_QUARTER_TURN ? " " + QUARTER_TURN : "";
    }
}
