package org.ropebounds.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Rational;

/**
 * The bundled registry of published models (src/main/resources/org/ropebounds/model/registry.csv, built
 * from shared/reference/model-configs.csv by src/test/python/gen_model_registry.py). Blank cells stay
 * unknown: nothing is invented.
 */
public final class Registry {
    private static final String RESOURCE = "/org/ropebounds/model/registry.csv";
    private static volatile List<Entry> entries;

    /**
     * An entry that lacks a value the analysis needs; the model's own config.json has it. The message says
     * what is missing in the registry's terms; {@link #describe(String)} words it with a way to analyse
     * the config (a caller's option or method).
     */
    public static final class IncompleteEntryException extends InvalidInputException {
        private static final long serialVersionUID = 1L;

        /** What the registry lacks. */
        public enum Missing {
            /** no verified rope_theta */
            ROPE_THETA,
            /** no verified head_dim (nor rotary_dim) */
            HEAD_DIM,
            /** a LongRoPE model without its factor lists */
            LONGROPE_FACTORS
        }

        private final String entryId;
        private final Missing missing;

        IncompleteEntryException(String entryId, Missing missing) {
            super(describe(entryId, missing, "instead"));
            this.entryId = entryId;
            this.missing = missing;
        }

        /** The id of the entry. */
        public String entryId() {
            return entryId;
        }

        /** What it lacks. */
        public Missing missing() {
            return missing;
        }

        /**
         * The message, with {@code howToAnalyseConfig} completing the advice to analyse the model's
         * config.json (e.g. {@code "instead"}, or a caller's option such as {@code "with --config"}).
         */
        public String describe(String howToAnalyseConfig) {
            return describe(entryId, missing, howToAnalyseConfig);
        }

        private static String describe(String id, Missing missing, String howToAnalyseConfig) {
            return switch (missing) {
                case ROPE_THETA -> id + ": the registry has no verified rope_theta for this model (see its source; analyse the"
                        + " model's config.json " + howToAnalyseConfig + ")";
                case HEAD_DIM -> id + ": the registry has no verified head_dim for this model";
                case LONGROPE_FACTORS -> id + ": the registry does not carry this model's LongRoPE factor lists (they are in its"
                        + " source); analyse its config.json " + howToAnalyseConfig;
            };
        }
    }

    /**
     * One row.
     *
     * @param id a stable slug ({@code llama-3.1-8b})
     * @param verification official, copy or third-party
     */
    public record Entry(String id, String name, String hfRepo, Optional<Rational> ropeTheta, Optional<Integer> headDim,
                        Optional<Integer> rotaryDim, Optional<Integer> layers, Optional<Long> context, Optional<Long> originalContext,
                        String dtype, String scalingType, String scalingParams, String extra, String source, String verification,
                        String notes) {

        /**
         * The entry as a config: its scaling parameters are read as config.json's rope_scaling would be.
         *
         * @throws IncompleteEntryException when the registry lacks a value the analysis needs
         * @throws InvalidInputException when its scaling parameters or extra settings are not JSON, or the
         *     config they make is refused by {@link ConfigReader#parse}
         */
        public ModelConfig toConfig() {
            ObjectMapper json = new ObjectMapper();
            var root = json.createObjectNode();
            ropeTheta.ifPresent(t -> root.put("rope_theta", new java.math.BigDecimal(t.toCompactDecimalStringOrFraction().replace("e+", "e"))));
            headDim.ifPresent(h -> root.put("head_dim", h));
            rotaryDim.ifPresent(r -> root.put("rotary_dim", r));
            layers.ifPresent(n -> root.put("num_hidden_layers", n));
            context.ifPresent(c -> root.put("max_position_embeddings", c));
            if (!dtype.isBlank()) {
                root.put("torch_dtype", dtype);
            }
            if (!scalingType.isBlank() && !scalingType.equals("none")) {
                try {
                    JsonNode params = scalingParams.isBlank() ? json.createObjectNode() : json.readTree(scalingParams);
                    var scaling = root.putObject("rope_scaling");
                    scaling.put("rope_type", scalingType);
                    params.fields().forEachRemaining(e -> scaling.set(e.getKey(), e.getValue()));
                    // only the types that read it (transformers warns of the key elsewhere as unrecognised)
                    if (!scaling.has("original_max_position_embeddings")
                            && List.of("yarn", "llama3", "longrope", "su").contains(scalingType)) {
                        originalContext.ifPresent(o -> scaling.put("original_max_position_embeddings", o));
                    }
                } catch (IOException e) {
                    throw new InvalidInputException(id + ": registry scaling parameters are not JSON: " + scalingParams);
                }
            }
            try {
                JsonNode ex = extra.isBlank() ? json.createObjectNode() : json.readTree(extra);
                for (String key : List.of("rope_local_base_freq", "sliding_window", "qk_rope_head_dim", "partial_rotary_factor")) {
                    if (ex.has(key) && ex.get(key).isNumber()) {
                        root.set(key, ex.get(key));
                    }
                }
            } catch (IOException e) {
                throw new InvalidInputException(id + ": registry extra is not JSON: " + extra);
            }
            if (ropeTheta.isEmpty()) {
                throw new IncompleteEntryException(id, IncompleteEntryException.Missing.ROPE_THETA);
            }
            if (headDim.isEmpty() && rotaryDim.isPresent()) {
                // multi-head latent attention: only the rotary part is rotated, and only it matters here
                root.put("head_dim", rotaryDim.get());
            } else if (headDim.isEmpty()) {
                throw new IncompleteEntryException(id, IncompleteEntryException.Missing.HEAD_DIM);
            }
            if (scalingType.equals("longrope") || scalingType.equals("su")) {
                var sc = root.get("rope_scaling");
                if (sc == null || !sc.has("short_factor") || !sc.has("long_factor")) {
                    throw new IncompleteEntryException(id, IncompleteEntryException.Missing.LONGROPE_FACTORS);
                }
            }
            ModelConfig m = ConfigReader.parse(root.toString(), id);
            if (m.scaling() instanceof RopeScaling.Yarn y && extra.contains("\"mla\"") && y.attentionFactor().isEmpty()
                    && (y.mscale().isEmpty() || y.mscaleAllDim().isEmpty())) {
                // DeepSeek's YaRN (MLA models): the attention factor depends on mscale / mscale_all_dim (see the row's notes)
                List<String> w = new ArrayList<>(m.warnings());
                w.add("the registry lacks this model's mscale and mscale_all_dim: the attention factor 0.1 ln(factor) + 1 is"
                        + " transformers' value without them, while DeepSeek-V2/V3 configs set mscale = mscale_all_dim (factor 1);"
                        + " analyse the config.json for the exact value");
                m = m.withWarnings(w);
            }
            if (extra.contains("nope_layers")) {
                List<String> w = new ArrayList<>(m.warnings());
                w.add("some layers are NoPE (interleaved), but the registry does not say how many: every layer counts toward"
                        + " the depth here, which overstates it; analyse the config.json for the exact count");
                m = m.withWarnings(w);
            }
            return m;
        }
    }

    private Registry() {
    }

    /** Every entry, in registry order. */
    public static List<Entry> entries() {
        List<Entry> e = entries;
        if (e == null) {
            synchronized (Registry.class) {
                if (entries == null) {
                    entries = load();
                }
                e = entries;
            }
        }
        return e;
    }

    /** The entry with this id (case-insensitive, surrounding blanks ignored), if there is one. */
    public static Optional<Entry> find(String id) {
        for (Entry e : entries()) {
            if (e.id().equalsIgnoreCase(id.strip())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The entry with this id (see {@link #find}).
     *
     * @throws InvalidInputException naming the id, how many the registry has and one of them
     */
    public static Entry byId(String id) {
        return find(id).orElseThrow(() -> new InvalidInputException("unknown model '" + InvalidInputException.quoted(id)
                + "'; the registry has " + entries().size() + " ids (e.g. " + entries().get(0).id() + ")"));
    }

    private static List<Entry> load() {
        CsvMapper csv = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (InputStream in = Registry.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            List<Entry> out = new ArrayList<>();
            MappingIterator<Map<String, String>> rows = csv.readerFor(Map.class).with(schema).readValues(in);
            while (rows.hasNext()) {
                Map<String, String> r = rows.next();
                out.add(new Entry(r.get("id"), r.get("name"), r.get("hf_repo"), rational(r.get("rope_theta")), integer(r.get("head_dim")),
                        integer(r.get("rotary_dim")), integer(r.get("layers")), longValue(r.get("context")),
                        longValue(r.get("original_context")), nz(r.get("dtype")), nz(r.get("scaling_type")), nz(r.get("scaling_params")),
                        nz(r.get("extra")), nz(r.get("source")), nz(r.get("verification")), nz(r.get("notes"))));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }

    private static Optional<Rational> rational(String s) {
        return nz(s).isEmpty() ? Optional.empty() : Optional.of(Rational.parse(s));
    }

    private static Optional<Integer> integer(String s) {
        return nz(s).isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(s.strip()));
    }

    private static Optional<Long> longValue(String s) {
        return nz(s).isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(s.strip()));
    }
}
