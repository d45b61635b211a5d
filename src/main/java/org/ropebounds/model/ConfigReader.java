package org.ropebounds.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.io.BoundedFiles;
import org.ropebounds.io.StrictJson;

/**
 * Reads the RoPE settings of a Hugging Face config.json (transformers v4 keys and v5's rope_parameters).
 * Hostile input is refused quickly with a message naming the field: files over {@value #MAX_BYTES}
 * bytes, nesting deeper than {@value #MAX_DEPTH}, numbers longer than 100 digits, wrong types, values
 * out of range.
 */
public final class ConfigReader {
    /** The largest config.json accepted, in bytes. */
    public static final long MAX_BYTES = BoundedFiles.JSON_MAX_BYTES;
    /** The deepest nesting accepted. */
    public static final int MAX_DEPTH = StrictJson.MAX_DEPTH;

    private ConfigReader() {
    }

    /**
     * Reads a config.json file through {@link BoundedFiles} (a regular file of at most {@value #MAX_BYTES} bytes).
     *
     * @throws InvalidInputException for anything unreadable, not a regular file, too large, or out of range
     */
    public static ModelConfig read(Path file) {
        Path name = file.getFileName();
        return parse(BoundedFiles.readAll(file, MAX_BYTES, "config.json"), name == null ? file.toString() : name.toString());
    }

    /** Parses config.json text; {@code name} labels messages. @throws InvalidInputException naming the field */
    public static ModelConfig parse(String json, String name) {
        return config(StrictJson.parse(json, name), name);
    }

    private static ModelConfig parse(byte[] json, String name) {
        return config(StrictJson.parse(json, name), name);
    }

    private static ModelConfig config(JsonNode root, String name) {
        if (!root.isObject()) {
            throw new InvalidInputException(name + ": a config.json must be a JSON object");
        }
        JsonNode text = root.get("text_config");
        if (text != null && text.isObject()) {
            // a multimodal model: the language model's settings are nested; the dtype may sit outside
            com.fasterxml.jackson.databind.node.ObjectNode merged = ((com.fasterxml.jackson.databind.node.ObjectNode) text).deepCopy();
            for (String key : List.of("torch_dtype", "dtype")) {
                if (!merged.has(key) && root.has(key)) {
                    merged.set(key, root.get(key));
                }
            }
            // the text model's architecture: its own model_type, else the one its composite class builds
            if (!merged.has("model_type") && root.path("model_type").isTextual()) {
                TransformersDefaults.of(root.get("model_type").asText()).flatMap(TransformersDefaults.Architecture::textModelType)
                        .ifPresent(t -> merged.put("model_type", t));
            }
            ModelConfig m = new Fields(merged, name).config();
            List<String> warnings = new ArrayList<>(m.warnings());
            warnings.add(0, "a multimodal config: the language model's settings were read from text_config");
            return m.withWarnings(warnings);
        }
        return new Fields(root, name).config();
    }

    /** Field access with the checks every field gets. */
    private static final class Fields {
        private final JsonNode root;
        private final String name;
        private final List<String> warnings = new ArrayList<>();
        private final List<String> validation = new ArrayList<>();
        private final List<ModelConfig.DefaultValue> defaults = new ArrayList<>();

        Fields(JsonNode root, String name) {
            this.root = root;
            this.name = name;
        }

        ModelConfig config() {
            JsonNode params = root.get("rope_parameters");
            JsonNode scalingNode = root.get("rope_scaling");
            JsonNode main = params;
            Optional<Rational> localBase = number(root, "rope_local_base_freq", "rope_local_base_freq");
            if (params != null && !params.isNull()) {
                if (!params.isObject()) {
                    throw bad("rope_parameters", params, "an object");
                }
                // v5 per-layer-type parameters: {"full_attention": {...}, "sliding_attention": {...}}
                if (params.has("full_attention") || params.has("sliding_attention")) {
                    main = params.get("full_attention") != null ? params.get("full_attention") : params.get("sliding_attention");
                    JsonNode sliding = params.get("sliding_attention");
                    if (sliding != null && sliding.isObject() && params.get("full_attention") != null) {
                        localBase = number(sliding, "rope_theta", "rope_parameters.sliding_attention.rope_theta");
                    }
                }
                scalingNode = main;
            }
            Optional<Rational> theta = main != null && main.isObject() ? number(main, "rope_theta", "rope_parameters.rope_theta") : Optional.empty();
            if (theta.isEmpty()) {
                theta = number(root, "rope_theta", "rope_theta");
            }
            if (theta.isEmpty()) {
                theta = number(root, "rotary_emb_base", "rotary_emb_base"); // GPT-NeoX's name for it
            }
            Optional<String> modelType = text(root, "model_type");
            Optional<TransformersDefaults.Architecture> arch = modelType.flatMap(TransformersDefaults::of);
            boolean glm = chatGlm();
            boolean defaulted = false;
            Rational base;
            if (theta.isPresent()) {
                base = theta.get();
            } else if (glm || root.has("rope_ratio")) {
                // THUDM's modeling_chatglm.py (GLM-4, ChatGLM2/3), RotaryEmbedding.forward_impl: base = 10000 * rope_ratio
                // (rope_ratio defaults to 1); transformers' convert_glm_weights_to_hf.py writes rope_theta = 10000.0 * rope_ratio
                Optional<Rational> ratio = number(root, "rope_ratio", "rope_ratio");
                if (ratio.isPresent() && ratio.get().signum() <= 0) {
                    throw new InvalidInputException(name + ": rope_ratio " + ratio.get().toCompactDecimalStringOrFraction()
                            + " is out of range; accepted: rope_ratio > 0 (base = 10000 x rope_ratio)");
                }
                if (ratio.isEmpty()) {
                    defaults.add(new ModelConfig.DefaultValue("rope_ratio", "1", "THUDM's modeling_chatglm.py (rope_ratio=1)"));
                }
                Rational r = ratio.orElse(Rational.ONE);
                base = ModelConfig.DEFAULT_BASE.multiply(r);
                warnings.add("no rope_theta: GLM's rope_ratio " + r.toCompactDecimalStringOrFraction()
                        + (ratio.isEmpty() ? " (absent: 1)" : "") + " gives base 10000 x rope_ratio = " + base.toCompactDecimalStringOrFraction());
            } else if (arch.flatMap(TransformersDefaults.Architecture::ropeTheta).isPresent()) {
                base = arch.get().ropeTheta().get();
                defaulted = true;
                defaults.add(new ModelConfig.DefaultValue("rope_theta", base.toCompactDecimalStringOrFraction(), arch.get().source()));
                warnings.add("no rope_theta in the config: the default of " + arch.get().source() + ", "
                        + base.toCompactDecimalStringOrFraction() + ", is used" + (arch.get().slidingRopeTheta().isPresent()
                        ? " for the full-attention layers" : ""));
            } else {
                base = ModelConfig.DEFAULT_BASE;
                defaulted = true;
                String source = "transformers " + TransformersDefaults.version() + "'s default_theta ("
                        + modelType.map(t -> "model_type " + t + " has no configuration class of its own with RoPE parameters there")
                                .orElse("the config names no model_type") + ")";
                defaults.add(new ModelConfig.DefaultValue("rope_theta", "10000", source));
                warnings.add("no rope_theta in the config: transformers' default 10000 is used (" + source + ")");
            }
            if (base.compareTo(Rational.ONE) <= 0 || base.compareTo(Rational.parse("1e30")) > 0) {
                throw new InvalidInputException(name + ": rope_theta " + base.toCompactDecimalStringOrFraction()
                        + " is out of range; accepted: 1 < rope_theta <= 1e30");
            }
            if (localBase.isEmpty() && arch.flatMap(TransformersDefaults.Architecture::slidingRopeTheta).isPresent()) {
                localBase = arch.get().slidingRopeTheta();
                defaults.add(new ModelConfig.DefaultValue("rope_local_base_freq", localBase.get().toCompactDecimalStringOrFraction(),
                        arch.get().source()));
                warnings.add("no rope_local_base_freq: the sliding-window layers use the default of " + arch.get().source() + ", "
                        + localBase.get().toCompactDecimalStringOrFraction());
            }
            int headDim = headDim();
            int rotaryDim = rotaryDim(headDim, main);
            Optional<Integer> layers = integer(root, "num_hidden_layers", 1, 100_000).or(() -> integer(root, "n_layer", 1, 100_000))
                    .or(() -> integer(root, "num_layers", 1, 100_000)).map(Long::intValue);
            layers = layers.map(this::ropeLayers);
            Optional<Long> context = integer(root, "max_position_embeddings", 1, 1L << 62).or(() -> integer(root, "seq_length", 1, 1L << 62))
                    .or(() -> integer(root, "n_positions", 1, 1L << 62));
            Optional<Long> classContext = arch.flatMap(TransformersDefaults.Architecture::maxPositionEmbeddings);
            if (context.isEmpty() && root.has("max_sequence_length")) {
                context = integer(root, "max_sequence_length", 1, 1L << 62);
                warnings.add("no max_position_embeddings: the context is max_sequence_length " + context.get() + ", a key transformers"
                        + " does not read" + classContext.map(c -> " (it uses " + arch.get().configClass() + "'s default " + c + ")").orElse(""));
            } else if (context.isEmpty() && classContext.isPresent()) {
                context = classContext;
                defaults.add(new ModelConfig.DefaultValue("max_position_embeddings", Long.toString(classContext.get()), arch.get().source()));
                warnings.add("no max_position_embeddings: the context " + classContext.get() + " is the default of " + arch.get().source()
                        + ", not a length the model was trained for");
            }
            Optional<Format> dtype = text(root, "torch_dtype").or(() -> text(root, "dtype")).flatMap(this::format);
            RopeScaling scaling = scaling(scalingNode, context);
            if (scalingNode != null && scalingNode.isObject()) {
                java.util.Set<String> keys = new java.util.TreeSet<>();
                scalingNode.fieldNames().forEachRemaining(keys::add);
                int before = warnings.size();
                RopeValidation.check(name, root.has("rope_parameters") ? "rope_parameters" : "rope_scaling", scaling, keys, context, warnings);
                validation.addAll(warnings.subList(before, warnings.size()));
            }
            if (scaling instanceof RopeScaling.LongRope lr) {
                for (var entry : java.util.Map.of("short_factor", lr.shortFactor(), "long_factor", lr.longFactor()).entrySet()) {
                    if (entry.getValue().size() != rotaryDim / 2) {
                        throw new InvalidInputException(name + ": rope_scaling." + entry.getKey() + " has " + entry.getValue().size()
                                + " factors; LongRoPE needs one per mode, d/2 = " + rotaryDim / 2);
                    }
                }
            }
            Optional<Long> window = integer(root, "sliding_window", 1, 1L << 62);
            if (root.path("use_sliding_window").isBoolean() && !root.get("use_sliding_window").asBoolean()) {
                window = Optional.empty(); // Qwen2-style: the window is declared but off, and transformers drops it
            } else if (window.isEmpty() && localBase.isPresent() && arch.flatMap(TransformersDefaults.Architecture::slidingWindow).isPresent()) {
                window = arch.get().slidingWindow();
                defaults.add(new ModelConfig.DefaultValue("sliding_window", Long.toString(window.get()), arch.get().source()));
                warnings.add("no sliding_window: the sliding-window layers attend to the default of " + arch.get().source() + ", "
                        + window.get() + " positions");
            }
            return new ModelConfig(name, base, defaulted, headDim, rotaryDim, layers, context, dtype, scaling, localBase, window, warnings,
                    defaults, validation);
        }

        /**
         * Layers that apply RoPE: Llama 4's NoPE layers (no_rope_layers flags, 1 = RoPE, or every
         * no_rope_layer_interval-th layer without) do not count toward the depth.
         */
        private int ropeLayers(int all) {
            JsonNode flags = root.get("no_rope_layers");
            if (flags != null && flags.isArray() && flags.size() > 0) {
                int rope = 0;
                for (JsonNode f : flags) {
                    if (!f.isIntegralNumber() || (f.asInt() != 0 && f.asInt() != 1)) {
                        throw bad("no_rope_layers", f, "a list of 0 and 1 flags");
                    }
                    rope += f.asInt();
                }
                warnings.add((flags.size() - rope) + " of " + flags.size() + " layers are NoPE (no_rope_layers): the depth counts the "
                        + rope + " that apply RoPE");
                return Math.max(1, rope);
            }
            Optional<Long> interval = integer(root, "no_rope_layer_interval", 1, 1 << 20);
            if (interval.isPresent() && interval.get() > 1) {
                int nope = (int) (all / interval.get());
                warnings.add(nope + " of " + all + " layers are NoPE (every " + interval.get() + "th): the depth counts the "
                        + (all - nope) + " that apply RoPE");
                return Math.max(1, all - nope);
            }
            return all;
        }

        /** THUDM's ChatGLM layout (GLM-4, ChatGLM2/3): its model_type, or kv_channels with rope_ratio. */
        private boolean chatGlm() {
            return text(root, "model_type").map("chatglm"::equals).orElse(false) || (root.has("kv_channels") && root.has("rope_ratio"));
        }

        private int headDim() {
            Optional<Long> explicit = integer(root, "head_dim", 2, 1 << 20);
            if (explicit.isPresent()) {
                return explicit.get().intValue();
            }
            Optional<Long> rope = integer(root, "qk_rope_head_dim", 2, 1 << 20);
            if (rope.isPresent()) {
                // multi-head latent attention: a query/key head is qk_nope_head_dim + qk_rope_head_dim wide
                return (int) (rope.get() + integer(root, "qk_nope_head_dim", 0, 1 << 20).orElse(0L));
            }
            Optional<Long> kv = integer(root, "kv_channels", 2, 1 << 20);
            if (kv.isPresent()) {
                // THUDM's modeling_chatglm.py: rotary_dim = hidden_size // num_attention_heads if kv_channels is None else kv_channels
                return kv.get().intValue();
            }
            Optional<Long> hidden = integer(root, "hidden_size", 2, 1 << 24).or(() -> integer(root, "n_embd", 2, 1 << 24));
            Optional<Long> heads = integer(root, "num_attention_heads", 1, 1 << 16).or(() -> integer(root, "n_head", 1, 1 << 16));
            if (hidden.isEmpty() || heads.isEmpty()) {
                throw new InvalidInputException(name + ": no head_dim (nor kv_channels), and no hidden_size and num_attention_heads"
                        + " to derive it from");
            }
            if (hidden.get() % heads.get() != 0) {
                warnings.add("hidden_size " + hidden.get() + " is not a multiple of num_attention_heads " + heads.get()
                        + ": head_dim = hidden_size // heads, as transformers computes it");
            }
            return (int) (hidden.get() / heads.get());
        }

        private int rotaryDim(int headDim, JsonNode main) {
            Optional<Long> mla = integer(root, "qk_rope_head_dim", 2, 1 << 20);
            if (mla.isPresent()) {
                warnings.add("multi-head latent attention: only qk_rope_head_dim = " + mla.get() + " dimensions are rotated");
                return mla.get().intValue();
            }
            if (chatGlm()) {
                // THUDM's modeling_chatglm.py: RotaryEmbedding(rotary_dim // 2, ...) with inv_freq over arange(0, dim, 2):
                // the first half of each head (kv_channels / 2 dimensions) rotates, the rest passes through
                int half = headDim / 2;
                if (half < 2 || half % 2 != 0) {
                    throw new InvalidInputException(name + ": GLM rotates kv_channels / 2 = " + half
                            + " dimensions; need an even number >= 2 (kv_channels a multiple of 4)");
                }
                warnings.add("ChatGLM layout: half of each head rotates (kv_channels " + headDim + " / 2 = " + half + " dimensions)");
                return half;
            }
            Optional<Long> rotary = integer(root, "rotary_dim", 2, 1 << 20);
            if (rotary.isPresent()) {
                return rotary.get().intValue();
            }
            Optional<Rational> fraction = (main != null && main.isObject() ? number(main, "partial_rotary_factor", "rope_parameters.partial_rotary_factor")
                    : Optional.<Rational>empty())
                    .or(() -> number(root, "partial_rotary_factor", "partial_rotary_factor"))
                    .or(() -> number(root, "rotary_pct", "rotary_pct"));
            if (fraction.isEmpty()) {
                return headDim;
            }
            Rational f = fraction.get();
            if (f.signum() <= 0 || f.compareTo(Rational.ONE) > 0) {
                throw new InvalidInputException(name + ": partial rotary fraction " + f.toCompactDecimalStringOrFraction()
                        + " is out of range; accepted: 0 < fraction <= 1");
            }
            int d = f.multiply(Rational.of(headDim)).floor().intValueExact(); // int(head_dim * factor), as transformers
            if (d < 2 || d % 2 != 0) {
                throw new InvalidInputException(name + ": partial rotary gives " + d + " rotated dimensions; need an even number >= 2");
            }
            return d;
        }

        private RopeScaling scaling(JsonNode node, Optional<Long> context) {
            if (node == null || node.isNull()) {
                return new RopeScaling.None();
            }
            if (!node.isObject()) {
                throw bad("rope_scaling", node, "an object or null");
            }
            String type = text(node, "rope_type").or(() -> text(node, "type")).orElse("default").toLowerCase(Locale.ROOT);
            String field = root.has("rope_parameters") ? "rope_parameters" : "rope_scaling";
            return switch (type) {
                case "default" -> new RopeScaling.None();
                case "linear" -> new RopeScaling.Linear(required(node, "factor", field));
                case "dynamic" -> new RopeScaling.Dynamic(required(node, "factor", field));
                case "yarn" -> new RopeScaling.Yarn(yarnFactor(node, field),
                        integer(node, "original_max_position_embeddings", 1, 1L << 62).orElseGet(() -> {
                            warnings.add("yarn without original_max_position_embeddings: max_position_embeddings is used");
                            return context.orElseThrow(() -> new InvalidInputException(name + ": " + field
                                    + " yarn needs original_max_position_embeddings or max_position_embeddings"));
                        }),
                        beta(node, "beta_fast", field, Rational.of(32)), beta(node, "beta_slow", field, Rational.ONE),
                        number(node, "mscale", field + ".mscale"), number(node, "mscale_all_dim", field + ".mscale_all_dim"),
                        number(node, "attention_factor", field + ".attention_factor"),
                        !node.has("truncate") || node.get("truncate").asBoolean(true));
                case "llama3" -> new RopeScaling.Llama3(required(node, "factor", field), required(node, "low_freq_factor", field),
                        required(node, "high_freq_factor", field),
                        integer(node, "original_max_position_embeddings", 1, 1L << 62)
                                .orElseThrow(() -> new InvalidInputException(name + ": " + field + ".original_max_position_embeddings is missing")));
                case "longrope", "su" -> new RopeScaling.LongRope(list(node, "short_factor", field), list(node, "long_factor", field),
                        integer(node, "original_max_position_embeddings", 1, 1L << 62)
                                .or(() -> integer(root, "original_max_position_embeddings", 1, 1L << 62))
                                .orElseThrow(() -> new InvalidInputException(name + ": longrope needs original_max_position_embeddings")),
                        number(node, "factor", field + ".factor"), number(node, "attention_factor", field + ".attention_factor"), type);
                default -> {
                    warnings.add("unknown RoPE scaling type '" + type + "': analysed as plain RoPE, which it is not");
                    yield new RopeScaling.Unknown(type);
                }
            };
        }

        /** YaRN's factor: transformers requires the key (KeyError without it); a null value means max_position_embeddings / original. */
        private Optional<Rational> yarnFactor(JsonNode node, String field) {
            if (!node.has("factor")) {
                throw new InvalidInputException(name + ": " + field + ".factor is missing; yarn needs it (transformers refuses the config without it)");
            }
            return number(node, "factor", field + ".factor");
        }

        /** A YaRN beta as transformers reads it: {@code beta or default}, so an absent, null or zero beta is the default. */
        private Rational beta(JsonNode node, String key, String field, Rational fallback) {
            Optional<Rational> v = number(node, key, field + "." + key);
            if (v.isPresent() && v.get().signum() == 0) {
                warnings.add(field + "." + key + " 0 is read as the default " + fallback.toCompactDecimalStringOrFraction()
                        + " (transformers takes " + key + " or its default)");
            }
            return v.filter(x -> x.signum() != 0).orElse(fallback);
        }

        private Rational required(JsonNode node, String key, String field) {
            return number(node, key, field + "." + key)
                    .orElseThrow(() -> new InvalidInputException(name + ": " + field + "." + key + " is missing"));
        }

        private List<Rational> list(JsonNode node, String key, String field) {
            JsonNode v = node.get(key);
            if (v == null || !v.isArray()) {
                throw new InvalidInputException(name + ": " + field + "." + key + " must be a list of numbers");
            }
            List<Rational> out = new ArrayList<>();
            for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
                JsonNode e = it.next();
                if (!e.isNumber()) {
                    throw bad(field + "." + key + "[" + out.size() + "]", e, "a number");
                }
                out.add(Rational.of(e.decimalValue()));
            }
            return out;
        }

        private Optional<Rational> number(JsonNode node, String key, String field) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isNumber()) {
                throw bad(field, v, "a number");
            }
            BigDecimal d = v.decimalValue();
            if (d.abs().compareTo(new BigDecimal("1e30")) > 0 || (d.signum() != 0 && d.abs().compareTo(new BigDecimal("1e-30")) < 0)) {
                throw new InvalidInputException(name + ": " + field + " " + d.toString() + " is out of range; accepted: magnitudes in [1e-30, 1e30]");
            }
            return Optional.of(Rational.of(d));
        }

        private Optional<Long> integer(JsonNode node, String key, long min, long max) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isIntegralNumber() && !(v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0)) {
                throw bad(key, v, "an integer");
            }
            BigDecimal d = v.decimalValue();
            if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
                throw new InvalidInputException(name + ": " + key + " " + d.toPlainString() + " is out of range; accepted: " + min + ".." + max);
            }
            return Optional.of(d.longValueExact());
        }

        private Optional<String> text(JsonNode node, String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isTextual()) {
                throw bad(key, v, "a string");
            }
            return Optional.of(v.asText());
        }

        private Optional<Format> format(String dtype) {
            String t = dtype.toLowerCase(Locale.ROOT);
            for (Map.Entry<String, Format> e : Map.of("bfloat16", Format.BF16, "float16", Format.FP16, "float32", Format.FP32,
                    "float64", Format.FP64, "float", Format.FP32, "half", Format.FP16).entrySet()) {
                if (t.equals(e.getKey()) || t.equals("torch." + e.getKey())) {
                    return Optional.of(e.getValue());
                }
            }
            warnings.add("torch_dtype '" + dtype + "' is not a format this tool knows; fp32 is assumed for the weights");
            return Optional.empty();
        }

        private InvalidInputException bad(String field, JsonNode v, String expected) {
            String shown = v.toString();
            if (shown.length() > 60) {
                shown = shown.substring(0, 60) + "...";
            }
            return new InvalidInputException(name + ": " + field + " must be " + expected + ", got " + shown);
        }
    }
}
