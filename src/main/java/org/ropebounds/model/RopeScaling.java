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

    /** One line with the type and its parameters. */
    String describe();

    private static String d(Rational x) {
        return x.toCompactDecimalStringOrFraction();
    }

    /** Plain RoPE. */
    record None() implements RopeScaling {
        @Override
        public String type() {
            return "none";
        }

        @Override
        public String describe() {
            return "none";
        }
    }

    /** Position interpolation: theta'_i = theta_i / factor. */
    record Linear(Rational factor) implements RopeScaling {
        @Override
        public String type() {
            return "linear";
        }

        @Override
        public String describe() {
            return "linear (position interpolation), factor " + d(factor);
        }
    }

    /** Dynamic NTK: above max_position_embeddings the base grows with the sequence length. */
    record Dynamic(Rational factor) implements RopeScaling {
        @Override
        public String type() {
            return "dynamic";
        }

        @Override
        public String describe() {
            return "dynamic NTK, factor " + d(factor);
        }
    }

    /** YaRN (Peng et al.): a ramp between interpolated and extrapolated modes, and an attention factor. */
    record Yarn(Optional<Rational> factor, long originalContext, Rational betaFast, Rational betaSlow, Optional<Rational> mscale,
                Optional<Rational> mscaleAllDim, Optional<Rational> attentionFactor, boolean truncate) implements RopeScaling {
        @Override
        public String type() {
            return "yarn";
        }

        @Override
        public String describe() {
            return "yarn, factor " + factor.map(RopeScaling::d).orElse("from the contexts") + ", original context " + originalContext
                    + ", beta_fast " + d(betaFast) + ", beta_slow " + d(betaSlow)
                    + mscale.map(x -> ", mscale " + d(x)).orElse("") + mscaleAllDim.map(x -> ", mscale_all_dim " + d(x)).orElse("");
        }
    }

    /** Llama 3's frequency-dependent interpolation. */
    record Llama3(Rational factor, Rational lowFreqFactor, Rational highFreqFactor, long originalContext) implements RopeScaling {
        @Override
        public String type() {
            return "llama3";
        }

        @Override
        public String describe() {
            return "llama3, factor " + d(factor) + ", low/high frequency factors " + d(lowFreqFactor) + "/" + d(highFreqFactor)
                    + ", original context " + originalContext;
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

        @Override
        public String describe() {
            return declaredType + " (LongRoPE), " + shortFactor.size() + " short and " + longFactor.size()
                    + " long factors, original context " + originalContext;
        }
    }

    /**
     * Per-mode frequency factors stored with the model (llama.cpp's {@code rope_freqs} tensor, which its
     * converter computes from Llama 3's scaling): theta'_i = theta_i / factors_i; each factor exact and > 0.
     */
    record FrequencyFactors(List<Rational> factors, String source) implements RopeScaling {
        public FrequencyFactors {
            factors = List.copyOf(factors);
        }

        @Override
        public String type() {
            return "frequency_factors";
        }

        @Override
        public String describe() {
            return "per-mode frequency factors from " + source + " (" + factors.size() + " factors, theta'_i = theta_i / factor_i)";
        }
    }

    /** A type this tool does not model: reported, never ignored. */
    record Unknown(String type) implements RopeScaling {
        @Override
        public String describe() {
            return "UNKNOWN type '" + type + "' (not modelled: the analysis treats it as plain RoPE)";
        }
    }
}
