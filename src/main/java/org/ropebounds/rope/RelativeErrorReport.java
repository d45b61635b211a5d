package org.ropebounds.rope;

import java.util.List;
import java.util.Objects;
import org.ropebounds.format.Rational;

/**
 * The relative-position error of one pipeline over a context: what attention sees. A query at p and a key at
 * p - r are rotated against each other by phase_i(p) - phase_i(p - r), which should be r theta_i; the error is
 * e_i(p, r) = phase_i(p) - phase_i(p - r) - r theta_i, over positions {@code p < L} and distances
 * {@code 1 <= r <= min(R, p)}. Horizons follow {@link Horizon}: the first position p at which some allowed
 * distance has |e_i(p, r)| > delta.
 *
 * @param pipeline the pipeline analysed
 * @param context L
 * @param delta the tolerance (radians)
 * @param maxDistance R as asked ({@code >= 1}; distances beyond p do not exist, so R >= L - 1 means every pair)
 * @param horizon the first p at which some mode fails: located, bracketed where no analysis located it, or none
 * @param maxError the largest |e_i(p, r)| over the context and all modes
 * @param modes per mode, in order of i
 */
public record RelativeErrorReport(Pipeline pipeline, long context, Rational delta, long maxDistance, Horizon horizon,
                                  PhaseErrorBound maxError, List<Mode> modes) {

    /** @throws NullPointerException for a missing component */
    public RelativeErrorReport {
        Objects.requireNonNull(pipeline);
        Objects.requireNonNull(delta);
        Objects.requireNonNull(horizon);
        Objects.requireNonNull(maxError);
        modes = List.copyOf(modes);
    }

    /**
     * One mode's results.
     *
     * @param i the mode
     * @param horizon the first p with |e_i(p, r)| > delta for some allowed r: located, bracketed, or none
     * @param maxError the largest |e_i(p, r)| over the allowed pairs
     */
    public record Mode(int i, Horizon horizon, PhaseErrorBound maxError) {
        /** @throws NullPointerException for a missing component */
        public Mode {
            Objects.requireNonNull(horizon);
            Objects.requireNonNull(maxError);
        }
    }
}
