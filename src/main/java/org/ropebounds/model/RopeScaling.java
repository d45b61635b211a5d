package org.ropebounds.model;

import java.util.List;
import java.util.Optional;
import org.ropebounds.format.Rational;

/**
 * A RoPE scaling retrofit as a config declares it (transformers' {@code rope_scaling} or
 * {@code rope_parameters}); every number is the exact decimal the config wrote.
 */
public sealed interface RopeScaling {

    /** The type name as it will be printed: none, linear, dynamic, yarn, llama3, longrope, or the unknown name. */
    String type();

    /** Plain RoPE. */
    record None() implements RopeScaling {
        @Override
        public String type() {
            return "none";
        }
    }

    /** Position interpolation: theta'_i = theta_i / factor. */
    record Linear(Rational factor) implements RopeScaling {
        @Override
        public String type() {
            return "linear";
        }
    }

    /** Dynamic NTK: above max_position_embeddings the base grows with the sequence length. */
    record Dynamic(Rational factor) implements RopeScaling {
        @Override
        public String type() {
            return "dynamic";
        }
    }

    /** YaRN (Peng et al.): a ramp between interpolated and extrapolated modes, and an attention factor. */
    record Yarn(Optional<Rational> factor, long originalContext, Rational betaFast, Rational betaSlow, Optional<Rational> mscale,
                Optional<Rational> mscaleAllDim, Optional<Rational> attentionFactor, boolean truncate) implements RopeScaling {
        @Override
        public String type() {
            return "yarn";
        }
    }

    /** Llama 3's frequency-dependent interpolation. */
    record Llama3(Rational factor, Rational lowFreqFactor, Rational highFreqFactor, long originalContext) implements RopeScaling {
        @Override
        public String type() {
            return "llama3";
        }
    }

    /** LongRoPE (Phi-3 "longrope", formerly "su"): per-mode factors, long above the original context, short below. */
    record LongRope(List<Rational> shortFactor, List<Rational> longFactor, long originalContext, Optional<Rational> factor,
                    Optional<Rational> attentionFactor, String declaredType) implements RopeScaling {
        public LongRope {
            shortFactor = List.copyOf(shortFactor);
            longFactor = List.copyOf(longFactor);
        }

        @Override
        public String type() {
            return "longrope";
        }
    }

    /** A type this tool does not model: reported, never ignored. */
    record Unknown(String type) implements RopeScaling {
    }
}
