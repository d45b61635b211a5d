package org.ropebounds.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/**
 * A GGUF file's RoPE settings as llama.cpp reads them, mapped onto the {@link ModelConfig} the JSON
 * reader produces, with the llama.cpp command-line flag that overrides each value at run time.
 *
 * <p>llama.cpp's defaults are used where a key is absent: base 10000, rotary dim = head dim
 * ({@code attention.key_length}, else {@code embedding_length / attention.head_count}), scaling type
 * linear with factor 1 (plain RoPE) when {@code rope.scaling.type} is absent, YaRN's original context =
 * {@code context_length}, beta_fast 32, beta_slow 1.
 *
 * @param config what the analysis runs on
 * @param file what was read
 * @param overrides per value read (or defaulted), the flag that would override it
 */
public record GgufModel(ModelConfig config, GgufFile file, List<LlamaCppFlag> overrides) {

    public GgufModel {
        overrides = List.copyOf(overrides);
    }

    /**
     * One value and the llama.cpp flag that overrides it.
     *
     * @param key the GGUF key (or tensor name)
     * @param value the value as read, or the default llama.cpp uses (then {@code defaulted})
     * @param defaulted whether the key is absent and llama.cpp's default is shown
     * @param flag the llama.cpp option that overrides it, or a sentence saying there is none
     */
    public record LlamaCppFlag(String key, String value, boolean defaulted, String flag) {
    }

    /**
     * Reads a GGUF file and maps it.
     *
     * @throws InvalidInputException for a file {@link GgufReader#read} refuses, a missing
     *     general.architecture, embedding_length or head_count, or a value out of range (naming the key)
     */
    public static GgufModel read(Path file) {
        Path name = file.getFileName();
        return of(GgufReader.read(file), name == null ? file.toString() : name.toString());
    }

    /** Maps a read file; {@code name} labels the config and messages. @throws InvalidInputException naming the key */
    public static GgufModel of(GgufFile g, String name) {
        return new Mapper(g, name).model();
    }

    private static final class Mapper {
        private final GgufFile g;
        private final String name;
        private final String arch;
        private final List<String> warnings = new ArrayList<>();
        private final List<LlamaCppFlag> overrides = new ArrayList<>();

        Mapper(GgufFile g, String name) {
            this.g = g;
            this.name = name;
            this.arch = text("general.architecture").orElseThrow(() -> new InvalidInputException(name
                    + ": a GGUF file without general.architecture; accepted: a model file with its architecture's keys"));
        }

        GgufModel model() {
            String p = arch + ".";
            Optional<Rational> freqBase = number(p + "rope.freq_base");
            Rational base = freqBase.orElse(ModelConfig.DEFAULT_BASE);
            if (base.compareTo(Rational.ONE) <= 0 || base.compareTo(Rational.parse("1e30")) > 0) {
                throw range(p + "rope.freq_base", base, "1 < freq_base <= 1e30");
            }
            if (freqBase.isEmpty()) {
                warnings.add("no " + p + "rope.freq_base in the GGUF file: llama.cpp's default 10000 is used");
            }
            note(p + "rope.freq_base", freqBase, "10000", "--rope-freq-base N");
            long embedding = integer(p + "embedding_length", 2, 1 << 24).orElseThrow(() -> missing(p + "embedding_length"));
            long heads = integer(p + "attention.head_count", 1, 1 << 16).orElseThrow(() -> missing(p + "attention.head_count"));
            Optional<Long> keyLength = integer(p + "attention.key_length", 2, 1 << 20);
            int headDim = (int) keyLength.orElse(embedding / heads).longValue();
            note(p + "embedding_length", Optional.of(Rational.of(embedding)), "", kv(p + "embedding_length", "int"));
            note(p + "attention.head_count", Optional.of(Rational.of(heads)), "", kv(p + "attention.head_count", "int"));
            Optional<Long> dims = integer(p + "rope.dimension_count", 2, 1 << 20);
            int rotaryDim = (int) dims.orElse((long) headDim).longValue();
            if (rotaryDim % 2 != 0 || rotaryDim > headDim) {
                throw new InvalidInputException(name + ": " + p + "rope.dimension_count " + rotaryDim
                        + " is out of range; accepted: an even number from 2 to the head dim " + headDim);
            }
            note(p + "rope.dimension_count", dims.map(Rational::of), "the head dim " + headDim, kv(p + "rope.dimension_count", "int"));
            Optional<Integer> layers = integer(p + "block_count", 1, 100_000).map(Long::intValue);
            note(p + "block_count", layers.map(Rational::of), "unknown", kv(p + "block_count", "int"));
            Optional<Long> context = integer(p + "context_length", 1, 1L << 62);
            note(p + "context_length", context.map(Rational::of), "unknown",
                    "--ctx-size N (the context llama.cpp runs at; 0, its default, takes context_length); the trained one: "
                            + kv(p + "context_length", "int"));
            RopeScaling scaling = scaling(p, context, rotaryDim);
            Optional<Format> dtype = dtype();
            ModelConfig config = new ModelConfig(name, base, freqBase.isEmpty(), headDim, rotaryDim, layers, context, dtype, scaling,
                    Optional.empty(), Optional.empty(), warnings);
            return new GgufModel(config, g, overrides);
        }

        private RopeScaling scaling(String p, Optional<Long> context, int rotaryDim) {
            Optional<String> declared = text(p + "rope.scaling.type").map(t -> t.toLowerCase(Locale.ROOT));
            Optional<Rational> factor = number(p + "rope.scaling.factor").or(() -> number(p + "rope.scale_linear"));
            if (factor.isPresent() && (factor.get().signum() <= 0)) {
                throw range(p + "rope.scaling.factor", factor.get(), "factor > 0");
            }
            note(p + "rope.scaling.type", declared.map(t -> t), "linear (with factor 1: plain RoPE)", "--rope-scaling {none,linear,yarn}");
            note(p + "rope.scaling.factor", factor, "1", "--rope-scale N (or --rope-freq-scale 1/N)");
            if (g.ropeFreqs().isPresent()) {
                overrides.add(new LlamaCppFlag("rope_freqs.weight", g.ropeFreqs().get().size() + " per-mode factors", false,
                        "none: a tensor in the file, which no llama.cpp flag changes"));
            }
            String type = declared.orElse("linear");
            boolean unit = factor.isEmpty() || factor.get().equals(Rational.ONE);
            RopeScaling base = switch (type) {
                case "none" -> new RopeScaling.None();
                case "linear" -> unit ? new RopeScaling.None() : new RopeScaling.Linear(factor.get());
                case "yarn" -> yarn(p, factor, context);
                default -> {
                    warnings.add("unknown RoPE scaling type '" + type + "' in the GGUF file: analysed as plain RoPE, which it is not");
                    yield new RopeScaling.Unknown(type);
                }
            };
            if (g.ropeFreqs().isEmpty()) {
                return base;
            }
            List<Rational> factors = g.ropeFreqs().get();
            if (factors.size() != rotaryDim / 2) {
                throw new InvalidInputException(name + ": the rope_freqs tensor has " + factors.size()
                        + " factors; accepted: one per mode, rotary dim / 2 = " + rotaryDim / 2);
            }
            if (!(base instanceof RopeScaling.None)) {
                throw new InvalidInputException(name + ": a rope_freqs tensor with rope.scaling.type " + type
                        + "; accepted: rope_freqs with plain RoPE (llama3), as llama.cpp's converter writes it");
            }
            return new RopeScaling.FrequencyFactors(factors, "the GGUF tensor rope_freqs (llama3 factors)");
        }

        private RopeScaling yarn(String p, Optional<Rational> factor, Optional<Long> context) {
            Optional<Long> original = integer(p + "rope.scaling.original_context_length", 1, 1L << 62);
            note(p + "rope.scaling.original_context_length", original.map(Rational::of), "context_length", "--yarn-orig-ctx N");
            long orig = original.or(() -> context).orElseThrow(() -> new InvalidInputException(name + ": yarn needs "
                    + p + "rope.scaling.original_context_length or " + p + "context_length"));
            if (original.isEmpty()) {
                warnings.add("yarn without rope.scaling.original_context_length: llama.cpp uses context_length " + orig);
            }
            Optional<Rational> fast = number(p + "rope.scaling.yarn_beta_fast");
            Optional<Rational> slow = number(p + "rope.scaling.yarn_beta_slow");
            note(p + "rope.scaling.yarn_beta_fast", fast, "32", "--yarn-beta-fast N");
            note(p + "rope.scaling.yarn_beta_slow", slow, "1", "--yarn-beta-slow N");
            Optional<Rational> ext = number(p + "rope.scaling.yarn_ext_factor");
            note(p + "rope.scaling.yarn_ext_factor", ext, "-1 (computed)", "--yarn-ext-factor N");
            Optional<Rational> attn = number(p + "rope.scaling.yarn_attn_factor").or(() -> number(p + "rope.scaling.attn_factor"));
            note(p + "rope.scaling.yarn_attn_factor", attn, "1", "--yarn-attn-factor N");
            Optional<Rational> logMul = number(p + "rope.scaling.yarn_log_multiplier");
            note(p + "rope.scaling.yarn_log_multiplier", logMul, "0", kv(p + "rope.scaling.yarn_log_multiplier", "float"));
            if (attn.isPresent() && !attn.get().equals(Rational.ONE)) {
                warnings.add("yarn attention factor " + attn.get().toCompactDecimalStringOrFraction()
                        + " in the GGUF file: llama.cpp multiplies it into the magnitude scale; the attention factor shown is transformers'");
            }
            if (logMul.isPresent()) {
                warnings.add("rope.scaling.yarn_log_multiplier " + logMul.get().toCompactDecimalStringOrFraction()
                        + " (llama.cpp's 0.1 x mscale_all_dim): the attention factor shown is transformers' default one");
            }
            if (ext.isPresent() && !ext.get().equals(Rational.ONE)) {
                warnings.add("rope.scaling.yarn_ext_factor " + ext.get().toCompactDecimalStringOrFraction()
                        + ": the analysis uses YaRN's full ramp (ext_factor 1)");
            }
            return new RopeScaling.Yarn(factor, orig, fast.orElse(Rational.of(32)), slow.orElse(Rational.ONE), Optional.empty(),
                    Optional.empty(), Optional.empty(), true);
        }

        /** general.file_type: f32, f16 and bf16 files name their weights' format; quantised ones do not. */
        private Optional<Format> dtype() {
            Optional<Long> type = integer("general.file_type", 0, 1 << 16);
            if (type.isEmpty()) {
                return Optional.empty();
            }
            return switch (type.get().intValue()) {
                case 0 -> Optional.of(Format.FP32);
                case 1 -> Optional.of(Format.FP16);
                case 32 -> Optional.of(Format.BF16);
                default -> {
                    warnings.add("general.file_type " + type.get() + " is a quantised file: its weights are in no float format; "
                            + "llama.cpp computes RoPE in fp32");
                    yield Optional.empty();
                }
            };
        }

        private static String kv(String key, String type) {
            return "--override-kv " + key + "=" + type + ":N";
        }

        private void note(String key, Optional<?> value, String fallback, String flag) {
            Optional<String> shown = value.map(v -> v instanceof Rational r ? r.toCompactDecimalStringOrFraction() : v.toString());
            overrides.add(new LlamaCppFlag(key, shown.orElse(fallback), shown.isEmpty(), flag));
        }

        private InvalidInputException missing(String key) {
            return new InvalidInputException(name + ": no " + key + " in the GGUF file; accepted: a model file with that key");
        }

        private InvalidInputException range(String key, Rational v, String accepted) {
            return new InvalidInputException(name + ": " + key + " " + v.toCompactDecimalStringOrFraction() + " is out of range; accepted: " + accepted);
        }

        private Optional<String> text(String key) {
            GgufFile.Value v = g.metadata().get(key);
            if (v == null) {
                return Optional.empty();
            }
            if (!(v instanceof GgufFile.Text t)) {
                throw new InvalidInputException(name + ": " + key + " must be a string, got a " + v.type());
            }
            return Optional.of(t.value());
        }

        private Optional<Rational> number(String key) {
            GgufFile.Value v = g.metadata().get(key);
            if (v == null) {
                return Optional.empty();
            }
            if (v instanceof GgufFile.NonFinite nf) {
                throw new InvalidInputException(name + ": " + key + " is " + nf.value() + "; accepted: a finite number");
            }
            if (!(v instanceof GgufFile.Number n)) {
                throw new InvalidInputException(name + ": " + key + " must be a number, got a " + v.type());
            }
            Rational r = n.value();
            if (r.signum() != 0 && (r.abs().compareTo(Rational.parse("1e30")) > 0 || r.abs().compareTo(Rational.parse("1e-30")) < 0)) {
                throw range(key, r, "magnitudes in [1e-30, 1e30]");
            }
            return Optional.of(r);
        }

        private Optional<Long> integer(String key, long min, long max) {
            GgufFile.Value v = g.metadata().get(key);
            if (v == null) {
                return Optional.empty();
            }
            if (!(v instanceof GgufFile.Number n) || n.type().startsWith("float")) {
                throw new InvalidInputException(name + ": " + key + " must be an integer, got a " + v.type());
            }
            Rational r = n.value();
            if (r.compareTo(Rational.of(min)) < 0 || r.compareTo(Rational.of(max)) > 0) {
                throw range(key, r, min + ".." + max);
            }
            return Optional.of(r.floor().longValueExact());
        }
    }
}
