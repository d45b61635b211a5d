package org.ropebounds.symbolic;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Symja 3.0 evaluator for the calculator's closed forms: evaluation, simplification, solving,
 * differentiation, sign decisions, and TeX, MathML and plain-text renderings. This class is the package's
 * entry point; the work is done by {@code SymjaSession} (the evaluator and its thread), {@code Solver}
 * (Solve and the choice of the valid solution), {@link SignAnalysis} and {@code Renderings}.
 *
 * <p><b>One instance per thread, never shared.</b> Symja keeps its evaluation state in a thread-local
 * {@code EvalEngine}; an engine remembers the thread that created it and every method throws
 * {@link IllegalStateException} when called from another thread or after {@link #close()}. Definitions
 * made with {@link #eval} ({@code f = ...}) stay in this engine and are invisible to other engines.
 *
 * <p><b>Strings in, strings out.</b> Every method takes and returns Symja input syntax in the relaxed
 * form ({@code L/ArcCos(eps^(1/N))}, parentheses for calls) and uses the caller's variable names
 * {@code L, b, N, eps, d, p}. Internally {@code N} is renamed (it is Symja's numeric-evaluation
 * function); see {@link VariableNames}. Outputs are in one canonical form: Symja's relaxed
 * {@code OutputForm} without line breaks, which is also what proof files record. Decimal literals such as
 * {@code 0.9} are machine doubles in Symja: pass exact rationals ({@code 9/10}).
 *
 * <p><b>Cost.</b> Creating the first engine in a JVM loads Symja (about a second); later engines are cheap.
 * Create one only when symbolic output is wanted, e.g. through {@link #lazy()}.
 *
 * <p><b>Global state.</b> Symja's configuration is static. {@link #create()} sets
 * {@code Config.JAS_NO_THREADS} and {@code Config.TIMECONSTRAINED_NO_THREAD} (no worker threads survive an
 * evaluation, so the JVM can exit promptly) and {@code Config.FILESYSTEM_ENABLED = false}. It sets no
 * logging configuration: Symja logs through Log4j's API, and the application decides where that goes. The
 * runnable jar and the tests silence it with a {@code log4j2.xml} whose root logger is off (the library jar
 * carries none); the forked-JVM test in EngineLifecycleTest checks that nothing reaches stderr.
 */
public final class SymbolicEngine implements AutoCloseable {

    /** Spellings of the slowest mode's total rotation {@code L*theta_min}, for the quarter-turn rules. */
    private static final List<String> QUARTER_TURN_SPELLINGS = List.of(
            "L/b", "L*b^((2-d)/d)", "L/b^((d-2)/d)", "L/b^(1-2/d)", "L*b^(-1+2/d)", "L*b^(2/d-1)");

    private final SymjaSession session;
    private final Solver solver;
    private final Renderings renderings;
    private Set<Term> quarterTurnArguments;

    private SymbolicEngine(SymjaSession session) {
        this.session = session;
        this.solver = new Solver(session);
        this.renderings = new Renderings(session);
    }

    /**
     * A new engine owned by the calling thread. Sets Symja's global switches first (see the class comment),
     * then creates the evaluator in quiet mode with its print streams discarded, so nothing reaches
     * {@code System.out} or {@code System.err}.
     *
     * @throws SymbolicException if Symja cannot start
     */
    public static SymbolicEngine create() {
        return new SymbolicEngine(SymjaSession.open());
    }

    /**
     * A holder that creates an engine on the first {@link Lazy#get()} (on that thread) and closes it, if it
     * was created, on {@link Lazy#close()}. Creating the holder loads no Symja class (checked with
     * {@code -verbose:class}).
     */
    public static Lazy lazy() {
        return new Lazy();
    }

    // ------------------------------------------------------------------ evaluation

    /**
     * Evaluates Symja input and returns the result in the canonical output form.
     *
     * @throws IllegalArgumentException if the input is blank, does not parse or uses the reserved internal name
     * @throws SymbolicException if Symja fails ($Aborted, $Failed, or an internal error)
     * @throws IllegalStateException if the engine is closed or used from a thread other than its creator
     */
    public String eval(String input) {
        return SymjaSession.render(session.evaluate(VariableNames.toInternal(input)));
    }

    /** {@code Simplify(expr)}, in the canonical output form. Same exceptions as {@link #eval}. */
    public String simplify(String expr) {
        return SymjaSession.render(session.evaluate("Simplify(" + VariableNames.toInternal(expr) + ")"));
    }

    /**
     * {@code D(expr, variable)}: the partial derivative as Symja returns it (not simplified further).
     *
     * @throws IllegalArgumentException if {@code variable} is not a plain identifier, or as {@link #eval}
     */
    public String derivative(String expr, String variable) {
        String v = VariableNames.internalVariable(variable);
        return SymjaSession.render(session.evaluate("D(" + VariableNames.toInternal(expr) + "," + v + ")"));
    }

    /**
     * Every solution Symja's {@code Solve} gives for {@code lhs == rhs} in {@code variable}, as right-hand
     * sides, in Symja's order. Empty if Symja finds none.
     *
     * @throws SymbolicException if {@code Solve} returns unevaluated (it cannot handle the equation)
     * @throws IllegalArgumentException if {@code variable} is not a plain identifier, or as {@link #eval}
     */
    public List<String> solveAll(String lhs, String rhs, String variable) {
        return solver.solveAll(lhs, rhs, variable);
    }

    /**
     * The solution of {@code lhs == rhs} for {@code variable} that is valid under {@link Assumptions#STANDARD}:
     * of the solutions {@code Solve} gives, those that evaluate (to 40 digits) to a real, positive number
     * satisfying the equation at two fixed sample points (L=131072, b=10^7, N=32, eps=9/10, d=128, p=24 and
     * L=4096, b=500000, N=3, eps=1/2, d=64, p=11, without the solved variable) are kept; exactly one must
     * remain, or several that agree at the sample points, of which the one with the smallest leaf count is
     * returned. If Symja gives a single solution that contains variables other than those six, it is
     * returned unchecked. This selection is a numeric filter, not a proof; proofs state the solved form and
     * check it separately.
     *
     * @throws SymbolicException if no solution, or more than one distinct solution, passes
     * @throws IllegalArgumentException if {@code variable} is not a plain identifier, or as {@link #eval}
     */
    public String solve(String lhs, String rhs, String variable) {
        return solver.solve(lhs, rhs, variable);
    }

    /**
     * The expression with the given variables replaced by the given Symja values (use exact rationals), then
     * evaluated: {@code ReplaceAll(expr, {var -> value, ...})}.
     *
     * @throws IllegalArgumentException if a key is not a plain identifier, or as {@link #eval}
     */
    public String evaluateAt(String expr, Map<String, String> values) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(VariableNames.internalVariable(e.getKey())).append("->(")
                    .append(VariableNames.toInternal(e.getValue())).append(')');
        }
        sb.append('}');
        return SymjaSession.render(session.evaluate("ReplaceAll(" + VariableNames.toInternal(expr) + "," + sb + ")"));
    }

    /**
     * The symbols the evaluated expression contains, other than Symja's built-ins ({@code Pi}, {@code E},
     * ...), by caller name, sorted; unmodifiable. (Symja's {@code Variables} is not used: it treats
     * {@code ArcCos(eps)} as a variable.) Same exceptions as {@link #eval}.
     */
    public Set<String> variables(String expr) {
        Set<String> symbols = SymjaSession.userSymbols(session.evaluate(VariableNames.toInternal(expr)));
        return Collections.unmodifiableSet(new TreeSet<>(symbols));
    }

    /**
     * Whether Symja reduces {@code a - b} to 0 by {@code Simplify}, or by {@code Simplify(PowerExpand(..))}.
     * {@code PowerExpand} rewrites {@code (x^u)^v = x^(u v)}, {@code Log(x y) = Log(x) + Log(y)} and the
     * like, which hold when every base of a power and every argument of a logarithm is positive: true under
     * the assumptions for the variables and for {@code ArcCos(..)} of a number in (0,1), and for
     * {@code Cos(L*theta_min)} within a quarter turn. A {@code false} means "not shown", not "different".
     * Same exceptions as {@link #eval}.
     */
    public boolean provablyEqual(String a, String b) {
        String diff = "(" + VariableNames.toInternal(a) + ")-(" + VariableNames.toInternal(b) + ")";
        return session.evaluate("Simplify(" + diff + ")").isZero()
                || session.evaluate("Simplify(PowerExpand(" + diff + "))").isZero();
    }

    /**
     * The sign of the evaluated expression for every value allowed by the assumptions, decided by the
     * sound rules of {@link SignAnalysis} (interval reasoning on the expression tree; no numerics).
     * {@link Sign#UNKNOWN} means the rules could not decide. Same exceptions as {@link #eval}.
     */
    public Sign sign(String expr, Assumptions assumptions) {
        String fullForm = session.evaluate(VariableNames.toInternal(expr)).fullFormString();
        return new SignAnalysis(assumptions, quarterTurnArguments()).sign(Term.parseFullForm(fullForm));
    }

    /** {@link #sign(String, Assumptions)} under {@link Assumptions#STANDARD}. */
    public Sign sign(String expr) {
        return sign(expr, Assumptions.STANDARD);
    }

    private Set<Term> quarterTurnArguments() {
        if (quarterTurnArguments == null) {
            Set<Term> forms = new HashSet<>();
            for (String s : QUARTER_TURN_SPELLINGS) {
                forms.add(Term.parseFullForm(session.evaluate(s).fullFormString()));
            }
            quarterTurnArguments = Set.copyOf(forms);
        }
        return quarterTurnArguments;
    }

    // ------------------------------------------------------------------ renderings

    /**
     * The evaluated expression as TeX ({@code TeXForm}, math mode without delimiters), with {@code N} for
     * the depth and {@code \varepsilon} for {@code eps}. Same exceptions as {@link #eval}.
     */
    public String tex(String expr) {
        return renderings.tex(expr);
    }

    /**
     * The evaluated expression as a presentation-MathML element {@code <math xmlns="..." display="block">}
     * ({@code MathMLForm} without its XML declaration and DOCTYPE, ready to embed in HTML), with
     * {@code <mi>N</mi>} for the depth and {@code <mi>\u03b5</mi>} for {@code eps}. Same exceptions as
     * {@link #eval}, and {@link SymbolicException} if Symja's MathML has no {@code <math>} element.
     */
    public String mathml(String expr) {
        return renderings.mathml(expr);
    }

    /**
     * The evaluated expression as plain one-line text in conventional notation: the canonical output form
     * with lower-case function names and {@code pi} ({@code L/arccos(eps^(1/N))}). Same exceptions as
     * {@link #eval}.
     */
    public String text(String expr) {
        return renderings.text(expr);
    }

    // ------------------------------------------------------------------ life cycle

    /**
     * Marks the engine closed and releases Symja's thread-local state on the owning thread. Idempotent.
     * Symja keeps no threads of its own here (see the class comment), so the JVM can exit right after.
     */
    @Override
    public void close() {
        session.close();
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return session.isClosed();
    }

    /**
     * Creates a {@link SymbolicEngine} on first use and closes it if it was created. Confined to one thread
     * like the engine itself.
     */
    public static final class Lazy implements AutoCloseable {
        private SymbolicEngine engine;

        private Lazy() {}

        /**
         * The engine, created on the first call (which costs about a second in a fresh JVM).
         *
         * @throws SymbolicException if Symja cannot start
         */
        public SymbolicEngine get() {
            if (engine == null) {
                engine = SymbolicEngine.create();
            }
            return engine;
        }

        /** Whether {@link #get()} has created the engine. */
        public boolean isCreated() {
            return engine != null;
        }

        /** Closes the engine if it was created. */
        @Override
        public void close() {
            if (engine != null) {
                engine.close();
            }
        }
    }
}
