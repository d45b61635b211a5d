package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.ropebounds.InvalidInputException;
import org.ropebounds.bounds.ContextLength;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.rope.PhaseErrorBound;
import org.ropebounds.rope.RelativeErrorReport;
import org.ropebounds.rope.RelativePhaseError;

/**
 * The relative-position error in the output of {@code erasure} (per pipeline) and {@code phase} (per mode at a
 * pair of positions): its options' parsing, JSON keys and text lines (keys and types: {@code ropebounds schema erasure},
 * {@code ropebounds schema phase}).
 */
final class RelativeOutput {
    /** What e_i(p, r) is, for the text and JSON output. */
    static final String DEFINITION = "e_i(p, r) = (phase_i(p) - phase_i(p-r)) - r*theta_i, the error of the rotation between a query at p"
            + " and a key at p-r";

    private RelativeOutput() {
    }

    /**
     * {@code --max-distance R} (or {@code --distance}) as an integer R >= 1, written as a context length is; null means absent.
     *
     * @throws InvalidInputException naming the option, the text and the accepted range
     */
    static long distance(String option, String text, long absent) {
        if (text == null) {
            return absent;
        }
        try {
            return ContextLength.parse(text).longValueExact();
        } catch (InvalidInputException | ArithmeticException e) {
            throw new InvalidInputException(option + " '" + InvalidInputException.quoted(text.strip()) + "' is not accepted;"
                    + " accepted: an integer 1 <= R <= 2^62 such as 1, 4096, 2^17, 128k (k = 1024)");
        }
    }

    /** The erasure result's keys: relative_horizon (and _range), max_relative_error (and _guarantee, _interval), per mode relative_horizon. */
    static void putErasure(ObjectNode result, RelativeErrorReport r, ErasureDecimals decimals) {
        Json.putInteger(result, "relative_horizon", r.horizon().located());
        ErasureJson.range(result, "relative_horizon_range", r.horizon());
        ErasureJson.max(result, "max_relative_error", r.maxError(), decimals);
        ArrayNode modes = (ArrayNode) result.get("modes");
        for (RelativeErrorReport.Mode m : r.modes()) {
            ObjectNode mo = (ObjectNode) modes.get(m.i());
            Json.putInteger(mo, "relative_horizon", m.horizon().located());
            ErasureJson.range(mo, "relative_horizon_range", m.horizon());
            ErasureJson.max(mo, "max_relative_error", m.maxError(), decimals);
        }
    }

    /** The text section of erasure: one line per pipeline. */
    static String erasureText(List<RelativeErrorReport> reports, long maxDistance, int digits) {
        StringBuilder sb = new StringBuilder("\nRelative-position error, what attention sees: ").append(DEFINITION).append(";\n")
                .append("over r <= ").append(maxDistance == Long.MAX_VALUE ? "p (every pair; r = p is the absolute phase error)" : "min(R, p), R = " + maxDistance)
                .append(". Horizon: the first p at which some such r has |e_i(p, r)| > delta in some mode.\n");
        for (RelativeErrorReport r : reports) {
            sb.append("  ").append(r.pipeline().name()).append(": relative horizon ").append(r.horizon().describeHedged())
                    .append(", max |e| ").append(maxText(r.maxError(), digits)).append(" rad\n");
        }
        return sb.toString();
    }

    /** The phase command's keys for mode i at (P, R): relative_turn_computed (exact), relative_turn_exact and relative_error (certified). */
    static void putPhase(ObjectNode o, RelativePhaseError e) {
        Json.putInteger(o, "distance", e.distance());
        e.computedTurn().ifPresentOrElse(t -> o.put("relative_turn_computed", t.toDecimalString()), () -> o.putNull("relative_turn_computed"));
        PhaseCommand.decimal(o, "relative_turn_exact", e.exactTurn());
        o.put("relative_turn_exact_guarantee", e.exactTurn().guarantee());
        if (e.error().isPresent()) {
            PhaseCommand.decimal(o, "relative_error", e.error().get());
            o.put("relative_error_guarantee", e.error().get().guarantee());
        } else {
            o.putNull("relative_error");
            o.put("relative_error_guarantee", "no value: a phase is inf or NaN");
        }
    }

    /** The phase command's text table of e_i(P, R), one row per mode. */
    static TextTable phaseTable() {
        return new TextTable(new boolean[] {true, false, false, false},
                "i", "phase(P) - phase(P-R) (exact)", "R*theta (certified)", "e_i(P, R) (rad, certified)");
    }

    static void phaseRow(TextTable t, RelativePhaseError e) {
        t.add(Integer.toString(e.i()), e.computedTurn().map(x -> x.toDecimalString()).orElse("inf or NaN"), e.exactTurn().text(),
                e.error().map(CertifiedDecimal::text).orElse("n/a"));
    }

    private static String maxText(PhaseErrorBound max, int digits) {
        if (!(max instanceof PhaseErrorBound.Finite f)) {
            return "unbounded (a phase is inf or NaN)";
        }
        CertifiedDecimal d = CertifiedDecimal.best(f.enclosure(), digits);
        return d.complete() || d.exact() ? d.text() : "in " + CertifiedDecimal.interval(f.enclosure(), 3);
    }
}
