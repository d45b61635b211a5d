package org.ropebounds.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.ropebounds.InvalidInputException;

/**
 * JSON as the project reads its input files (config.json, grid specs, shard files): a key given twice
 * in one object, text after the value, nesting deeper than {@value #MAX_DEPTH}, a number of more than
 * {@value #MAX_NUMBER_LENGTH} characters or a string over {@value #MAX_STRING_LENGTH} characters are
 * refused; numbers are read exactly from their text (a decimal as {@link java.math.BigDecimal}, an
 * integer as {@link java.math.BigInteger}), never through a double.
 */
public final class StrictJson {
    /** The deepest nesting accepted. */
    public static final int MAX_DEPTH = 64;
    /** The longest number text accepted. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** The longest string accepted. */
    public static final int MAX_STRING_LENGTH = 1 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(MAX_STRING_LENGTH).build())
            .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {
    }

    /**
     * The JSON value of {@code content} (UTF-8, or any encoding JSON allows).
     *
     * @param label names the input in messages (a file name)
     * @throws InvalidInputException "{@code label}: not valid JSON (reason)", one line, for empty input and
     *     for anything refused above
     */
    public static JsonNode parse(byte[] content, String label) {
        try {
            return orEmpty(MAPPER.readTree(content), label);
        } catch (IOException e) {
            throw invalid(e, label);
        }
    }

    /** As {@link #parse(byte[], String)}, for text. */
    public static JsonNode parse(String content, String label) {
        try {
            return orEmpty(MAPPER.readTree(content), label);
        } catch (JsonProcessingException e) {
            throw invalid(e, label);
        }
    }

    private static JsonNode orEmpty(JsonNode node, String label) {
        if (node == null || node.isMissingNode()) {
            throw new InvalidInputException(label + ": not valid JSON (no value: the input is empty)");
        }
        return node;
    }

    private static InvalidInputException invalid(IOException e, String label) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        String t = m == null ? "" : m.replaceAll("\\s+", " ");
        return new InvalidInputException(label + ": not valid JSON (" + (t.length() > 160 ? t.substring(0, 160) + "..." : t) + ")");
    }
}
