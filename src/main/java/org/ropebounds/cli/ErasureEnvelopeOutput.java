package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ropebounds.crosscheck.ErasureEnvelope;
import org.ropebounds.libm.LibmModels;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.rope.Horizon;
import org.ropebounds.rope.PhaseErrorBound;

/** The text and JSON of {@code erasure --libm}: horizons and maximum phase errors as ranges over the envelope. */
final class ErasureEnvelopeOutput {
    static final String NOTE = "only the pow allowance moves phases and collision horizons (positions, the phase product and the casts are "
            + "correctly rounded); cos and sin allowances change output values only, and do not enter these ranges";

    private ErasureEnvelopeOutput() {
    }

    /** The lines saying which models were used and what they move. */
    static String header(LibmModels libm) {
        return "libm: " + libm.describe() + "; each implementation's pow may store any inv_freq in the pow envelope (at most "
                + ErasureEnvelope.MAX_CANDIDATES + " values per mode).\n"
                + "Horizons are ranges over every such implementation: 'certain from X' (every implementation has failed by X), "
                + "'possible from Y' (some fails at Y);\n"
                + "a single number where every implementation agrees. The --libm-cos/--libm-sin models do not move phases or "
                + "collision horizons; the output-collision\ncolumn and the relative errors are those of the correctly rounded implementation.\n";
    }

    /** The top-level JSON keys. */
    static void putLibm(ObjectNode json, LibmModels libm) {
        ObjectNode o = json.putObject("libm");
        o.put("pow", libm.pow().label());
        o.put("cos", libm.cos().label());
        o.put("sin", libm.sin().label());
        o.put("note", NOTE);
        json.put("max_candidates_per_mode", ErasureEnvelope.MAX_CANDIDATES);
    }

    /** The envelope keys of one pipeline's result object and of its modes (the modes are in order of i). */
    static void put(ObjectNode result, ErasureEnvelope e, int digits) {
        horizons(result, "collision_horizon_envelope", e.collision());
        horizons(result, "phase_error_horizon_envelope", e.phaseErrorHorizon());
        errors(result, "max_phase_error_envelope", e.maxPhaseError(), digits);
        ArrayNode modes = (ArrayNode) result.get("modes");
        for (ErasureEnvelope.ModeRange m : e.modes()) {
            ObjectNode mo = (ObjectNode) modes.get(m.i());
            ArrayNode c = mo.putArray("inv_freq_candidates_hex");
            m.candidates().forEach(v -> c.add(v.toHexString()));
            horizons(mo, "collision_horizon_envelope", m.collision());
            horizons(mo, "phase_error_horizon_envelope", m.phaseErrorHorizon());
            errors(mo, "max_phase_error_envelope", m.maxPhaseError(), digits);
        }
    }

    /** The table cell of a horizon range. */
    static String describe(ErasureEnvelope.HorizonRange r) {
        if (r.isPoint()) {
            return r.earliest().describeHedged();
        }
        String certain = r.latest() instanceof Horizon.None ? "not certain within L"
                : r.latest() instanceof Horizon.At a ? "certain from " + a.position() : "certain " + r.latest().describeHedged();
        return certain + "; possible " + (r.earliest() instanceof Horizon.At a ? "from " + a.position() : r.earliest().describeHedged());
    }

    /** The table cell of a maximum-error range. */
    static String describe(ErasureEnvelope.ErrorRange r, int digits) {
        if (r.least().equals(r.most())) {
            return error(r.most(), digits);
        }
        return "from " + error(r.least(), digits) + " to " + error(r.most(), digits);
    }

    /** The table cell of one maximum phase error: certified digits, else an interval, or unbounded. */
    static String error(PhaseErrorBound b, int digits) {
        if (!(b instanceof PhaseErrorBound.Finite f)) {
            return "unbounded (a phase is inf or NaN)";
        }
        CertifiedDecimal d = CertifiedDecimal.best(f.enclosure(), digits);
        return d.complete() || d.exact() ? d.text() : "in " + CertifiedDecimal.interval(f.enclosure(), 3);
    }

    private static void horizons(ObjectNode o, String key, ErasureEnvelope.HorizonRange r) {
        ObjectNode h = o.putObject(key);
        end(h, "possible_from", r.earliest());
        end(h, "certain_from", r.latest());
    }

    /** A horizon end: decimal digits when located, {first, last} when bracketed, null when none within the context. */
    private static void end(ObjectNode o, String key, Horizon h) {
        if (h instanceof Horizon.Within w) {
            ObjectNode b = o.putObject(key);
            Json.putInteger(b, "first", w.first());
            Json.putInteger(b, "last", w.last());
        } else {
            Json.putInteger(o, key, h.located());
        }
    }

    private static void errors(ObjectNode o, String key, ErasureEnvelope.ErrorRange r, int digits) {
        ObjectNode e = o.putObject(key);
        ErasureJson.max(e, "least", r.least(), digits);
        ErasureJson.max(e, "most", r.most(), digits);
    }
}
