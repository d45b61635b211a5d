package org.ropebounds.model;

import java.util.List;
import java.util.Optional;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/**
 * The RoPE-relevant settings of a model, as read from a registry row or a config.json.
 *
 * @param name a display name
 * @param base rope_theta (exact), or the implementation default when {@code baseDefaulted}
 * @param baseDefaulted whether the config had no rope_theta and 10000 was used
 * @param headDim the per-head dimension
 * @param rotaryDim the rotated dimensions (head_dim x partial_rotary_factor, rotary_dim, qk_rope_head_dim)
 * @param layers num_hidden_layers, if known
 * @param context max_position_embeddings, if known
 * @param dtype the weights' dtype (torch_dtype), if known
 * @param scaling the scaling retrofit
 * @param localBase a second base for sliding-window layers (Gemma 3's rope_local_base_freq), if any
 * @param slidingWindow the sliding window, if any
 * @param warnings plain-language remarks made while reading (defaults used, suspicious values)
 */
public record ModelConfig(String name, Rational base, boolean baseDefaulted, int headDim, int rotaryDim, Optional<Integer> layers,
                          Optional<Long> context, Optional<Format> dtype, RopeScaling scaling, Optional<Rational> localBase,
                          Optional<Long> slidingWindow, List<String> warnings) {

    /** transformers' default base when a config has no rope_theta. */
    public static final Rational DEFAULT_BASE = Rational.of(10000);

    public ModelConfig {
        warnings = List.copyOf(warnings);
    }
}
