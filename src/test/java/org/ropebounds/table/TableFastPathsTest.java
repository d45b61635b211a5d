package org.ropebounds.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The writers' fast paths: the hand-written decimal test of the LaTeX writer and the JSON form of a table with nothing to escape. */
class TableFastPathsTest {

    @Test
    void decimalsAreThoseThePatternMinusDigitsDotsAndASignedExponentDescribes() {
        // -?[0-9.]+(e[+-][0-9]+)?, read by hand
        for (String yes : List.of("0", "12", "-0.25", "1.5e+6", "2.34e-12", ".", "1..2", "-7e+0")) {
            assertTrue(TableWriters.isDecimal(yes), yes);
        }
        for (String no : List.of("", "-", "e+6", "1.5e6", "1.5e+", "1.5e-", "1.5E+6", "+1", "1.5e+6x", "undecided", "1,5", "1.5e+-6", "--1")) {
            assertFalse(TableWriters.isDecimal(no), no);
        }
    }

    @Test
    void aDecimalCellIsSetInMathModeAndTextIsEscaped() {
        Table t = new Table("t", "T", "c", List.of("a", "b", "c"), List.of(List.of("1.5e-6", "-0.25", "x_1")));
        String tex = TableWriters.latex(t);
        assertTrue(tex.contains("$1.5\\times 10^{-6}$ & $-0.25$ & x\\_1 \\\\\n"), tex);
    }

    @Test
    void aTableWithNothingToEscapeIsWrittenInThePrettyPrintersLayout() {
        // the layout of TableWritersTest's hand-written JSON, here with no text needing an escape (the direct path)
        Table t = new Table("min-base", "T (x)", "50% of L/b; e^-1 < 1", List.of("L", "eps=0.5 approx"),
                List.of(List.of("2048", "1.5e+6"), List.of("4096", "undecided")));
        assertEquals("{\n"
                + "  \"id\" : \"min-base\",\n"
                + "  \"title\" : \"T (x)\",\n"
                + "  \"caption\" : \"50% of L/b; e^-1 < 1\",\n"
                + "  \"columns\" : [\n"
                + "    \"L\",\n"
                + "    \"eps=0.5 approx\"\n"
                + "  ],\n"
                + "  \"rows\" : [\n"
                + "    {\n"
                + "      \"L\" : \"2048\",\n"
                + "      \"eps=0.5 approx\" : \"1.5e+6\"\n"
                + "    },\n"
                + "    {\n"
                + "      \"L\" : \"4096\",\n"
                + "      \"eps=0.5 approx\" : \"undecided\"\n"
                + "    }\n"
                + "  ]\n"
                + "}\n", TableWriters.json(t));
    }

    @Test
    void aTableWithoutRowsOrWithABackslashIsEscapedAndLaidOutByTheWriter() {
        Table empty = new Table("e", "E", "c", List.of("a"), List.of());
        assertEquals("{\n  \"id\" : \"e\",\n  \"title\" : \"E\",\n  \"caption\" : \"c\",\n  \"columns\" : [\n    \"a\"\n  ],\n"
                + "  \"rows\" : [ ]\n}\n", TableWriters.json(empty));
        Table slash = new Table("s", "S", "c", List.of("a"), List.of(List.of("x\\y\u0001")));
        assertTrue(TableWriters.json(slash).contains("\"a\" : \"x\\\\y\\u0001\"\n"), TableWriters.json(slash));
    }
}
