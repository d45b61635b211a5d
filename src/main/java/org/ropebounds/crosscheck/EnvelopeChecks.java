package org.ropebounds.crosscheck;

import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.FloatValue;
import org.ropebounds.libm.LibmModel;
import org.ropebounds.libm.LibmModels;
import org.ropebounds.rope.RopeEmulator;

/** The envelope side of {@link Crosscheck}'s loop: which envelopes a comparison uses, and the per-row cache of their bounds. */
final class EnvelopeChecks {
    private EnvelopeChecks() {
    }

    /**
     * The envelopes of a pipeline comparison: the pipeline's own under the request's libm models (empty when they
     * are all correctly rounded: the envelope is then the pipeline's value), and the one with every correctly rounded
     * function only faithful, for saying which entries outside a faithful libm explains (empty when it is the same).
     */
    record Envelopes(Optional<PipelineEnvelope> main, Optional<PipelineEnvelope> faithful) {
        static Envelopes of(CrosscheckRequest request, RopeEmulator rope, org.ropebounds.format.Format file, boolean storedInvFreq) {
            LibmModels libm = request.libmOrCorrect();
            Optional<PipelineEnvelope> main = libm.allCorrect() ? Optional.empty() : Optional.of(build(request, rope, libm, file, storedInvFreq));
            Optional<PipelineEnvelope> faithful = Optional.empty();
            if (libm.anyCorrect()) { // the relaxed models differ from libm
                LibmModels relaxed = libm.atLeastFaithful();
                try {
                    faithful = Optional.of(build(request, rope, relaxed, file, storedInvFreq));
                } catch (InvalidInputException e) {
                    faithful = Optional.empty(); // a pipeline the envelope cannot follow: no diagnosis, the verdict is unaffected
                }
            }
            return new Envelopes(main, faithful);
        }

        static PipelineEnvelope build(CrosscheckRequest request, RopeEmulator rope, LibmModels libm, org.ropebounds.format.Format file,
                                              boolean storedInvFreq) {
            if (storedInvFreq) {
                return PipelineEnvelope.ofStoredInvFreq(request.quantity(), rope, libm, file);
            }
            if (!request.frequencies().isPlain()) {
                // a model's inv_freq is pow followed by its scaling steps: each allowed pow value through those steps
                if (libm.pow() instanceof LibmModel.Correct) {
                    return PipelineEnvelope.ofStoredInvFreq(request.quantity(), rope, libm, file);
                }
                FloatValue[][] inv = request.frequencies().powSteps().map(s -> PipelineEnvelope.modelInvFreqInterval(s, libm,
                        rope.pipeline().invFreq())).orElseThrow(() -> new InvalidParameterException(InvalidParameterException.Parameter.LIBM,
                        "pow model " + libm.pow().label() + " with a spectrum whose pow-to-inv_freq steps are not known ("
                        + request.spectrumSource() + "); accepted: a correct pow"));
                return PipelineEnvelope.ofInvFreq(request.quantity(), rope, libm, inv[0], inv[1], file);
            }
            return PipelineEnvelope.of(request.quantity(), rope, libm, file);
        }
    }

    /** The envelope of the row last seen for each mode (concat and interleave rows hold each mode twice). */
    static final class EnvelopeCache {
        private final long[] row;
        private final double[] lo;
        private final double[] hi;
        private final boolean[] bounded;
        private final Envelopes env;
        private final double[] out = new double[2];
        private final double[] scratch = new double[2];

        EnvelopeCache(int modes, Envelopes env) {
            row = new long[modes];
            java.util.Arrays.fill(row, -1);
            lo = new double[modes];
            hi = new double[modes];
            bounded = new boolean[modes];
            this.env = env;
        }

        /** Counts {@code got} against the envelope of (mode, p); {@code pipelineValue} is the envelope of correctly rounded functions. */
        void count(long r, int mode, long p, double pipelineValue, long index, long shownPosition, double got, EnvelopeTally tally) {
            if (row[mode] != r) {
                if (env.main.isEmpty()) {
                    lo[mode] = pipelineValue;
                    hi[mode] = pipelineValue;
                    bounded[mode] = true;
                } else {
                    bounded[mode] = env.main.get().envelope(mode, p, out, scratch);
                    lo[mode] = out[0];
                    hi[mode] = out[1];
                }
                row[mode] = r;
            }
            if (!bounded[mode]) {
                tally.addUnbounded();
            } else if (!tally.add(index, shownPosition, mode, got, lo[mode], hi[mode]) && env.faithful.isPresent()
                    && (!env.faithful.get().envelope(mode, p, out, scratch) || (got >= out[0] && got <= out[1]))) {
                tally.countInsideFaithful();
            }
        }
    }
}
