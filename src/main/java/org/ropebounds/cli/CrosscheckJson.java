package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.ropebounds.crosscheck.CrosscheckReport;
import org.ropebounds.crosscheck.CrosscheckRequest;
import org.ropebounds.crosscheck.Discrepancy;
import org.ropebounds.crosscheck.EnvelopeMiss;
import org.ropebounds.crosscheck.EnvelopeSummary;
import org.ropebounds.crosscheck.UlpSummary;
import org.ropebounds.real.CertifiedDecimal;

/** The JSON form of a {@link CrosscheckReport} (keys and types: {@code ropebounds schema crosscheck}; conventions: {@link Json}). */
final class CrosscheckJson {
    private CrosscheckJson() {
    }

    /** The report on {@code file} (named as the user gave it). */
    static ObjectNode of(CrosscheckReport r, Path file) {
        CrosscheckRequest q = r.request();
        ObjectNode o = Json.object();
        o.put("quantity", q.quantity().label());
        o.put("base", Json.exact(q.base()));
        o.put("head_dim", q.headDim());
        SpectrumSource.put(o, q.frequencies());
        o.put("dtype", r.format().name());
        o.put("file", file.toString());
        o.put("source", r.source());
        Json.putInteger(o, "rows", r.rows());
        o.put("columns", r.columns());
        o.put("layout", r.layout().label());
        if (q.quantity().hasPositions()) {
            Json.putInteger(o, "first_position", q.firstPosition());
        }
        Json.putInteger(o, "tolerance_ulps", q.toleranceUlps());
        o.set("against_exact", summary(r.againstExact(), r.exactReference(), q.toleranceUlps()));
        r.againstPipeline().ifPresent(p -> {
            o.set("against_pipeline", pipeline(p, q));
            Json.putInteger(o, "explained_by_pipeline", p.explainedByPipeline());
            Json.putInteger(o, "beyond_tolerance_of_pipeline", p.beyondPipeline());
        });
        r.storedInvFreq().ifPresent(inv -> {
            ObjectNode s = o.putObject("stored_inv_freq");
            s.put("dtype", inv.format().name());
            s.put("source", inv.source());
            s.set("against_exact", summary(inv.againstExact(), inv.exactReference(), q.toleranceUlps()));
            s.set("against_pipeline", pipeline(inv.againstPipeline().orElseThrow(), inv.request()));
            s.put("passes", inv.passes());
        });
        o.put("verdict_against", r.verdictAgainst().label());
        o.put("within_tolerance", r.withinTolerance());
        o.put("verdict_rule", r.verdictRule() == CrosscheckReport.VerdictRule.ENVELOPE ? "envelope" : "tolerance");
        o.put("passes", r.passes());
        return o;
    }

    private static ObjectNode pipeline(CrosscheckReport.PipelineComparison p, CrosscheckRequest q) {
        ObjectNode s = summary(p.summary(), p.pipeline().describe(), q.toleranceUlps());
        s.put("pipeline", p.pipeline().name());
        EnvelopeSummary e = p.envelope();
        ObjectNode libm = s.putObject("libm");
        libm.put("pow", e.libm().pow().label());
        libm.put("cos", e.libm().cos().label());
        libm.put("sin", e.libm().sin().label());
        libm.put("given", q.libm().isPresent());
        Json.putInteger(s, "inside_envelope", e.inside());
        Json.putInteger(s, "outside_envelope", e.outside());
        Json.putInteger(s, "unbounded_envelope", e.unbounded());
        Json.putInteger(s, "outside_envelope_inside_faithful", e.insideFaithful());
        ArrayNode w = s.putArray("envelope_worst");
        for (EnvelopeMiss m : e.worst()) {
            ObjectNode x = w.addObject();
            Json.putInteger(x, "index", m.index());
            Json.putInteger(x, "position", m.position());
            x.put("mode", m.mode());
            x.put("got_hex", m.got().toHexString());
            x.put("low_hex", m.low().toHexString());
            x.put("high_hex", m.high().toHexString());
            x.put("got_bits", m.got().bitsHex());
            Json.putInteger(x, "ulps", m.ulps());
        }
        return s;
    }

    private static ObjectNode summary(UlpSummary s, String reference, long toleranceUlps) {
        ObjectNode o = Json.object();
        o.put("reference", reference);
        Json.putInteger(o, "entries", s.entries());
        Json.putInteger(o, "exact_matches", s.exactMatches());
        Json.putInteger(o, "one_ulp", s.oneUlp());
        Json.putInteger(o, "worse", s.worse());
        Json.putInteger(o, "max_ulps", s.maxUlps());
        CertifiedDecimal mean = s.meanUlpsDecimal();
        o.put("mean_ulps", new BigDecimal(mean.text()));
        o.put("mean_ulps_exact", s.meanUlps().toCompactDecimalStringOrFraction());
        if (Double.isFinite(s.maxAbsError())) {
            o.put("max_abs_error", s.maxAbsError());
            o.put("max_abs_error_hex", Double.toHexString(s.maxAbsError()));
        } else {
            o.putNull("max_abs_error"); // one type per key: a number, or null when infinite
            o.put("max_abs_error_hex", "inf");
        }
        o.put("max_abs_error_guarantee", "correctly rounded to fp64");
        o.put("mean_ulps_guarantee", mean.guarantee());
        Json.putInteger(o, "decided_by_certified_arithmetic", s.decidedExactly());
        o.put("within_tolerance", s.withinTolerance(toleranceUlps));
        ArrayNode w = o.putArray("worst");
        for (Discrepancy d : s.worst()) {
            ObjectNode e = w.addObject();
            Json.putInteger(e, "index", d.index());
            Json.putInteger(e, "position", d.position());
            e.put("mode", d.mode());
            e.put("got_hex", d.got().toHexString());
            e.put("want_hex", d.want().toHexString());
            e.put("got_bits", d.got().bitsHex());
            e.put("want_bits", d.want().bitsHex());
            Json.putInteger(e, "ulps", d.ulps());
        }
        return o;
    }
}
