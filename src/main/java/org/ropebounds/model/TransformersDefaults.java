package org.ropebounds.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ropebounds.format.Rational;

/**
 * What transformers' configuration classes use when a config.json leaves a RoPE key out, per model_type: the table
 * src/test/python/gen_model_defaults.py reads from the installed transformers package (its configuration classes
 * built with their defaults) and the jar ships (transformers-defaults.csv, line 1 naming the transformers version).
 */
public final class TransformersDefaults {
    private static final String RESOURCE = "/org/ropebounds/model/transformers-defaults.csv";
    private static final Pattern VERSION = Pattern.compile("^# transformers (\\S+):");
    private static volatile TransformersDefaults loaded;

    private final String version;
    private final Map<String, Architecture> rows;

    /**
     * One configuration class's defaults; a value transformers does not have there is empty.
     *
     * @param modelType the config.json model_type
     * @param configClass the transformers class name
     * @param ropeTheta rope_theta (for layer-typed classes, the full-attention layers')
     * @param slidingRopeTheta the sliding-window layers' rope_theta (layer-typed classes such as Gemma 3)
     * @param slidingWindow the sliding window of layer-typed classes
     * @param maxPositionEmbeddings max_position_embeddings
     * @param textModelType for a composite (multimodal) class, the model_type of its text_config
     */
    public record Architecture(String modelType, String configClass, Optional<Rational> ropeTheta, Optional<Rational> slidingRopeTheta,
                               Optional<Long> slidingWindow, Optional<Long> maxPositionEmbeddings, Optional<String> textModelType) {

        /** How a default from this class is named in messages: "transformers 5.18.0's Gemma3TextConfig (model_type gemma3_text)". */
        public String source() {
            return "transformers " + version() + "'s " + configClass + " (model_type " + modelType + ")";
        }
    }

    private TransformersDefaults(String version, Map<String, Architecture> rows) {
        this.version = version;
        this.rows = rows;
    }

    /** The transformers version the table was read from (its first line). */
    public static String version() {
        return table().version;
    }

    /** The defaults of this model_type's configuration class, if transformers has one that holds RoPE parameters. */
    public static Optional<Architecture> of(String modelType) {
        return Optional.ofNullable(table().rows.get(modelType));
    }

    private static TransformersDefaults table() {
        TransformersDefaults t = loaded;
        if (t == null) {
            synchronized (TransformersDefaults.class) {
                if (loaded == null) {
                    loaded = load();
                }
                t = loaded;
            }
        }
        return t;
    }

    private static TransformersDefaults load() {
        try (InputStream in = TransformersDefaults.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Matcher m = VERSION.matcher(String.valueOf(r.readLine()));
            String header = r.readLine();
            if (!m.find() || !"model_type,config_class,rope_theta,sliding_rope_theta,sliding_window,max_position_embeddings,text_model_type"
                    .equals(header)) {
                throw new IllegalStateException(RESOURCE + " does not start with its version line and header");
            }
            Map<String, Architecture> rows = new LinkedHashMap<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",", -1);
                if (f.length != 7) {
                    throw new IllegalStateException(RESOURCE + ": a row without 7 fields: " + line);
                }
                rows.put(f[0], new Architecture(f[0], f[1], rational(f[2]), rational(f[3]), integer(f[4]), integer(f[5]),
                        f[6].isEmpty() ? Optional.empty() : Optional.of(f[6])));
            }
            return new TransformersDefaults(m.group(1), Map.copyOf(rows));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Rational> rational(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(Rational.parse(s));
    }

    private static Optional<Long> integer(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(s));
    }
}
