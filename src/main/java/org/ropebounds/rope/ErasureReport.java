package org.ropebounds.rope;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Rational;

/**
 * Where one pipeline loses positions over a context of L positions. A horizon is the first position that
 * fails, i.e. the first p that is not distinguishable from p - 1 (or not representable, or whose phase
 * error exceeds delta); {@link Horizon.None} means it does not happen within the context (never a made-up
 * number). See {@link Horizon}.
 *
 * @param pipeline the pipeline analysed
 * @param context L
 * @param delta the phase-error tolerance (radians)
 * @param positionHorizon the first integer position the position format cannot hold ({@link Horizon.At} or none)
 * @param collisionHorizon the smallest over modes of the first p with phase_i(p) == phase_i(p - 1) (at or none)
 * @param collisionMode the mode where it happens first (the slowest such mode when several tie); present
 *     exactly when {@code collisionHorizon} is located
 * @param outputCollisionHorizon the first p whose rotated (cos, sin) pairs equal those of p - 1 in every
 *     mode (at or none)
 * @param phaseErrorHorizon the first p whose phase error exceeds delta in some mode: located, bracketed
 *     where no analysis located it, or none
 * @param maxPhaseError the largest |phase_i(p) - p theta_i| over {@code p < L} and all modes
 * @param modes per mode, in order of i
 */
public record ErasureReport(Pipeline pipeline, long context, Rational delta, Horizon positionHorizon,
                            Horizon collisionHorizon, OptionalInt collisionMode, Horizon outputCollisionHorizon,
                            Horizon phaseErrorHorizon, PhaseErrorBound maxPhaseError, List<Mode> modes) {

    /** @throws IllegalArgumentException if the collision mode is given without a located collision or the other way round */
    public ErasureReport {
        Objects.requireNonNull(positionHorizon);
        Objects.requireNonNull(outputCollisionHorizon);
        Objects.requireNonNull(phaseErrorHorizon);
        Objects.requireNonNull(maxPhaseError);
        if (collisionHorizon.located().isPresent() != collisionMode.isPresent()) {
            throw new IllegalArgumentException("a collision mode goes with a located collision horizon and only with one");
        }
        modes = List.copyOf(modes);
    }

    /**
     * One mode's results.
     *
     * @param i the mode
     * @param invFreq inv_freq_i as the pipeline stores it
     * @param collision the first p with phase_i(p) == phase_i(p - 1) (at or none)
     * @param phaseErrorHorizon the first p with |error| > delta: located, bracketed, or none
     * @param maxPhaseError the largest |error| over {@code p < L}
     */
    public record Mode(int i, FloatValue invFreq, Horizon collision, Horizon phaseErrorHorizon, PhaseErrorBound maxPhaseError) {
        public Mode {
            Objects.requireNonNull(collision);
            Objects.requireNonNull(phaseErrorHorizon);
            Objects.requireNonNull(maxPhaseError);
        }
    }
}
