package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ropebounds.format.Rational;
import org.ropebounds.model.ModelAnalysis;
import org.ropebounds.model.ModelConfig;

/** The JSON of {@code ropebounds model} (schema model.json). */
final class ModelJson {
    private ModelJson() {
    }

    private static String text(Object v) {
        return v instanceof Rational r ? r.toCompactDecimalStringOrFraction() : String.valueOf(v);
    }

    /** The analysis as the model command's JSON (schema model.json). */
    static ObjectNode of(ModelAnalysis a, int digits, String note) {
        ModelConfig m = a.config();
        ObjectNode o = Json.object();
        o.put("name", m.name());
        o.put("base", Json.exact(m.base()));
        o.put("base_defaulted", m.baseDefaulted());
        ArrayNode defaults = o.putArray("defaults_used");
        for (ModelConfig.DefaultValue dv : m.defaults()) {
            defaults.addObject().put("field", dv.field()).put("value", dv.value()).put("source", dv.source());
        }
        o.put("context_defaulted", m.contextDefaulted());
        o.put("head_dim", m.headDim());
        o.put("rotary_dim", m.rotaryDim());
        m.layers().ifPresentOrElse(n -> o.put("layers", n), () -> o.putNull("layers"));
        m.context().ifPresentOrElse(n -> Json.putInteger(o, "context", n), () -> o.putNull("context"));
        m.dtype().ifPresentOrElse(f -> o.put("dtype", f.name()), () -> o.putNull("dtype"));
        ObjectNode scaling = o.putObject("scaling");
        scaling.put("type", m.scaling().type());
        scaling.put("description", m.scaling().describe());
        ObjectNode parameters = scaling.putObject("parameters");
        for (var component : m.scaling().getClass().getRecordComponents()) {
            try {
                Object v = component.getAccessor().invoke(m.scaling());
                if (v instanceof java.util.Optional<?> opt) {
                    v = opt.orElse(null);
                }
                if (v == null) {
                    parameters.putNull(component.getName());
                } else if (v instanceof java.util.List<?> list) {
                    ArrayNode arr = parameters.putArray(component.getName());
                    list.forEach(x -> arr.add(text(x)));
                } else {
                    parameters.put(component.getName(), text(v));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        o.put("attention_factor", a.attentionFactor().text());
        o.put("base_equivalent", a.baseEquivalent().text());
        ArrayNode warnings = o.putArray("warnings");
        m.warnings().forEach(warnings::add);
        ArrayNode validation = o.putArray("validation_warnings");
        m.validationWarnings().forEach(validation::add);
        ArrayNode summary = o.putArray("summary");
        a.summary().forEach(summary::add);
        ArrayNode modes = o.putArray("modes");
        for (ModelAnalysis.Mode mode : a.spectrum()) {
            ObjectNode mo = modes.addObject();
            mo.put("i", mode.i());
            mo.put("theta", mode.theta().text());
            mo.put("theta_fp32_hex", mode.thetaFp32().toHexString());
            mo.put("role", mode.role());
        }
        a.zone().ifPresentOrElse(z -> o.set("zone", ZoneJson.of(z, note)), () -> o.putNull("zone"));
        o.put("ceiling_note", note);
        // keyed by format name: the analysis lists its verdicts in the order of the zone's formats
        ObjectNode verdicts = o.putObject("verdicts");
        a.zone().ifPresent(z -> {
            for (int k = 0; k < a.verdicts().size(); k++) {
                verdicts.put(z.formats().get(k).format().name(), a.verdicts().get(k).map(x -> x.label()).orElse("undecided"));
            }
        });
        a.erasure().ifPresentOrElse(e -> o.set("erasure", ErasureJson.of(e, digits)), () -> o.putNull("erasure"));
        return o;
    }
}
