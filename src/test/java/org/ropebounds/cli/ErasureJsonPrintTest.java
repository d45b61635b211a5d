package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * erasure's streaming JSON writer against {@link Json#print} (the ObjectMapper with the project's pretty printer): the
 * same characters for every kind of node, nested and empty containers and strings that need escapes; a tree with a node
 * of another kind goes to Json.print itself.
 */
class ErasureJsonPrintTest {

    private static String printed(BiConsumer<PrintWriter, ObjectNode> print, ObjectNode tree) {
        return JsonTextTest.printed(print, tree);
    }

    @Test
    void theSameCharactersAsTheObjectMapper() {
        ObjectNode o = Json.object();
        o.put("text", "a \"quoted\" \\ back\tslash\nnew line, \u00e9, \u2192, \u0001");
        o.put("int", -7);
        o.put("long", 1L << 60);
        o.put("big", BigInteger.TEN.pow(30));
        o.put("double", 0.1);
        o.put("float", 0.1f); // 0.1 as a float, 0.10000000149011612 as a double
        o.put("decimal", new BigDecimal("1.2300E+5"));
        o.put("yes", true);
        o.putNull("nothing");
        o.putObject("empty");
        o.putArray("none");
        ArrayNode a = o.putArray("list");
        a.add(1).add("two").addNull().add(false);
        a.addObject().put("deep", "x").putArray("deeper").addArray().add(3);
        a.addArray();
        String expected = printed(Json::print, o);
        assertEquals(expected, printed(ErasureJson::print, o));
        // the indentation by hand: two spaces a level, LF, "key" : value
        assertEquals("{\n  \"int\" : -7\n}\n", printed(ErasureJson::print, Json.object().put("int", -7)));
    }

    @Test
    void anotherKindOfNodeGoesToTheObjectMapper() {
        ObjectNode o = Json.object();
        o.put("bytes", new byte[] {1, 2, 3});
        o.put("text", "t");
        assertEquals(printed(Json::print, o), printed(ErasureJson::print, o));
    }
}
