package org.ropebounds.rope;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Enclosure;

/**
 * Where one pipeline loses positions over a context of L positions. A horizon is the first position at
 * which something fails; empty means it does not happen within the context (never a made-up number).
 *
 * @param pipeline the pipeline analysed
 * @param context L
 * @param delta the phase-error tolerance (radians)
 * @param positionHorizon the first integer position the position format cannot hold
 * @param collisionHorizon the smallest over modes of the first p with phase_i(p) == phase_i(p + 1)
 * @param collisionMode the mode where it happens first (the slowest such mode when several tie)
 * @param outputCollisionHorizon the first p whose rotated (cos, sin) pairs equal those of p + 1 in every mode
 * @param phaseErrorHorizon the first p whose phase error exceeds delta in some mode, when located exactly
 * @param phaseErrorHorizonRange when not located exactly: it lies in [range[0], range[1]]
 * @param maxPhaseError an enclosure of the largest |phase_i(p) - p theta_i| over p < L and all modes
 * @param modes per mode
 */
public record ErasureReport(Pipeline pipeline, long context, Rational delta, OptionalLong positionHorizon,
                            OptionalLong collisionHorizon, OptionalInt collisionMode, OptionalLong outputCollisionHorizon,
                            OptionalLong phaseErrorHorizon, long[] phaseErrorHorizonRange, Enclosure maxPhaseError,
                            List<Mode> modes) {

    /**
     * One mode's results.
     *
     * @param i the mode
     * @param invFreq inv_freq_i as the pipeline stores it
     * @param collision the first p with phase_i(p) == phase_i(p + 1)
     * @param phaseErrorHorizon the first p with |error| > delta, when located exactly
     * @param phaseErrorHorizonRange otherwise the range it lies in (null when located or absent)
     * @param maxPhaseError an enclosure of the largest |error| over p < L
     */
    public record Mode(int i, FloatValue invFreq, OptionalLong collision, OptionalLong phaseErrorHorizon,
                       long[] phaseErrorHorizonRange, Enclosure maxPhaseError) {
    }
}
