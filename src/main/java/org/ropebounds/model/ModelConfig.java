package org.ropebounds.model;

import java.util.List;
import java.util.Optional;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/**
 * The RoPE-relevant settings of a model, as read from a registry row, a config.json or a GGUF file.
 *
 * @param name a display name
 * @param base rope_theta (exact), or the implementation default when {@code baseDefaulted}
 * @param baseDefaulted whether the config had no rope_theta and a default was used ({@code defaults} says which)
 * @param headDim the per-head dimension
 * @param rotaryDim the rotated dimensions (head_dim x partial_rotary_factor, rotary_dim, qk_rope_head_dim, GLM's kv_channels/2)
 * @param layers num_hidden_layers, if known
 * @param context max_position_embeddings, if known (or a default: {@link #contextDefaulted()})
 * @param dtype the weights' dtype (torch_dtype), if known
 * @param scaling the scaling retrofit
 * @param localBase a second base for sliding-window layers (Gemma 3's rope_local_base_freq), if any
 * @param slidingWindow the sliding window, if any
 * @param warnings plain-language remarks made while reading (defaults used, suspicious values), including
 *     {@code validationWarnings}
 * @param defaults each value the config left out and a default supplied, in reading order
 * @param validationWarnings the remarks made where transformers' rope validation warns (a subset of {@code warnings})
 */
public record ModelConfig(String name, Rational base, boolean baseDefaulted, int headDim, int rotaryDim, Optional<Integer> layers,
                          Optional<Long> context, Optional<Format> dtype, RopeScaling scaling, Optional<Rational> localBase,
                          Optional<Long> slidingWindow, List<String> warnings, List<DefaultValue> defaults,
                          List<String> validationWarnings) {

    /** transformers' base default (RotaryEmbeddingConfigMixin.default_theta) for classes that do not set their own. */
    public static final Rational DEFAULT_BASE = Rational.of(10000);

    /**
     * A value the config did not give and a default supplied.
     *
     * @param field the config.json key (rope_theta, rope_local_base_freq, sliding_window, max_position_embeddings)
     * @param value the value used, as text
     * @param source whose default it is ("transformers 5.18.0's Gemma3TextConfig (model_type gemma3_text)")
     */
    public record DefaultValue(String field, String value, String source) {
    }

    public ModelConfig {
        warnings = List.copyOf(warnings);
        defaults = List.copyOf(defaults);
        validationWarnings = List.copyOf(validationWarnings);
    }

    /** A config with no defaults recorded and no validation warnings (the form before defaults were tracked). */
    public ModelConfig(String name, Rational base, boolean baseDefaulted, int headDim, int rotaryDim, Optional<Integer> layers,
                       Optional<Long> context, Optional<Format> dtype, RopeScaling scaling, Optional<Rational> localBase,
                       Optional<Long> slidingWindow, List<String> warnings) {
        this(name, base, baseDefaulted, headDim, rotaryDim, layers, context, dtype, scaling, localBase, slidingWindow, warnings,
                List.of(), List.of());
    }

    /** Whether the context is a default (the config had no max_position_embeddings nor another context key). */
    public boolean contextDefaulted() {
        return defaults.stream().anyMatch(d -> d.field().equals("max_position_embeddings"));
    }

    /** This config with other warnings (everything else kept). */
    public ModelConfig withWarnings(List<String> newWarnings) {
        return new ModelConfig(name, base, baseDefaulted, headDim, rotaryDim, layers, context, dtype, scaling, localBase, slidingWindow,
                newWarnings, defaults, validationWarnings);
    }
}
