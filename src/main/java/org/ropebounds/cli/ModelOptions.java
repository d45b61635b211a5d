package org.ropebounds.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.crosscheck.ArraySource;
import org.ropebounds.crosscheck.FileKind;
import org.ropebounds.crosscheck.InvalidParameterException;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.model.ConfigReader;
import org.ropebounds.model.GgufModel;
import org.ropebounds.model.GgufReader;
import org.ropebounds.model.ModelConfig;
import org.ropebounds.model.ModelRope;
import org.ropebounds.model.Registry;
import org.ropebounds.rope.Frequencies;
import picocli.CommandLine.Option;

/**
 * A model instead of {@code --base/--head-dim}: {@code --config FILE} (a config.json or GGUF, read as
 * {@code model} reads it) or {@code --model ID} (the registry). Its effective spectrum, attention factor and
 * weights' dtype are {@link ModelRope}'s.
 */
final class ModelOptions {
    /** The default rotary dimension with --base. */
    static final int DEFAULT_HEAD_DIM = 128;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Use this model's effective spectrum instead of --base/--head-dim: a Hugging Face config.json or a GGUF file.")
    Path config;

    @Option(names = {"-m", "--model"}, paramLabel = "ID",
            description = "Use this registry model's effective spectrum instead of --base/--head-dim (see 'ropebounds models').")
    String model;

    /**
     * What the RoPE input is: the plain base and head dim, or the model.
     *
     * @param frequencies plain RoPE's or the model's
     * @param modelDtype the model's weights' dtype, when a model gives one
     */
    record Input(Frequencies frequencies, Optional<Format> modelDtype) {
        /** --dtype when given, else the model's weights' dtype, else {@code fallback}. */
        Format dtype(Format given, Format fallback) {
            return given != null ? given : modelDtype.orElse(fallback);
        }

        /**
         * The array; without --dtype ({@code dtype} null), the model's weights' dtype is the format of a file that
         * does not declare one (text, CSV, raw uint/V data), and a file that declares one (float .npy, safetensors)
         * keeps it.
         */
        ArraySource openArray(Path file, FileKind kind, Format dtype, String tensor) throws IOException {
            try {
                return ArraySource.open(file, kind, Optional.ofNullable(dtype), Optional.ofNullable(tensor));
            } catch (InvalidParameterException e) {
                if (dtype == null && modelDtype.isPresent() && e.parameter() == InvalidParameterException.Parameter.FORMAT
                        && e.detail().startsWith("is needed")) {
                    return ArraySource.open(file, kind, modelDtype, Optional.ofNullable(tensor));
                }
                throw e;
            }
        }
    }

    /**
     * The frequencies asked for.
     *
     * @param base --base, or null when not given
     * @param headDim --head-dim, or null when not given (128 with --base)
     * @throws InvalidInputException when both a model and --base/--head-dim are given, two models are given, or none
     */
    Input resolve(Rational base, Integer headDim) {
        boolean plain = base != null || headDim != null;
        if (config != null && model != null) {
            throw new InvalidInputException("--config " + InvalidInputException.quoted(config.toString()) + " and --model '"
                    + InvalidInputException.quoted(model) + "' both given; give one of them");
        }
        if (config == null && model == null) {
            if (base == null) {
                throw new InvalidInputException("a RoPE setting is needed: --base B (with --head-dim D), --config FILE or --model ID");
            }
            return new Input(Frequencies.plain(base, headDim == null ? DEFAULT_HEAD_DIM : headDim), Optional.empty());
        }
        String which = config != null ? "--config" : "--model";
        if (plain) {
            throw new InvalidInputException(which + " and " + (base != null ? "--base" : "--head-dim")
                    + " both given; a model brings its own base and rotary dim: give " + which + " or --base/--head-dim");
        }
        ModelRope m = config != null ? fromConfig(config) : ModelRope.of(registryConfig(model, "--model: "), "registry " + model);
        return new Input(m.frequencies(), m.dtype());
    }

    private static ModelRope fromConfig(Path file) {
        if (file.toString().isEmpty()) {
            throw new InvalidInputException("--config '' is an empty path; accepted: the path of a config.json or GGUF file");
        }
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        ModelConfig config;
        boolean gguf;
        try {
            gguf = GgufReader.hasMagic(file);
            config = gguf ? GgufModel.read(file).config() : ConfigReader.read(file);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--config: " + e.getMessage());
        }
        return ModelRope.of(config, (gguf ? "GGUF " : "config ") + name);
    }

    /**
     * The registry entry {@code id} as a config; an unknown id or an incomplete row is an {@link InvalidInputException}
     * starting with {@code prefix} ("--model: ", or "" for {@code model ID}), naming the id and where the ids are listed.
     */
    static ModelConfig registryConfig(String id, String prefix) {
        Registry.Entry e = Registry.find(id).orElseThrow(() -> new InvalidInputException(prefix + "unknown model '"
                + InvalidInputException.quoted(id) + "'; see 'ropebounds models' for the " + Registry.entries().size() + " ids (e.g. "
                + Registry.entries().get(0).id() + ")"));
        try {
            return e.toConfig();
        } catch (Registry.IncompleteEntryException ex) {
            throw new InvalidInputException(prefix + ex.describe("with --config"));
        }
    }
}
