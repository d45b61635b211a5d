package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.ropebounds.rope.ErasureReport;
import org.ropebounds.rope.Horizon;
import org.ropebounds.rope.PhaseErrorBound;

/**
 * The JSON form of an {@link ErasureReport} (keys and types: {@code ropebounds schema erasure}). A horizon is
 * the first position that fails (see {@link Horizon}): a string of decimal digits when located, null when
 * bracketed or none; a bracket is {@code {"first": "..", "last": ".."}}.
 */
final class ErasureJson {
    private ErasureJson() {
    }

    /** The result object of one pipeline's report, its decimals at {@code digits} (>= 1). */
    static ObjectNode of(ErasureReport r, int digits) {
        return of(r, new ErasureDecimals(digits));
    }

    /** {@link #of(ErasureReport, int)} with the decimals of {@code decimals} (shared by the pipelines of one run). */
    static ObjectNode of(ErasureReport r, ErasureDecimals decimals) {
        ObjectNode o = Json.object();
        o.put("pipeline", r.pipeline().name());
        o.put("stages", r.pipeline().describe());
        put(o, "position_horizon", r.positionHorizon());
        put(o, "collision_horizon", r.collisionHorizon());
        if (r.collisionMode().isPresent()) {
            o.put("collision_mode", r.collisionMode().getAsInt());
        } else {
            o.putNull("collision_mode");
        }
        put(o, "output_collision_horizon", r.outputCollisionHorizon());
        put(o, "phase_error_horizon", r.phaseErrorHorizon());
        range(o, "phase_error_horizon_range", r.phaseErrorHorizon());
        max(o, "max_phase_error", r.maxPhaseError(), decimals);
        ArrayNode modes = o.putArray("modes");
        for (ErasureReport.Mode m : r.modes()) {
            ObjectNode mo = modes.addObject();
            mo.put("i", m.i());
            mo.put("theta_stored_hex", m.invFreq().toHexString());
            put(mo, "collision_horizon", m.collision());
            put(mo, "phase_error_horizon", m.phaseErrorHorizon());
            range(mo, "phase_error_horizon_range", m.phaseErrorHorizon());
            max(mo, "max_phase_error", m.maxPhaseError(), decimals);
        }
        return o;
    }

    /** {@link Json#print} of the output tree, the same characters ({@link JsonText#print}: faster for erasure's large trees). */
    static void print(PrintWriter out, ObjectNode tree) {
        JsonText.print(out, tree);
    }

    /** key: the located position as a string, or null (bracketed or none). */
    private static void put(ObjectNode o, String key, Horizon h) {
        Json.putInteger(o, key, h.located());
    }

    /** key: {first, last} of a bracketed horizon, as strings, or null (located or none). */
    static void range(ObjectNode o, String key, Horizon h) {
        if (h instanceof Horizon.Within w) {
            ObjectNode r = o.putObject(key);
            Json.putInteger(r, "first", w.first());
            Json.putInteger(r, "last", w.last());
        } else {
            o.putNull(key);
        }
    }

    /** key: certified digits (null if none are decided, or if unbounded); key_interval: outward-rounded bounds. */
    static void max(ObjectNode o, String key, PhaseErrorBound bound, int digits) {
        put(o, key, bound, f -> ErasureDecimals.compute(f.enclosure(), digits));
    }

    /** {@link #max(ObjectNode, String, PhaseErrorBound, int)} with the texts of {@code decimals} (the same texts). */
    static void max(ObjectNode o, String key, PhaseErrorBound bound, ErasureDecimals decimals) {
        put(o, key, bound, f -> decimals.of(f.enclosure()));
    }

    private static void put(ObjectNode o, String key, PhaseErrorBound bound,
                            java.util.function.Function<PhaseErrorBound.Finite, ErasureDecimals.Texts> texts) {
        if (!(bound instanceof PhaseErrorBound.Finite f)) {
            o.putNull(key);
            o.putNull(key + "_interval");
            return;
        }
        ErasureDecimals.Texts t = texts.apply(f);
        t.digits().ifPresentOrElse(d -> o.put(key, d), () -> o.putNull(key));
        o.put(key + "_guarantee", t.guarantee());
        o.put(key + "_interval", t.interval());
    }
}
