package org.ropebounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class InvalidInputExceptionTest {

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        // code points of the input (hex, space separated) | the escaped form, written by hand
        "31 1b 5b 33 31 6d        | 1\\e[31m",
        "61 0a 62 0d 63 09 64     | a\\nb\\rc\\td",
        "07 08 0c 7f              | \\x07\\b\\f\\x7F",
        "00 1f 85 9b              | \\x00\\x1F\\x85\\x9B",
        "2028 2029 202e 2066 200f | \\u2028\\u2029\\u202E\\u2066\\u200F",
        "5c 6e 41                 | \\nA",
        "e9 4c 1f600              | éL😀",
    })
    void escapesEveryControlCharacterVisibly(String codePoints, String expected) {
        StringBuilder in = new StringBuilder();
        for (String cp : codePoints.trim().split("\\s+")) {
            in.appendCodePoint(Integer.parseInt(cp, 16));
        }
        assertEquals(expected, InvalidInputException.escaped(in.toString()));
    }

    @Test
    void escapingTwiceChangesNothing() {
        String once = InvalidInputException.escaped("a\u001b[0m\n");
        assertEquals(once, InvalidInputException.escaped(once));
    }

    @Test
    void unpairedSurrogatesAreEscapedPairedOnesKept() {
        assertEquals("x\\uD83Dy", InvalidInputException.escaped("x\uD83Dy"));
        assertEquals("\\uDE00", InvalidInputException.escaped("\uDE00"));
        assertEquals("\uD83D\uDE00", InvalidInputException.escaped("\uD83D\uDE00"));
    }

    @Test
    void quotedIsShortAndPrintable() {
        assertEquals("fp99", InvalidInputException.quoted("fp99"));
        assertEquals("a b", InvalidInputException.quoted("a     b"));
        assertEquals("a\\nb", InvalidInputException.quoted("a\nb"));
        String q = InvalidInputException.quoted("7".repeat(10_001));
        assertEquals("7".repeat(40) + "...(10001 characters)", q);
        // 30 ESCs escape to 60 characters: still whole; 31 are cut, never mid-escape mattering for the terminal
        assertEquals("\\e".repeat(30), InvalidInputException.quoted("\u001b".repeat(30)));
        String cut = InvalidInputException.quoted("\u001b".repeat(31));
        assertTrue(cut.endsWith("...(31 characters)"), cut);
        assertFalse(cut.chars().anyMatch(c -> c < 0x20), cut);
        // a surrogate pair at the cut is not split
        String emoji = InvalidInputException.quoted("a".repeat(39) + "😀".repeat(20));
        assertEquals("a".repeat(39) + "...(79 characters)", emoji);
    }
}
