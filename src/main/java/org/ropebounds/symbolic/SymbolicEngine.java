package org.ropebounds.symbolic;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.matheclipse.core.basic.Config;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.form.output.OutputFormFactory;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.parser.client.SyntaxError;

/**
 * A Symja 3.0 evaluator for the calculator's closed forms: evaluation, simplification, solving,
 * differentiation, sign decisions, and TeX, MathML and plain-text renderings.
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
 * evaluation, so the JVM can exit promptly) and {@code Config.FILESYSTEM_ENABLED = false}. Symja's Log4j
 * output is silenced by the build (log4j-core aligned with log4j-api, and a {@code log4j2.xml} whose root
 * logger is off); the forked-JVM test in EngineLifecycleTest checks that nothing reaches stderr.
 */
public final class SymbolicEngine implements AutoCloseable {

    /** Digits used by {@link #solve} to validate candidate solutions numerically. */
    private static final int CHECK_DIGITS = 40;

    /**
     * Sample points satisfying the assumptions (L > 0, b > 1, 0 < eps < 1, N >= 1, d > 2, p >= 1) and
     * {@code L*theta_min < Pi/2} in both spectra; {@link #solve} keeps a candidate only if it is real,
     * positive and satisfies the equation at every one of them.
     */
    private static final List<Map<String, String>> SAMPLE_POINTS = List.of(
            orderedMap("L", "131072", "b", "10000000", "N", "32", "eps", "9/10", "d", "128", "p", "24"),
            orderedMap("L", "4096", "b", "500000", "N", "3", "eps", "1/2", "d", "64", "p", "11"));

    /** Spellings of the slowest mode's total rotation {@code L*theta_min}, for the quarter-turn rules. */
    private static final List<String> QUARTER_TURN_SPELLINGS = List.of(
            "L/b", "L*b^((2-d)/d)", "L/b^((d-2)/d)", "L/b^(1-2/d)", "L*b^(-1+2/d)", "L*b^(2/d-1)");

    private static final Pattern READABLE_FUNCTION =
            Pattern.compile("(?<![A-Za-z0-9$])(ArcCos|ArcSin|ArcTan|Cos|Sin|Tan|Log|Sqrt|Exp|Floor|Ceiling|Abs)(?=\\()");
    private static final Pattern PI_TOKEN = Pattern.compile("(?<![A-Za-z0-9$])Pi(?![A-Za-z0-9$])");
    private static final Pattern TEX_EPS = Pattern.compile("(?<![A-Za-z\\\\])eps(?![A-Za-z])");
    private static final Pattern TEX_N =
            Pattern.compile("(?<![A-Za-z\\\\])" + VariableNames.INTERNAL_N + "(?![A-Za-z])");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final String MATHML_NS = "http://www.w3.org/1998/Math/MathML";

    private final ExprEvaluator evaluator;
    private final Thread owner;
    private volatile boolean closed;
    private Set<Term> quarterTurnArguments;

    private SymbolicEngine(ExprEvaluator evaluator) {
        this.evaluator = evaluator;
        this.owner = Thread.currentThread();
    }

    /**
     * A new engine owned by the calling thread. Sets Symja's global switches first (see the class comment), then creates the evaluator in quiet mode with its print streams discarded, so nothing
     * reaches {@code System.out} or {@code System.err}.
     *
     * @throws SymbolicException if Symja cannot start
     */
    public static SymbolicEngine create() {
        Config.JAS_NO_THREADS = true;
        Config.TIMECONSTRAINED_NO_THREAD = true;
        Config.FILESYSTEM_ENABLED = false;
        try {
            ExprEvaluator evaluator = new ExprEvaluator();
            EvalEngine engine = evaluator.getEvalEngine();
            engine.setQuietMode(true);
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
            engine.setOutPrintStream(sink);
            engine.setErrorPrintStream(sink);
            return new SymbolicEngine(evaluator);
        } catch (RuntimeException | LinkageError e) {
            throw new SymbolicException("Symja could not start: " + e, e);
        }
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
     * @throws IllegalArgumentException if the input does not parse or uses the reserved internal name
     * @throws SymbolicException if Symja fails ($Aborted, $Failed, or an internal error)
     */
    public String eval(String input) {
        return render(evaluate(VariableNames.toInternal(input)));
    }

    /** {@code Simplify(expr)}, in the canonical output form. Same exceptions as {@link #eval}. */
    public String simplify(String expr) {
        return render(evaluate("Simplify(" + VariableNames.toInternal(expr) + ")"));
    }

    /**
     * {@code D(expr, variable)}: the partial derivative as Symja returns it (not simplified further).
     *
     * @throws IllegalArgumentException if {@code variable} is not a plain identifier, or as {@link #eval}
     */
    public String derivative(String expr, String variable) {
        String v = internalVariable(variable);
        return render(evaluate("D(" + VariableNames.toInternal(expr) + "," + v + ")"));
    }

    /**
     * Every solution Symja's {@code Solve} gives for {@code lhs == rhs} in {@code variable}, as right-hand
     * sides, in Symja's order. Empty if Symja finds none.
     *
     * @throws SymbolicException if {@code Solve} returns unevaluated (it cannot handle the equation)
     */
    public List<String> solveAll(String lhs, String rhs, String variable) {
        List<String> out = new ArrayList<>();
        for (IExpr s : solutions(lhs, rhs, variable)) {
            out.add(render(s));
        }
        return List.copyOf(out);
    }

    /**
     * The solution of {@code lhs == rhs} for {@code variable} that is valid under {@link Assumptions#STANDARD}:
     * of the solutions {@code Solve} gives, those that evaluate (to {@value #CHECK_DIGITS} digits) to a real,
     * positive number satisfying the equation at two fixed sample points (L=131072, b=10^7, N=32, eps=9/10,
     * d=128, p=24 and L=4096, b=500000, N=3, eps=1/2, d=64, p=11, without the solved variable) are kept;
     * exactly one must remain, or several that agree at the sample points, of which the one with the
     * smallest leaf count is returned. If Symja gives a single solution that contains variables other than
     * those six, it is returned unchecked. This selection is a numeric filter, not a proof; proofs state
     * the solved form and check it separately.
     *
     * @throws SymbolicException if no solution, or more than one distinct solution, passes
     */
    public String solve(String lhs, String rhs, String variable) {
        String v = internalVariable(variable);
        List<IExpr> all = solutions(lhs, rhs, variable);
        String eq = "(" + VariableNames.toInternal(lhs) + ")-(" + VariableNames.toInternal(rhs) + ")";
        if (all.size() == 1 && !onlyKnownVariables(all.get(0))) {
            return render(all.get(0));
        }
        List<IExpr> valid = new ArrayList<>();
        for (IExpr candidate : all) {
            if (validAtSamples(candidate, eq, v)) {
                valid.add(candidate);
            }
        }
        if (valid.isEmpty()) {
            throw new SymbolicException("Solve gave no solution of " + lhs + " == " + rhs + " for " + variable
                    + " that is real, positive and valid at the sample points; Solve gave " + renderAll(all));
        }
        IExpr best = valid.get(0);
        for (IExpr other : valid.subList(1, valid.size())) {
            if (!agreeAtSamples(best, other)) {
                throw new SymbolicException("several distinct solutions of " + lhs + " == " + rhs + " for "
                        + variable + " pass the checks: " + renderAll(valid));
            }
            if (other.leafCount() < best.leafCount()) {
                best = other;
            }
        }
        return render(best);
    }

    private List<IExpr> solutions(String lhs, String rhs, String variable) {
        String v = internalVariable(variable);
        String solve = "Solve((" + VariableNames.toInternal(lhs) + ")==(" + VariableNames.toInternal(rhs) + ")," + v + ")";
        IExpr result = evaluate("ReplaceAll(" + v + "," + solve + ")");
        if (!result.isList()) {
            throw new SymbolicException("Solve cannot solve " + lhs + " == " + rhs + " for " + variable
                    + ": " + VariableNames.toCaller(format(result)));
        }
        IAST list = (IAST) result;
        List<IExpr> out = new ArrayList<>();
        for (int i = 1; i < list.size(); i++) {
            out.add(list.get(i));
        }
        return out;
    }

    private boolean onlyKnownVariables(IExpr e) {
        for (String name : variablesOf(e)) {
            if (!VariableNames.CALLER_VARIABLES.contains(name)) {
                return false;
            }
        }
        return true;
    }

    private boolean validAtSamples(IExpr candidate, String equation, String v) {
        String c = format(candidate);
        for (Map<String, String> point : SAMPLE_POINTS) {
            String rules = rules(point);
            String value = "N(ReplaceAll(" + c + "," + rules + ")," + CHECK_DIGITS + ")";
            String residual = "N(ReplaceAll(ReplaceAll(" + equation + "," + v + "->(" + c + "))," + rules + "),"
                    + CHECK_DIGITS + ")";
            if (!isTrue(value + ">0") || !isTrue("Abs(" + residual + ")<10^(-25)*(1+Abs(" + value + "))")) {
                return false;
            }
        }
        return true;
    }

    private boolean agreeAtSamples(IExpr a, IExpr b) {
        for (Map<String, String> point : SAMPLE_POINTS) {
            String rules = rules(point);
            String va = "N(ReplaceAll(" + format(a) + "," + rules + ")," + CHECK_DIGITS + ")";
            String vb = "N(ReplaceAll(" + format(b) + "," + rules + ")," + CHECK_DIGITS + ")";
            if (!isTrue("Abs(" + va + "-" + vb + ")<10^(-25)*(1+Abs(" + va + "))")) {
                return false;
            }
        }
        return true;
    }

    private boolean isTrue(String internalInput) {
        try {
            return evaluate(internalInput).isTrue();
        } catch (SymbolicException e) {
            return false;
        }
    }

    private static String rules(Map<String, String> point) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, String> e : point.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(VariableNames.internalName(e.getKey())).append("->(").append(e.getValue()).append(')');
        }
        return sb.append('}').toString();
    }

    /**
     * The expression with the given variables replaced by the given Symja values (use exact rationals), then
     * evaluated: {@code ReplaceAll(expr, {var -> value, ...})}. Same exceptions as {@link #eval}.
     */
    public String evaluateAt(String expr, Map<String, String> values) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(internalVariable(e.getKey())).append("->(").append(VariableNames.toInternal(e.getValue())).append(')');
        }
        sb.append('}');
        return render(evaluate("ReplaceAll(" + VariableNames.toInternal(expr) + "," + sb + ")"));
    }

    /**
     * The symbols the evaluated expression contains, other than Symja's built-ins ({@code Pi}, {@code E},
     * ...), by caller name, sorted. (Symja's {@code Variables} is not used: it treats {@code ArcCos(eps)} as
     * a variable.)
     */
    public Set<String> variables(String expr) {
        return Collections.unmodifiableSet(new TreeSet<>(variablesOf(evaluate(VariableNames.toInternal(expr)))));
    }

    private static Set<String> variablesOf(IExpr e) {
        Set<String> out = new HashSet<>();
        collectSymbols(e, out);
        return out;
    }

    /** The user (not built-in) symbols among the leaves of {@code e}; heads are not visited. */
    private static void collectSymbols(IExpr e, Set<String> out) {
        if (e.isSymbol()) {
            if (!e.isBuiltInSymbol()) {
                out.add(VariableNames.callerName(e.toString()));
            }
        } else if (e.isAST()) {
            IAST ast = (IAST) e;
            for (int i = 1; i < ast.size(); i++) {
                collectSymbols(ast.get(i), out);
            }
        }
    }

    /**
     * Whether Symja reduces {@code a - b} to 0 by {@code Simplify}, or by {@code Simplify(PowerExpand(..))}.
     * {@code PowerExpand} rewrites {@code (x^u)^v = x^(u v)}, {@code Log(x y) = Log(x) + Log(y)} and the
     * like, which hold when every base of a power and every argument of a logarithm is positive: true under
     * the assumptions for the variables and for {@code ArcCos(..)} of a number in (0,1), and for
     * {@code Cos(L*theta_min)} within a quarter turn. A {@code false} means "not shown", not "different".
     */
    public boolean provablyEqual(String a, String b) {
        String diff = "(" + VariableNames.toInternal(a) + ")-(" + VariableNames.toInternal(b) + ")";
        return isZero("Simplify(" + diff + ")") || isZero("Simplify(PowerExpand(" + diff + "))");
    }

    private boolean isZero(String internalInput) {
        IExpr r = evaluate(internalInput);
        return r.isZero();
    }

    /**
     * The sign of the evaluated expression for every value allowed by the assumptions, decided by the
     * sound rules of {@link SignAnalysis} (interval reasoning on the expression tree; no numerics).
     * {@link Sign#UNKNOWN} means the rules could not decide. Same exceptions as {@link #eval}.
     */
    public Sign sign(String expr, Assumptions assumptions) {
        IExpr e = evaluate(VariableNames.toInternal(expr));
        return new SignAnalysis(assumptions, quarterTurnArguments()).sign(Term.parseFullForm(e.fullFormString()));
    }

    /** {@link #sign(String, Assumptions)} under {@link Assumptions#STANDARD}. */
    public Sign sign(String expr) {
        return sign(expr, Assumptions.STANDARD);
    }

    private Set<Term> quarterTurnArguments() {
        if (quarterTurnArguments == null) {
            Set<Term> forms = new HashSet<>();
            for (String s : QUARTER_TURN_SPELLINGS) {
                forms.add(Term.parseFullForm(evaluate(s).fullFormString()));
            }
            quarterTurnArguments = Set.copyOf(forms);
        }
        return quarterTurnArguments;
    }

    // ------------------------------------------------------------------ renderings

    /**
     * The evaluated expression as TeX ({@code TeXForm}), with {@code N} for the depth and
     * {@code \varepsilon} for {@code eps}. Same exceptions as {@link #eval}.
     */
    public String tex(String expr) {
        String t = evaluate("TeXForm(" + evaluatedInput(expr) + ")").toString();
        t = TEX_N.matcher(t).replaceAll("N");
        return TEX_EPS.matcher(t).replaceAll(Matcher.quoteReplacement("\\varepsilon"));
    }

    /**
     * The evaluated expression as a presentation-MathML element {@code <math xmlns="..." display="block">}
     * ({@code MathMLForm} without its XML declaration and DOCTYPE, ready to embed in HTML), with
     * {@code <mi>N</mi>} for the depth and {@code <mi>ε</mi>} for {@code eps}. Same exceptions as
     * {@link #eval}.
     */
    public String mathml(String expr) {
        String m = evaluate("MathMLForm(" + evaluatedInput(expr) + ")").toString();
        int start = m.indexOf("<math");
        int open = start < 0 ? -1 : m.indexOf('>', start);
        if (open < 0) {
            throw new SymbolicException("MathMLForm gave no <math> element: " + m);
        }
        String body = m.substring(open + 1).strip();
        body = body.replace("<mi>" + VariableNames.INTERNAL_N + "</mi>", "<mi>N</mi>")
                .replace("<mi>eps</mi>", "<mi>\u03b5</mi>");
        return "<math xmlns=\"" + MATHML_NS + "\" display=\"block\">" + body;
    }

    /**
     * The evaluated expression as plain one-line text in conventional notation: the canonical output form
     * with lower-case function names and {@code pi} ({@code L/arccos(eps^(1/N))}). Same exceptions as
     * {@link #eval}.
     */
    public String text(String expr) {
        String s = eval(expr);
        Matcher m = READABLE_FUNCTION.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String lower = name.equals("Ceiling") ? "ceil" : name.toLowerCase(java.util.Locale.ROOT);
            m.appendReplacement(out, lower);
        }
        m.appendTail(out);
        return PI_TOKEN.matcher(out).replaceAll("pi");
    }

    /**
     * The canonical form of the evaluated expression, as Symja input with internal names. {@code MathMLForm}
     * holds its argument unevaluated, so both renderings are given the evaluated form to agree with
     * {@link #eval}.
     */
    private String evaluatedInput(String expr) {
        return format(evaluate(VariableNames.toInternal(expr)));
    }

    // ------------------------------------------------------------------ life cycle

    /**
     * Marks the engine closed and releases Symja's thread-local state on the owning thread. Idempotent.
     * Symja keeps no threads of its own here (see the class comment), so the JVM can exit right after.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() == owner) {
            EvalEngine.remove();
        }
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    // ------------------------------------------------------------------ internals

    private IExpr evaluate(String internalInput) {
        if (closed) {
            throw new IllegalStateException("symbolic engine is closed");
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("symbolic engine created on thread '" + owner.getName()
                    + "' used from thread '" + Thread.currentThread().getName() + "'; create one per thread");
        }
        IExpr result;
        try {
            result = evaluator.eval(internalInput);
        } catch (RuntimeException | StackOverflowError e) {
            // SyntaxError is tested with instanceof, not caught by type, so that loading this class loads no
            // Symja class (the verifier would resolve a caught exception type)
            if (e instanceof SyntaxError) {
                throw new IllegalArgumentException("not valid Symja input: " + VariableNames.toCaller(internalInput)
                        + " (" + e.getMessage() + ")", e);
            }
            throw new SymbolicException("Symja failed on " + VariableNames.toCaller(internalInput) + ": " + e, e);
        }
        if (result == null) {
            throw new IllegalArgumentException("not valid Symja input: " + VariableNames.toCaller(internalInput));
        }
        if (result.isSymbol()) {
            String name = result.toString();
            if (name.equals("$Aborted") || name.equals("$Failed")) {
                throw new SymbolicException("Symja returned " + name + " for " + VariableNames.toCaller(internalInput));
            }
        }
        return result;
    }

    private static String internalVariable(String variable) {
        if (!VARIABLE_NAME.matcher(variable).matches()) {
            throw new IllegalArgumentException("not a variable name: '" + variable + "'");
        }
        return VariableNames.toInternal(variable);
    }

    /** The canonical output form of an expression, with Symja's internal names. */
    private static String format(IExpr e) {
        OutputFormFactory f = OutputFormFactory.get(true, false);
        f.setIgnoreNewLine(true);
        StringBuilder sb = new StringBuilder();
        if (!f.convert(sb, e)) {
            throw new SymbolicException("Symja could not print " + e.fullFormString());
        }
        return sb.toString();
    }

    /** The canonical output form with the caller's names. */
    private static String render(IExpr e) {
        return VariableNames.toCaller(format(e));
    }

    private static String renderAll(List<IExpr> list) {
        List<String> out = new ArrayList<>();
        for (IExpr e : list) {
            out.add(render(e));
        }
        return out.toString();
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Creates a {@link SymbolicEngine} on first use and closes it if it was created. Confined to one thread
     * like the engine itself.
     */
    public static final class Lazy implements AutoCloseable {
        private SymbolicEngine engine;

        private Lazy() {}

        /** The engine, created on the first call (which costs about a second in a fresh JVM). */
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
