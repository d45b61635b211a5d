package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.ropebounds.criteria.CriteriaQuery;
import org.ropebounds.criteria.CriteriaReport.Ceiling;
import org.ropebounds.criteria.CriteriaReport.MaxContext;
import org.ropebounds.criteria.CriteriaReport.MaxContexts;
import org.ropebounds.criteria.CriteriaReport.MinimumBase;
import org.ropebounds.criteria.CriteriaReport.MinimumBases;
import org.ropebounds.criteria.Criterion;
import org.ropebounds.real.CertifiedDecimal;

/** The JSON form of {@code ropebounds criteria} (keys and types: {@code ropebounds schema criteria}; conventions: {@link Json}). */
final class CriteriaJson {
    private CriteriaJson() {
    }

    static ObjectNode of(MinimumBases r, String ceilingNote) {
        ObjectNode o = Json.object();
        Json.putInteger(o, "context", r.context());
        parameters(o, r.query());
        ArrayNode list = o.putArray("criteria");
        for (MinimumBase m : r.criteria()) {
            ObjectNode c = list.addObject();
            c.put("id", m.criterion().id());
            c.put("source", m.criterion().source());
            decimal(c, "min_base", m.value());
            c.put("min_base_guarantee", m.guarantee() + (m.value().isEmpty() ? CriteriaCommand.optionNeeded(m.criterion()) : ""));
            if (m.criterion() == Criterion.DECAY || m.criterion() == Criterion.EXTRAPOLATION) {
                m.robust().ifPresentOrElse(x -> c.put("robust_min_base", x.text()), () -> c.putNull("robust_min_base"));
                m.robust().ifPresentOrElse(x -> c.put("robust_min_base_guarantee", x.guarantee()), () -> c.putNull("robust_min_base_guarantee"));
            }
            if (m.criterion() == Criterion.DECAY) {
                ArrayNode intervals = c.putArray("feasible_intervals");
                m.feasibleIntervals().forEach(i -> intervals.addArray().add(i.lo()).add(i.hi()));
                m.witnessM().ifPresentOrElse(x -> c.put("witness_m", x.toString()), () -> c.putNull("witness_m"));
            }
        }
        ObjectNode ceilings = o.putObject("ceilings");
        for (Ceiling c : r.ceilings()) {
            ObjectNode f = ceilings.putObject(c.format().name());
            f.put("ceiling", c.ceiling().text());
            f.put("ceiling_guarantee", c.ceiling().guarantee());
            ArrayNode above = f.putArray("criteria_at_or_above");
            c.criteriaAbove().forEach(x -> above.add(x.id()));
        }
        o.put("ceiling_note", ceilingNote);
        return o;
    }

    static ObjectNode of(MaxContexts r, String ceilingNote) {
        ObjectNode o = Json.object();
        o.put("base", Json.exact(r.base()));
        parameters(o, r.query());
        ArrayNode list = o.putArray("criteria");
        for (MaxContext m : r.criteria()) {
            ObjectNode c = list.addObject();
            c.put("id", m.criterion().id());
            c.put("source", m.criterion().source());
            m.maxContext().ifPresentOrElse(x -> c.put("max_context", x.toString()), () -> c.putNull("max_context"));
            c.put("max_context_guarantee", m.guarantee() + (m.guarantee().startsWith("not computed") ? CriteriaCommand.optionNeeded(m.criterion()) : ""));
            if (m.criterion() == Criterion.DECAY) {
                m.firstNegativeM().ifPresentOrElse(x -> c.put("first_negative_m", x.toString()), () -> c.putNull("first_negative_m"));
            }
            if (m.criterion() == Criterion.EXTRAPOLATION) {
                m.criticalDimension().ifPresentOrElse(x -> c.put("critical_dimension", x), () -> c.putNull("critical_dimension"));
                decimal(c, "t_extra", m.tExtra());
                if (m.tExtra().isEmpty()) {
                    c.put("t_extra_guarantee", "none: " + m.guarantee());
                }
            }
        }
        ObjectNode ceilings = o.putObject("ceilings");
        for (Ceiling c : r.ceilings()) {
            ObjectNode f = ceilings.putObject(c.format().name());
            f.put("ceiling", c.ceiling().text());
            f.put("ceiling_guarantee", c.ceiling().guarantee());
            c.baseAtOrAbove().ifPresentOrElse(a -> f.put("verdict", a ? "at or above" : "below"), () -> f.putNull("verdict"));
        }
        o.put("ceiling_note", ceilingNote);
        return o;
    }

    private static void parameters(ObjectNode o, CriteriaQuery q) {
        o.put("head_dim", q.headDim());
        o.put("range", q.range().toString());
        o.put("digits", q.digits());
        o.put("decay_digits", q.decayDigits());
        o.put("decay_search", q.decaySearch().label());
        q.layers().ifPresentOrElse(n -> o.put("layers", n), () -> o.putNull("layers"));
        q.tolerance().ifPresentOrElse(e -> o.put("tolerance", Json.exact(e)), () -> o.putNull("tolerance"));
        q.trainContext().ifPresentOrElse(t -> o.put("train_context", t.toString()), () -> o.putNull("train_context"));
    }

    /** key: the certified digits (null when absent or undecided); key_guarantee (when present) what they guarantee. */
    private static void decimal(ObjectNode o, String key, Optional<CertifiedDecimal> d) {
        if (d.isPresent() && d.get().isDecided()) {
            o.put(key, d.get().text());
        } else {
            o.putNull(key);
        }
        d.ifPresent(x -> o.put(key + "_guarantee", x.guarantee()));
    }
}
