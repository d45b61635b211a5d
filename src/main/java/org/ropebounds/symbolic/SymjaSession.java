package org.ropebounds.symbolic;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;
import org.matheclipse.core.basic.Config;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.form.output.OutputFormFactory;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.parser.client.SyntaxError;

/**
 * One Symja evaluator confined to the thread that opened it: its life cycle, evaluation with Symja's
 * failures turned into this package's exceptions, and the canonical printing of results. Works in Symja's
 * internal names (see {@link VariableNames}); translating the caller's names is the caller's job.
 */
final class SymjaSession {

    private final ExprEvaluator evaluator;
    private final Thread owner;
    private volatile boolean closed;

    private SymjaSession(ExprEvaluator evaluator) {
        this.evaluator = evaluator;
        this.owner = Thread.currentThread();
    }

    /**
     * A new session owned by the calling thread. Sets Symja's static switches {@code Config.JAS_NO_THREADS}
     * and {@code Config.TIMECONSTRAINED_NO_THREAD} (no worker threads survive an evaluation, so the JVM can
     * exit promptly) and {@code Config.FILESYSTEM_ENABLED = false}, then creates the evaluator in quiet mode
     * with its print streams discarded, so nothing reaches {@code System.out} or {@code System.err}.
     *
     * @throws SymbolicException if Symja cannot start
     */
    static SymjaSession open() {
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
            return new SymjaSession(evaluator);
        } catch (RuntimeException | LinkageError e) {
            throw new SymbolicException("Symja could not start: " + e, e);
        }
    }

    /**
     * Evaluates Symja input written with internal names.
     *
     * @throws IllegalStateException if the session is closed or used from a thread other than its owner
     * @throws IllegalArgumentException if the input does not parse
     * @throws SymbolicException if Symja returns {@code $Aborted} or {@code $Failed}, or fails internally
     */
    IExpr evaluate(String internalInput) {
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

    /**
     * Whether the input evaluates to {@code True}; an input Symja fails on ({@link SymbolicException}) counts
     * as not true. Other exceptions as {@link #evaluate}.
     */
    boolean isTrue(String internalInput) {
        try {
            return evaluate(internalInput).isTrue();
        } catch (SymbolicException e) {
            return false;
        }
    }

    /**
     * Marks the session closed and releases Symja's thread-local state when called on the owning thread.
     * Idempotent.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() == owner) {
            EvalEngine.remove();
        }
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * The canonical output form of an expression, with Symja's internal names: relaxed {@code OutputForm}
     * without line breaks.
     *
     * @throws SymbolicException if Symja cannot print it
     */
    static String format(IExpr e) {
        OutputFormFactory f = OutputFormFactory.get(true, false);
        f.setIgnoreNewLine(true);
        StringBuilder sb = new StringBuilder();
        if (!f.convert(sb, e)) {
            throw new SymbolicException("Symja could not print " + e.fullFormString());
        }
        return sb.toString();
    }

    /** The canonical output form with the caller's names. Same exception as {@link #format}. */
    static String render(IExpr e) {
        return VariableNames.toCaller(format(e));
    }

    /**
     * The user (not built-in) symbols among the leaves of {@code e}, by caller name. Heads are not visited,
     * so {@code f} in {@code f(x)} is not counted. (Symja's {@code Variables} is not used: it treats
     * {@code ArcCos(eps)} as a variable.)
     */
    static Set<String> userSymbols(IExpr e) {
        Set<String> out = new HashSet<>();
        collectSymbols(e, out);
        return out;
    }

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
}
