package org.ropebounds.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.bounds.Bounds;
import org.ropebounds.bounds.EpsilonConvention;
import org.ropebounds.bounds.Spectrum;
import org.ropebounds.bounds.Verdict;
import org.ropebounds.bounds.ZoneCalculator;
import org.ropebounds.bounds.ZoneQuery;
import org.ropebounds.bounds.ZoneReport;
import org.ropebounds.format.Format;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;
import org.ropebounds.real.RealExpression;
import org.ropebounds.real.Ziv;
import org.ropebounds.rope.ErasureAnalysis;
import org.ropebounds.rope.ErasureReport;
import org.ropebounds.rope.Horizon;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.RopeEmulator;

/**
 * A model judged against the theory: its effective spectrum (scaling applied), the base-equivalent of
 * its slowest mode, the zone at its context and depth for the format of its weights and for fp32, the
 * verdict, and the horizons of the hf pipeline with its frequencies.
 *
 * @param config what was read
 * @param spectrum per mode: the exact effective frequency and the fp32 value transformers stores
 * @param attentionFactor the factor transformers applies to cos/sin
 * @param baseEquivalent 1/theta'_min: the base a plain RoPE would need to have the same slowest mode
 * @param zone the zone with the base-equivalent judged (empty without a context or depth)
 * @param verdicts per zone format, the verdict for the base-equivalent (empty when undecided)
 * @param erasure the hf pipeline's horizons over the context with the model's frequencies
 * @param summary plain-language lines
 */
public record ModelAnalysis(ModelConfig config, List<Mode> spectrum, CertifiedDecimal attentionFactor,
                            CertifiedDecimal baseEquivalent, Optional<ZoneReport> zone, List<Optional<Verdict>> verdicts,
                            Optional<ErasureReport> erasure, List<String> summary) {

    /** One mode of the effective spectrum. */
    public record Mode(int i, CertifiedDecimal theta, FloatValue thetaFp32, String role) {
    }

    /**
     * Analyses a model.
     *
     * @param tolerance eps for the zone
     * @param digits certified digits of the printed values
     * @throws InvalidInputException when the config lacks what the analysis needs
     */
    public static ModelAnalysis of(ModelConfig m, Rational tolerance, int digits) {
        long context = m.context().orElseThrow(() -> new InvalidInputException(m.name() + ": no context length"
                + " (max_position_embeddings) to judge the model at"));
        EffectiveSpectrum spectrum = new EffectiveSpectrum(m, context);
        int modes = spectrum.modes();
        List<Mode> list = new ArrayList<>();
        FloatValue[] fp32 = new FloatValue[modes];
        RealExpression[] exact = new RealExpression[modes];
        for (int i = 0; i < modes; i++) {
            exact[i] = spectrum.theta(i);
            fp32[i] = spectrum.fp32(i);
            list.add(new Mode(i, Ziv.decimal(digits, exact[i]::enclose), fp32[i], spectrum.role(i)));
        }
        RealExpression slowest = exact[modes - 1];
        RealExpression equivalent = new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                return a.divide(a.of(1), slowest.evaluate(a));
            }
        };
        CertifiedDecimal baseEq = Ziv.decimal(digits, equivalent::enclose);
        CertifiedDecimal attention = Ziv.decimal(digits, spectrum.attentionFactor()::enclose);
        List<String> summary = new ArrayList<>(m.warnings());
        Format weights = m.dtype().orElse(Format.BF16);
        Optional<ZoneReport> zone = Optional.empty();
        List<Optional<Verdict>> verdicts = new ArrayList<>();
        List<Format> formats = weights.equals(Format.FP32) ? List.of(Format.FP32) : List.of(weights, Format.FP32);
        if (m.layers().isPresent()) {
            ZoneQuery q = new ZoneQuery(BigInteger.valueOf(context), m.layers().get(), tolerance, m.rotaryDim(),
                    Spectrum.APPROX, EpsilonConvention.MACHINE);
            // the verdict for an irrational base-equivalent: judge both ends of a tight enclosure
            Enclosure eq = equivalent.enclose(new EnclosureArithmetic(200));
            ZoneReport low = ZoneCalculator.compute(q, formats, Optional.of(eq.lo().max(Rational.parse("1.000001"))), digits);
            ZoneReport high = ZoneCalculator.compute(q, formats, Optional.of(eq.hi().max(Rational.parse("1.000001"))), digits);
            ZoneReport judged = safeMargins(low, high);
            zone = Optional.of(judged);
            for (int k = 0; k < formats.size(); k++) {
                Optional<Verdict> a = low.zone(formats.get(k)).verdict();
                Optional<Verdict> b = high.zone(formats.get(k)).verdict();
                verdicts.add(a.isPresent() && a.equals(b) ? a : Optional.empty());
            }
            summary.add(verdictLine(m, context, tolerance, baseEq, judged, formats, verdicts));
        } else {
            summary.add("no num_hidden_layers: the zone (which depends on depth) is not judged");
        }
        if (m.localBase().isPresent()) {
            summary.add(localLayers(m, tolerance, digits, formats));
        }
        contextNotes(m, context).forEach(summary::add);
        Pipeline hf = Pipeline.preset("hf", weights);
        RopeEmulator rope = new RopeEmulator(m.base(), m.rotaryDim(), hf).withFrequencies(fp32, exact);
        ErasureReport erasure = ErasureAnalysis.analyse(rope, context, Rational.parse("0.1"));
        summary.add(erasureLine(erasure, context));
        return new ModelAnalysis(m, list, attention, baseEq, zone, verdicts, Optional.of(erasure), summary);
    }

    /**
     * Where the analysis context is not what a reader may take it for: a YaRN model whose target (factor x
     * original) differs from max_position_embeddings, and a sliding window shorter than the context.
     */
    static List<String> contextNotes(ModelConfig m, long context) {
        List<String> notes = new ArrayList<>();
        if (m.scaling() instanceof RopeScaling.Yarn y && y.factor().isPresent()) {
            Rational target = y.factor().get().multiply(Rational.of(y.originalContext()));
            if (!target.equals(Rational.of(context))) {
                notes.add("YaRN targets factor x original_max_position_embeddings = " + y.factor().get().toCompactDecimalStringOrFraction()
                        + " x " + y.originalContext() + " = " + target.toCompactDecimalStringOrFraction() + " positions, but this analysis is at "
                        + context + " (max_position_embeddings); to judge the target, analyse a copy of the config whose"
                        + " max_position_embeddings is " + target.toCompactDecimalStringOrFraction());
            }
        }
        if (m.slidingWindow().isPresent() && m.localBase().isEmpty() && m.slidingWindow().get() < context) {
            notes.add("sliding_window " + m.slidingWindow().get() + " is below the context " + context + ": each layer attends to at most "
                    + m.slidingWindow().get() + " positions back, so distances beyond it are reached only through stacked layers;"
                    + " the zone and horizons here are for distances up to " + context);
        }
        return notes;
    }

    /**
     * Sliding-window layers with their own base (Gemma 3) are judged on their own: their context is the
     * window, and the depth is every layer (the split between layer types is not in the config).
     */
    private static String localLayers(ModelConfig m, Rational tolerance, int digits, List<Format> formats) {
        Rational local = m.localBase().get();
        if (m.slidingWindow().isEmpty() || m.layers().isEmpty()) {
            return "sliding-window layers use base " + local.toCompactDecimalStringOrFraction()
                    + "; without a sliding_window and layer count they are not judged";
        }
        long window = m.slidingWindow().get();
        ZoneQuery q = new ZoneQuery(BigInteger.valueOf(window), m.layers().get(), tolerance, m.rotaryDim(), Spectrum.APPROX,
                EpsilonConvention.MACHINE);
        RealExpression equivalent = new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                // 1/theta_min of plain RoPE with the local base: b^((d-2)/d)
                return a.pow(a.of(local), a.of(Rational.of(BigInteger.valueOf(m.rotaryDim() - 2L), BigInteger.valueOf(m.rotaryDim()))));
            }
        };
        Enclosure eq = equivalent.enclose(new EnclosureArithmetic(200));
        ZoneReport low = ZoneCalculator.compute(q, formats, Optional.of(eq.lo()), digits);
        ZoneReport high = ZoneCalculator.compute(q, formats, Optional.of(eq.hi()), digits);
        List<Optional<Verdict>> verdicts = new ArrayList<>();
        low = safeMargins(low, high);
        for (int k = 0; k < formats.size(); k++) {
            Optional<Verdict> a = low.zone(formats.get(k)).verdict();
            verdicts.add(a.isPresent() && a.equals(high.zone(formats.get(k)).verdict()) ? a : Optional.empty());
        }
        return "sliding-window layers (base " + local.toCompactDecimalStringOrFraction() + ", window " + window + "): "
                + verdictLine(m, window, tolerance, Ziv.decimal(digits, equivalent::enclose), low, formats, verdicts);
    }

    /**
     * The zone judged at the lower end of the base-equivalent's enclosure, with ceiling/base taken from the upper
     * end: both margins rounded down are then at most the true ones (b/lower grows with b, ceiling/b shrinks).
     */
    private static ZoneReport safeMargins(ZoneReport low, ZoneReport high) {
        List<ZoneReport.FormatZone> zones = new ArrayList<>();
        for (ZoneReport.FormatZone z : low.formats()) {
            zones.add(new ZoneReport.FormatZone(z.format(), z.ceiling(), z.zoneLower(), z.empty(), z.ratio(), z.maxContextBound(),
                    z.maxContext(), z.minPrecisionBits(), z.verdict(), z.marginLower(), high.zone(z.format()).marginUpper()));
        }
        return new ZoneReport(low.query(), low.digits(), low.base(), low.lowerBounds(), low.binding(), low.stabilityDominatesAliasing(),
                zones, low.maxDepth());
    }

    private static String verdictLine(ModelConfig m, long context, Rational eps, CertifiedDecimal baseEq, ZoneReport r,
                                      List<Format> formats, List<Optional<Verdict>> verdicts) {
        StringBuilder sb = new StringBuilder();
        sb.append("at ").append(context).append(" positions, ").append(r.query().layers()).append(" layers and eps ")
                .append(eps.toCompactDecimalStringOrFraction()).append(", the binding lower bound is ")
                .append(r.lower(Bounds.DEPTH_STABILITY).value().text()).append(" (rounded up); the base-equivalent ").append(baseEq.text())
                // margins are rounded down: "at least"
                .append(r.zone(formats.get(0)).marginLower().map(ml -> " (at least " + ml.text() + " times it)").orElse("")).append(" is ");
        for (int k = 0; k < formats.size(); k++) {
            ZoneReport.FormatZone z = r.zone(formats.get(k));
            sb.append(k == 0 ? "" : "; ").append(verdicts.get(k).map(Verdict::label).orElse("undecided")).append(" in ")
                    .append(formats.get(k).name()).append(" (ceiling ").append(z.ceiling().text())
                    .append(z.marginUpper().map(mu -> ", ceiling/base at least " + mu.text()).orElse("")).append(")");
        }
        return sb.toString();
    }

    private static String erasureLine(ErasureReport e, long context) {
        String lost = e.positionHorizon().located().isPresent() ? "positions are lost from " + e.positionHorizon().describe()
                : "every position up to " + context + " is held exactly";
        String collide = e.collisionHorizon().located().isPresent() ? "; phases first collide at " + e.collisionHorizon().describe()
                + " (mode " + e.collisionMode().getAsInt() + ")" : "; no two positions share a phase";
        Horizon h = e.phaseErrorHorizon();
        String error = h instanceof Horizon.At ? "; the phase error first exceeds 0.1 rad at " + h.describe()
                : h instanceof Horizon.Within ? "; the phase error may exceed 0.1 rad " + h.describeFrom()
                : "; the phase error stays within 0.1 rad";
        return "hf pipeline (" + e.pipeline().describe() + "): " + lost + collide + error;
    }
}
