package org.ropebounds.cli;

import org.ropebounds.format.Format;
import org.ropebounds.rope.Pipeline;
import picocli.CommandLine.Option;

/** Per-stage format overrides applied to a named pipeline. */
final class PipelineOverrides {
    @Option(names = "--inv-freq-dtype", paramLabel = "FORMAT", description = "Override: the format inv_freq is computed and stored in.")
    Format invFreqDtype;

    @Option(names = "--position-dtype", paramLabel = "FORMAT", description = "Override: the format positions are held in.")
    Format positionDtype;

    @Option(names = "--phase-dtype", paramLabel = "FORMAT", description = "Override: the format of the phase product.")
    Format phaseDtype;

    @Option(names = "--trig-dtype", paramLabel = "FORMAT", description = "Override: the format cos and sin are computed in.")
    Format trigDtype;

    @Option(names = "--output-dtype", paramLabel = "FORMAT", description = "Override: the format the cos/sin cache is cast to.")
    Format outputDtype;

    boolean any() {
        return invFreqDtype != null || positionDtype != null || phaseDtype != null || trigDtype != null || outputDtype != null;
    }

    /** p with the overrides applied; its name lists them ({@code hf+phase=bf16}). */
    Pipeline apply(Pipeline p) {
        if (!any()) {
            return p;
        }
        StringBuilder name = new StringBuilder(p.name());
        append(name, "inv_freq", invFreqDtype);
        append(name, "position", positionDtype);
        append(name, "phase", phaseDtype);
        append(name, "trig", trigDtype);
        append(name, "output", outputDtype);
        return new Pipeline(name.toString(), or(invFreqDtype, p.invFreqCompute()), or(invFreqDtype, p.invFreq()),
                or(positionDtype, p.position()), or(phaseDtype, p.phase()), or(trigDtype, p.trig()), or(outputDtype, p.output()));
    }

    private static void append(StringBuilder name, String stage, Format f) {
        if (f != null) {
            name.append('+').append(stage).append('=').append(f.name());
        }
    }

    private static Format or(Format override, Format preset) {
        return override != null ? override : preset;
    }
}
