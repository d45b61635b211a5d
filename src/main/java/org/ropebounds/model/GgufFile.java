package org.ropebounds.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ropebounds.format.Rational;

/**
 * What {@link GgufReader} read from a GGUF file: its header, its metadata (scalars kept, arrays as their
 * element type and length) and its tensor infos, plus the values of the small {@code rope_freqs} tensor
 * when the file has one. Never the weights. Immutable.
 *
 * @param version the GGUF version, 2 or 3
 * @param metadata the key/value pairs in file order
 * @param tensors the tensor infos in file order
 * @param dataStart where the tensor data begins (the end of the tensor infos, aligned)
 * @param ropeFreqs the {@code rope_freqs} tensor's values, exactly (each an fp32 value), if present
 */
public record GgufFile(int version, Map<String, Value> metadata, List<TensorInfo> tensors, long dataStart,
                       Optional<List<Rational>> ropeFreqs) {

    public GgufFile {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        tensors = List.copyOf(tensors);
        ropeFreqs = ropeFreqs.map(List::copyOf);
    }

    /** A metadata value. */
    public sealed interface Value {
        /** The GGUF type name: uint8 .. float64, bool, string, array. */
        String type();
    }

    /** An integer or finite float, exactly. */
    public record Number(String type, Rational value) implements Value {
    }

    /** A float that is NaN or infinite (kept as read; refused where a number is needed). */
    public record NonFinite(String type, double value) implements Value {
    }

    /** A boolean. */
    public record Bool(boolean value) implements Value {
        @Override
        public String type() {
            return "bool";
        }
    }

    /** A UTF-8 string. */
    public record Text(String value) implements Value {
        @Override
        public String type() {
            return "string";
        }
    }

    /** An array: its element type and length (the elements are checked, not kept). */
    public record Array(String elementType, long length) implements Value {
        @Override
        public String type() {
            return "array";
        }
    }

    /**
     * A tensor info.
     *
     * @param name the tensor's name
     * @param shape its dimensions, innermost first (as GGUF stores them)
     * @param ggmlType the ggml type code (0 = F32, 1 = F16, ...)
     * @param offset where its data begins, relative to {@code dataStart}
     */
    public record TensorInfo(String name, List<Long> shape, int ggmlType, long offset) {
        public TensorInfo {
            shape = List.copyOf(shape);
        }
    }
}
