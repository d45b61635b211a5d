package org.ropebounds.cli;

import org.ropebounds.format.Format;
import org.ropebounds.rope.StageOverrides;
import org.ropebounds.rope.StageOverrides.Stage;
import picocli.CommandLine.Option;

/** The command line's per-stage format options; what they mean is {@link StageOverrides}. */
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

    /** The overrides given (picocli leaves the fields of options not given null). */
    StageOverrides stages() {
        StageOverrides s = StageOverrides.NONE;
        s = invFreqDtype == null ? s : s.with(Stage.INV_FREQ, invFreqDtype);
        s = positionDtype == null ? s : s.with(Stage.POSITION, positionDtype);
        s = phaseDtype == null ? s : s.with(Stage.PHASE, phaseDtype);
        s = trigDtype == null ? s : s.with(Stage.TRIG, trigDtype);
        return outputDtype == null ? s : s.with(Stage.OUTPUT, outputDtype);
    }
}
