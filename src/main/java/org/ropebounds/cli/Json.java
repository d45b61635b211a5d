package org.ropebounds.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.OptionalLong;
import org.ropebounds.format.Rational;

/**
 * JSON output: two-space indentation, LF line ends, key order as inserted, the same bytes on every machine.
 *
 * <p>Conventions every command follows (and its schema, {@code ropebounds schema COMMAND}, states): an
 * integer whose range reaches 2^53 (a context length, a position or horizon, a count of entries or rows,
 * an ulp distance, an exact integer result such as max_context) is a string of decimal digits, so no
 * reader rounds it through a double; an integer bounded far below 2^53 (bits, digits, exponents, layers,
 * dimensions, mode indices) is a number. An echoed exact input is its short exact form ({@link #exact}).
 * Results per number format are objects keyed by the format's name, never arrays keyed by position.
 */
final class Json {
    /** Decimal forms up to this many characters are echoed as they are; longer ones get a shorter exact form. */
    static final int SHORT_DECIMAL = 40;

    /** The writer, built on first print: an ObjectMapper costs a text-only run (which uses this class's helpers) its start-up. */
    private static final class Writer {
        static final ObjectWriter WRITER = new ObjectMapper().writer(
                new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                        .withArrayIndenter(new DefaultIndenter("  ", "\n")));
    }

    private Json() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** key: {@code v} as a string of decimal digits (the integer convention above). */
    static void putInteger(ObjectNode o, String key, long v) {
        o.put(key, Long.toString(v));
    }

    /** key: {@code v} as a string of decimal digits (the integer convention above). */
    static void putInteger(ObjectNode o, String key, BigInteger v) {
        o.put(key, v.toString());
    }

    /** key: the value as a string of decimal digits, or null when absent. */
    static void putInteger(ObjectNode o, String key, OptionalLong v) {
        if (v.isPresent()) {
            putInteger(o, key, v.getAsLong());
        } else {
            o.putNull(key);
        }
    }

    /**
     * The short exact form of a rational: its compact decimal ({@code 500000}, {@code 1e+190},
     * {@code 0.1}) when that has at most {@value #SHORT_DECIMAL} characters, otherwise the shortest of the
     * compact decimal, the C99 hex float (for a dyadic rational: {@code 0x1p+630}) and {@code n/d}. Every
     * form is exact and is read back to the same rational by {@link Rational#parse}.
     */
    static String exact(Rational r) {
        String decimal = r.toCompactDecimalStringOrFraction();
        if (decimal.length() <= SHORT_DECIMAL) {
            return decimal;
        }
        String best = decimal;
        if (r.isDyadic()) {
            String hex = r.toBinaryRational().toHexString();
            best = hex.length() < best.length() ? hex : best;
        }
        String fraction = r.toString();
        return fraction.length() < best.length() ? fraction : best;
    }

    static void print(PrintWriter out, Object node) {
        try {
            out.print(Writer.WRITER.writeValueAsString(node));
            out.print('\n');
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
