package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ropebounds.bounds.ZoneReport;
import org.ropebounds.bounds.ZoneReport.FormatZone;
import org.ropebounds.bounds.ZoneReport.LowerBound;
import org.ropebounds.real.CertifiedDecimal;

/** The JSON form of a {@link ZoneReport} (keys and types: {@code ropebounds schema zone}; conventions: {@link Json}). */
final class ZoneJson {
    private ZoneJson() {
    }

    /** The report, with {@code ceiling_note} the line saying what the ceilings are ({@link CeilingNote}). */
    static ObjectNode of(ZoneReport r, String ceilingNote) {
        ObjectNode o = Json.object();
        Json.putInteger(o, "context", r.query().context());
        o.put("layers", r.query().layers());
        o.put("tolerance", Json.exact(r.query().tolerance()));
        o.put("head_dim", r.query().rotaryDim());
        o.put("spectrum", r.query().spectrum().label());
        o.put("epsilon_convention", r.query().convention().label());
        o.put("digits", r.digits());
        r.base().ifPresentOrElse(b -> o.put("base", Json.exact(b)), () -> o.putNull("base"));
        ObjectNode lower = o.putObject("lower_bounds");
        for (LowerBound lb : r.lowerBounds()) {
            ObjectNode b = lower.putObject(lb.bound().id());
            decimal(b, "value", lb.value());
            b.put("strict", lb.bound().strict());
            b.put("closed_form", lb.bound().closedForm(r.query().spectrum(), r.query().convention()));
            b.put("source", lb.bound().source());
        }
        r.binding().ifPresentOrElse(b -> o.put("binding_lower_bound", b.id()), () -> o.putNull("binding_lower_bound"));
        r.stabilityDominatesAliasing().ifPresentOrElse(d -> o.put("stability_dominates_aliasing", d),
                () -> o.putNull("stability_dominates_aliasing"));
        ObjectNode formats = o.putObject("formats");
        for (FormatZone z : r.formats()) {
            ObjectNode f = formats.putObject(z.format().name());
            decimal(f, "ceiling", z.ceiling());
            f.put("ceiling_strict", true);
            decimal(f, "zone_lower", z.zoneLower());
            decimal(f, "zone_upper", z.ceiling());
            z.empty().ifPresentOrElse(e -> f.put("empty", e), () -> f.putNull("empty"));
            decimal(f, "ratio", z.ratio());
            z.maxContext().ifPresentOrElse(m -> f.put("max_context", m.toString()), () -> f.putNull("max_context"));
            decimal(f, "max_context_bound", z.maxContextBound());
            z.minPrecisionBits().ifPresentOrElse(p -> f.put("min_precision_bits", p), () -> f.putNull("min_precision_bits"));
            if (r.base().isPresent()) {
                z.verdict().ifPresentOrElse(v -> f.put("verdict", v.label()), () -> f.putNull("verdict"));
                z.marginLower().ifPresent(m -> decimal(f, "margin_lower", m));
                z.marginUpper().ifPresent(m -> decimal(f, "margin_upper", m));
            }
        }
        o.put("ceiling_note", ceilingNote);
        if (r.base().isPresent()) {
            r.maxDepth().ifPresentOrElse(n -> o.put("max_layers_for_base", n.toString()), () -> o.putNull("max_layers_for_base"));
        }
        return o;
    }

    /** key: the certified digits (null when none); key_guarantee: what they guarantee. */
    private static void decimal(ObjectNode o, String key, CertifiedDecimal d) {
        if (!d.isDecided()) {
            o.putNull(key);
        } else {
            o.put(key, d.text());
        }
        o.put(key + "_guarantee", d.guarantee());
    }
}
