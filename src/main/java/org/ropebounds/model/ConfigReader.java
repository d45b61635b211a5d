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
            ModelConfig m = new Fields(merged, name).config();
            List<String> warnings = new ArrayList<>(m.warnings());
            warnings.add(0, "a multimodal config: the language model's settings were read from text_config");
            return new ModelConfig(m.name(), m.base(), m.baseDefaulted(), m.headDim(), m.rotaryDim(), m.layers(), m.context(), m.dtype(),
                    m.scaling(), m.localBase(), m.slidingWindow(), warnings);
        }
        return new Fields(root, name).config();
    }

    /** Field access with the checks every field gets. */
    private static final class Fields {
        private final JsonNode root;
        private final String name;
        private final List<String> warnings = new ArrayList<>();

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
            boolean defaulted = false;
            Rational base;
            if (theta.isPresent()) {
                base = theta.get();
            } else {
                Optional<Rational> ratio = number(root, "rope_ratio", "rope_ratio");
                if (ratio.isPresent()) {
                    base = ModelConfig.DEFAULT_BASE.multiply(ratio.get());
                    warnings.add("no rope_theta: GLM's rope_ratio " + ratio.get().toCompactDecimalStringOrFraction()
                            + " gives base 10000 x rope_ratio = " + base.toCompactDecimalStringOrFraction());
                } else {
                    base = ModelConfig.DEFAULT_BASE;
                    defaulted = true;
                    warnings.add("no rope_theta in the config: transformers' default 10000 is used");
                }
            }
            if (base.compareTo(Rational.ONE) <= 0 || base.compareTo(Rational.parse("1e30")) > 0) {
                throw new InvalidInputException(name + ": rope_theta " + base.toCompactDecimalStringOrFraction()
                        + " is out of range; accepted: 1 < rope_theta <= 1e30");
            }
            int headDim = headDim();
            int rotaryDim = rotaryDim(headDim, main);
            Optional<Integer> layers = integer(root, "num_hidden_layers", 1, 100_000).or(() -> integer(root, "n_layer", 1, 100_000))
                    .or(() -> integer(root, "num_layers", 1, 100_000)).map(Long::intValue);
            layers = layers.map(this::ropeLayers);
            Optional<Long> context = integer(root, "max_position_embeddings", 1, 1L << 62)
                    .or(() -> integer(root, "max_sequence_length", 1, 1L << 62)).or(() -> integer(root, "seq_length", 1, 1L << 62))
                    .or(() -> integer(root, "n_positions", 1, 1L << 62));
            Optional<Format> dtype = text(root, "torch_dtype").or(() -> text(root, "dtype")).flatMap(this::format);
            RopeScaling scaling = scaling(scalingNode, context);
            if (scaling instanceof RopeScaling.LongRope lr) {
                for (var entry : java.util.Map.of("short_factor", lr.shortFactor(), "long_factor", lr.longFactor()).entrySet()) {
                    if (entry.getValue().size() != rotaryDim / 2) {
                        throw new InvalidInputException(name + ": rope_scaling." + entry.getKey() + " has " + entry.getValue().size()
                                + " factors; LongRoPE needs one per mode, d/2 = " + rotaryDim / 2);
                    }
                }
            }
            Optional<Long> window = integer(root, "sliding_window", 1, 1L << 62);
            return new ModelConfig(name, base, defaulted, headDim, rotaryDim, layers, context, dtype, scaling, localBase, window, warnings);
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
            Optional<Long> hidden = integer(root, "hidden_size", 2, 1 << 24).or(() -> integer(root, "n_embd", 2, 1 << 24));
            Optional<Long> heads = integer(root, "num_attention_heads", 1, 1 << 16).or(() -> integer(root, "n_head", 1, 1 << 16));
            if (hidden.isEmpty() || heads.isEmpty()) {
                throw new InvalidInputException(name + ": no head_dim, and no hidden_size and num_attention_heads to derive it from");
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
                case "yarn" -> new RopeScaling.Yarn(number(node, "factor", field + ".factor"),
                        integer(node, "original_max_position_embeddings", 1, 1L << 62).orElseGet(() -> {
                            warnings.add("yarn without original_max_position_embeddings: max_position_embeddings is used");
                            return context.orElseThrow(() -> new InvalidInputException(name + ": " + field
                                    + " yarn needs original_max_position_embeddings or max_position_embeddings"));
                        }),
                        number(node, "beta_fast", field + ".beta_fast").orElse(Rational.of(32)),
                        number(node, "beta_slow", field + ".beta_slow").orElse(Rational.ONE),
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
