package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ropebounds.bounds.ContextLength;
import org.ropebounds.crosscheck.ErasureEnvelope;
import org.ropebounds.format.Rational;
import org.ropebounds.libm.LibmModels;
import org.ropebounds.rope.ErasureReport;
import org.ropebounds.rope.Frequencies;
import org.ropebounds.rope.PhaseErrorBound;
import org.ropebounds.rope.RelativeErrorReport;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.PipelineAnalyses;
import org.ropebounds.rope.RopeEmulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ropebounds erasure}: where each pipeline loses positions within a context. */
@Command(name = "erasure", mixinStandardHelpOptions = true, header = "Where a RoPE pipeline loses positions: collision and phase-error horizons per format.", versionProvider = RopeBoundsCommand.Version.class,
        description = {"Where a RoPE pipeline loses positions within a context of L positions. A horizon is the first",
            "position that fails, i.e. the first p not distinguishable from p-1 (or not representable): the first",
            "position its position format cannot hold, the first p whose phase equals that of p-1 (per mode and",
            "overall), the first p whose (cos, sin) outputs equal those of p-1 in every mode, and the first p whose",
            "phase error against p*theta_i exceeds the tolerance."},
        footer = {"", "Example: ropebounds erasure --base 500000 --head-dim 128 --context 1M --pipeline hf,bf16-all"})
final class ErasureCommand implements Callable<Integer> {
    /** What every horizon in the output means, echoed in the JSON. */
    static final String HORIZON_CONVENTION = "a horizon is the first position that fails, i.e. the first p not distinguishable"
            + " from p-1 (or not representable, or whose phase error exceeds delta); null when bracketed or not within the context";

    @Mixin
    CommonOptions common;

    @Mixin
    RopeOptions rope;

    @Mixin
    LibmModelOptions libmOptions;

    @Option(names = {"-L", "--context"}, required = true, paramLabel = "L",
            description = "Context length: 131072, 2^17, 1e6, 128k (k = 1024), 1M (M = 1048576).")
    String context;

    @Option(names = "--delta", paramLabel = "RAD", defaultValue = "0.1",
            description = "Phase-error tolerance in radians (default ${DEFAULT-VALUE}).")
    Rational delta;

    @Option(names = "--digits", paramLabel = "N", defaultValue = "6",
            description = "Significant digits of the maximum phase error (default ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = "--max-distance", paramLabel = "R",
            description = "Largest query-key distance r of the relative-position error e_i(p, r) (default: every r <= p, the whole context).")
    String maxDistance;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Converters.checkDigits(digits, 40);
        long length = ContextLength.parse(context).longValueExact();
        Frequencies freq = rope.input().frequencies();
        List<Pipeline> pipelines = rope.resolve(List.of("all"));
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode json = Json.object();
        json.put("base", Json.exact(freq.base()));
        json.put("head_dim", freq.rotaryDim());
        SpectrumSource.put(json, freq);
        Json.putInteger(json, "context", length);
        json.put("delta", Json.exact(delta));
        json.put("horizon_convention", HORIZON_CONVENTION);
        json.put("dtype", rope.activation().name());
        Optional<LibmModels> libm = libmOptions.models();
        json.put("model", libm.isEmpty() ? "every operation rounds to nearest-even in its stage's format; pow, cos and sin are correctly rounded"
                : "every operation rounds to nearest-even in its stage's format; pow, cos and sin as the libm models allow (ranges over the envelope)");
        libm.ifPresent(m -> ErasureEnvelopeOutput.putLibm(json, m));
        ArrayNode results = json.putArray("results");
        StringBuilder sb = new StringBuilder();
        sb.append("Positional erasure for ").append(freq.isPlain() ? "b = " + freq.base().toCompactDecimalStringOrFraction() + ", d = "
                        + freq.rotaryDim() : freq.source()).append(", L = ").append(length).append(context.strip().equals(Long.toString(length)) ? "" : " (" + context.strip() + ")")
                .append(", phase tolerance ").append(delta.toCompactDecimalStringOrFraction()).append(" rad\n");
        sb.append("A horizon is the first position that fails, i.e. the first p not distinguishable from p-1 (or not representable);\n")
                .append("'none' means not within the context.\n");
        sb.append(SpectrumSource.modelLines(freq));
        sb.append(libm.isEmpty() ? "Pipelines are emulated op by op (nearest-even per stage; pow, cos, sin correctly rounded).\n\n"
                : "Pipelines are emulated op by op (nearest-even per stage).\n" + ErasureEnvelopeOutput.header(libm.get()) + "\n");
        // analyse everything before printing anything: bad input must not leave half an output
        // one emulator per pipeline: its theta_i are computed once for both analyses
        long reach = RelativeOutput.distance("--max-distance", maxDistance, Long.MAX_VALUE);
        List<RopeEmulator> emulators = freq.emulators(pipelines);
        List<ErasureEnvelope> envelopes = libm.map(m -> pipelines.stream()
                .map(pl -> ErasureEnvelope.analyse(freq, pl, m, length, delta)).toList()).orElse(List.of());
        PipelineAnalyses.Reports analysed = PipelineAnalyses.analyse(emulators, length, delta, reach, libm.isEmpty());
        List<ErasureReport> reports = libm.isPresent() ? envelopes.stream().map(ErasureEnvelope::implementation).toList()
                : analysed.horizons().orElseThrow();
        List<RelativeErrorReport> relative = analysed.relative();
        Json.putInteger(json, "max_distance", reach == Long.MAX_VALUE ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(reach));
        json.put("relative_error", RelativeOutput.DEFINITION);
        TextTable t = new TextTable(new boolean[] {false, true, false, true, true, false},
                "pipeline", "position", "phase collision (mode)", "output collision", "phase error > delta", "max phase error (rad)");
        // each pipeline's result object on its own (their certified decimals are most of the work), in order
        // one table of decimals for the run: pipelines with the same phases report equal enclosures
        ErasureDecimals decimals = new ErasureDecimals(digits);
        List<ObjectNode> built = java.util.stream.IntStream.range(0, reports.size()).parallel().mapToObj(k -> {
            ObjectNode o = ErasureJson.of(reports.get(k), decimals);
            RelativeOutput.putErasure(o, relative.get(k), decimals);
            libm.ifPresent(m -> ErasureEnvelopeOutput.put(o, envelopes.get(k), digits));
            return o;
        }).toList();
        built.forEach(results::add);
        for (int k = 0; k < reports.size(); k++) {
            ErasureReport r = reports.get(k);
            Pipeline pl = r.pipeline();
            String collision = r.collisionHorizon().describe() + (r.collisionMode().isPresent() ? " (mode " + r.collisionMode().getAsInt() + ")" : "");
            String phaseError = r.phaseErrorHorizon().describeHedged();
            String max = maxError(r.maxPhaseError());
            if (libm.isPresent()) {
                ErasureEnvelope e = envelopes.get(k);
                collision = e.collision().isPoint() ? collision : ErasureEnvelopeOutput.describe(e.collision());
                phaseError = ErasureEnvelopeOutput.describe(e.phaseErrorHorizon());
                max = ErasureEnvelopeOutput.describe(e.maxPhaseError(), digits);
            }
            t.add(pl.name(), r.positionHorizon().describe(), collision, r.outputCollisionHorizon().describe(), phaseError, max);
        }
        if (common.json) {
            ErasureJson.print(out, json);
            return Main.EXIT_OK;
        }
        out.print(sb);
        t.print(out);
        out.print(RelativeOutput.erasureText(relative, reach, digits));
        out.print("\nStages: " + String.join("; ", reports.stream().map(r -> r.pipeline().describe()).toList()) + "\n");
        out.flush();
        return Main.EXIT_OK;
    }

    private String maxError(PhaseErrorBound max) {
        return ErasureEnvelopeOutput.error(max, digits);
    }
}
