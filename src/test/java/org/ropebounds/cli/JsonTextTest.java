package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonText#print} against {@link Json#print} (Jackson's ObjectMapper with the project's pretty printer, an
 * independent writer of the same text): every character below U+0020, quotes and backslashes in keys and values, nesting
 * deeper than the kept indentations, empty containers at the root and inside, the extremes of int and long, and trees with
 * a number the buffer does not write (which go to Jackson's generator).
 */
class JsonTextTest {

    /** What {@code print} writes for {@code tree} (the one helper the JSON writer tests share). */
    static String printed(BiConsumer<PrintWriter, ObjectNode> print, ObjectNode tree) {
        StringWriter s = new StringWriter();
        PrintWriter out = new PrintWriter(s);
        print.accept(out, tree);
        out.flush();
        return s.toString();
    }

    private static void assertSameAsObjectMapper(ObjectNode tree) {
        assertEquals(printed(Json::print, tree), printed(JsonText::print, tree));
    }

    @Test
    void everyControlCharacterQuoteAndBackslashIsEscapedAsJacksonEscapesThem() {
        ObjectNode o = Json.object();
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            all.append(c);
        }
        o.put("all ASCII", all.toString());
        o.put("key with \"quotes\", \\ and \u001f", "value with \u001f\u0000 and \u007f, \u00e9, \u2192, \ud83d\ude00");
        o.put("", "");
        assertSameAsObjectMapper(o);
        // by hand: U+001F is \u001F with upper-case hex, DEL and non-ASCII are written as they are
        assertEquals("{\n  \"\\u001F\\\"\\\\\" : \"\u007f\u00e9\"\n}\n", printed(JsonText::print, Json.object().put("\u001f\"\\", "\u007f\u00e9")));
    }

    @Test
    void nestingEmptyContainersAndIntegersAsTheObjectMapperWritesThem() {
        assertSameAsObjectMapper(Json.object());
        assertEquals("{ }\n", printed(JsonText::print, Json.object()));
        ObjectNode o = Json.object();
        o.put("min int", Integer.MIN_VALUE).put("max long", Long.MAX_VALUE).put("min long", Long.MIN_VALUE);
        o.put("big", BigInteger.TWO.pow(100).negate());
        o.put("t", true).put("f", false).putNull("n");
        ObjectNode deep = o;
        for (int level = 0; level < 20; level++) { // past the 16 kept indentations
            ArrayNode a = deep.putArray("a" + level);
            a.add(level).addArray();
            a.addObject();
            deep = a.addObject();
        }
        deep.put("bottom", "x");
        assertSameAsObjectMapper(o);
        assertEquals("{\n  \"a\" : [\n    1,\n    [ ],\n    { }\n  ]\n}\n",
                printed(JsonText::print, (ObjectNode) Json.object().set("a", Json.array().add(1).add(Json.array()).add(Json.object()))));
    }

    @Test
    void otherNumbersAndNodesGoToJackson() {
        ObjectNode o = Json.object();
        o.put("text", "before");
        o.putArray("list").add(1).add(0.1);
        o.put("float", 0.1f);
        o.put("decimal", new BigDecimal("1.2300E+5"));
        assertSameAsObjectMapper(o);
        ObjectNode bytes = Json.object();
        bytes.put("text", "t");
        bytes.put("bytes", new byte[] {1, 2, 3});
        assertSameAsObjectMapper(bytes);
    }
}
