package org.ropebounds.symbolic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Symja's {@code Solve} and the choice of the solution that is valid under {@link Assumptions#STANDARD}:
 * candidates are checked numerically at fixed sample points. Caller's names in and out, like
 * {@link SymbolicEngine}, whose {@code solve} and {@code solveAll} document the contract.
 */
final class Solver {

    /** Digits used by {@link #solve} to validate candidate solutions numerically. */
    static final int CHECK_DIGITS = 40;

    /**
     * Sample points satisfying the assumptions (L > 0, b > 1, 0 < eps < 1, N >= 1, d > 2, p >= 1) and
     * {@code L*theta_min < Pi/2} in both spectra; {@link #solve} keeps a candidate only if it is real,
     * positive and satisfies the equation at every one of them.
     */
    private static final List<Map<String, String>> SAMPLE_POINTS = List.of(
            orderedMap("L", "131072", "b", "10000000", "N", "32", "eps", "9/10", "d", "128", "p", "24"),
            orderedMap("L", "4096", "b", "500000", "N", "3", "eps", "1/2", "d", "64", "p", "11"));

    private final SymjaSession session;

    Solver(SymjaSession session) {
        this.session = session;
    }

    /** See {@link SymbolicEngine#solveAll}. */
    List<String> solveAll(String lhs, String rhs, String variable) {
        List<String> out = new ArrayList<>();
        for (IExpr s : solutions(lhs, rhs, variable)) {
            out.add(SymjaSession.render(s));
        }
        return List.copyOf(out);
    }

    /** See {@link SymbolicEngine#solve}. */
    String solve(String lhs, String rhs, String variable) {
        String v = VariableNames.internalVariable(variable);
        List<IExpr> all = solutions(lhs, rhs, variable);
        String eq = "(" + VariableNames.toInternal(lhs) + ")-(" + VariableNames.toInternal(rhs) + ")";
        if (all.size() == 1 && !onlyKnownVariables(all.get(0))) {
            return SymjaSession.render(all.get(0));
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
        return SymjaSession.render(best);
    }

    private List<IExpr> solutions(String lhs, String rhs, String variable) {
        String v = VariableNames.internalVariable(variable);
        String solve = "Solve((" + VariableNames.toInternal(lhs) + ")==(" + VariableNames.toInternal(rhs) + ")," + v + ")";
        IExpr result = session.evaluate("ReplaceAll(" + v + "," + solve + ")");
        if (!result.isList()) {
            throw new SymbolicException("Solve cannot solve " + lhs + " == " + rhs + " for " + variable
                    + ": " + VariableNames.toCaller(SymjaSession.format(result)));
        }
        IAST list = (IAST) result;
        List<IExpr> out = new ArrayList<>();
        for (int i = 1; i < list.size(); i++) {
            out.add(list.get(i));
        }
        return out;
    }

    private static boolean onlyKnownVariables(IExpr e) {
        return VariableNames.CALLER_VARIABLES.containsAll(SymjaSession.userSymbols(e));
    }

    private boolean validAtSamples(IExpr candidate, String equation, String v) {
        String c = SymjaSession.format(candidate);
        for (Map<String, String> point : SAMPLE_POINTS) {
            String rules = rules(point);
            String value = "N(ReplaceAll(" + c + "," + rules + ")," + CHECK_DIGITS + ")";
            String residual = "N(ReplaceAll(ReplaceAll(" + equation + "," + v + "->(" + c + "))," + rules + "),"
                    + CHECK_DIGITS + ")";
            if (!session.isTrue(value + ">0")
                    || !session.isTrue("Abs(" + residual + ")<10^(-25)*(1+Abs(" + value + "))")) {
                return false;
            }
        }
        return true;
    }

    private boolean agreeAtSamples(IExpr a, IExpr b) {
        for (Map<String, String> point : SAMPLE_POINTS) {
            String rules = rules(point);
            String va = "N(ReplaceAll(" + SymjaSession.format(a) + "," + rules + ")," + CHECK_DIGITS + ")";
            String vb = "N(ReplaceAll(" + SymjaSession.format(b) + "," + rules + ")," + CHECK_DIGITS + ")";
            if (!session.isTrue("Abs(" + va + "-" + vb + ")<10^(-25)*(1+Abs(" + va + "))")) {
                return false;
            }
        }
        return true;
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

    private static String renderAll(List<IExpr> list) {
        List<String> out = new ArrayList<>();
        for (IExpr e : list) {
            out.add(SymjaSession.render(e));
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
}
