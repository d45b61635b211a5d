package org.ropebounds.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
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

    /**
     * {@link Json#print} of a tree of objects, arrays, strings, numbers, booleans and nulls (the erasure output's), the same
     * characters: written straight to {@code out} by a streaming generator with the same pretty printer, without the
     * ObjectMapper (whose set-up costs a run more than writing a megabyte) or a String of the whole output. A tree with
     * any other kind of node goes to {@link Json#print}.
     */
    static void print(PrintWriter out, ObjectNode tree) {
        if (!plain(tree)) {
            Json.print(out, tree);
            return;
        }
        try {
            JsonGenerator g = new JsonFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));
            write(g, tree);
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.print('\n');
        out.flush();
    }

    /** Whether every node is an object, array, string, number, boolean or null. */
    private static boolean plain(JsonNode n) {
        switch (n.getNodeType()) {
            case OBJECT, ARRAY -> {
                for (JsonNode c : n) {
                    if (!plain(c)) {
                        return false;
                    }
                }
                return true;
            }
            case STRING, NUMBER, BOOLEAN, NULL -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Writes n as its node's own serializer does (numbers by their type: int, long, big integer, float, double, decimal). */
    private static void write(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode c : n) {
                    write(g, c);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(n.textValue());
            case BOOLEAN -> g.writeBoolean(n.booleanValue());
            case NULL -> g.writeNull();
            case NUMBER -> {
                switch (n.numberType()) {
                    case INT -> g.writeNumber(n.intValue());
                    case LONG -> g.writeNumber(n.longValue());
                    case BIG_INTEGER -> g.writeNumber(n.bigIntegerValue());
                    case FLOAT -> g.writeNumber(n.floatValue());
                    case DOUBLE -> g.writeNumber(n.doubleValue());
                    default -> g.writeNumber(n.decimalValue());
                }
            }
            default -> throw new IllegalArgumentException("not a plain JSON node: " + n.getNodeType());
        }
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
