package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ropebounds.InvalidInputException;

class PositionsTest {
    @Test
    void termsAndOffsetsAreExactIntegers() {
        assertEquals(0, Positions.parse("0"));
        assertEquals(131071, Positions.parse("131071"));
        assertEquals(131072 - 64, Positions.parse("2^17-64"));
        assertEquals(1_000_005, Positions.parse("1e6+5"));
        assertEquals(16_777_216 - 1024, Positions.parse("2^24-2^10"));
        assertEquals(128 * 1024 - 1, Positions.parse(" 128k-1 "));
        assertEquals(100_000, Positions.parse("1e+5"), "an exponent's sign is not an offset");
        assertEquals(1L << 62, Positions.parse("2^62"));
        assertEquals((1L << 53) + 1, Positions.parse("2^53+1"));
    }

    @Test
    void resultsOutsideTheRangeAndMalformedTextAreRefusedNamingTheText() {
        for (String bad : new String[] {"64-2^17", "2^62+1", "-5", "2^17-", "2^17--1", "1.5", "2^17-0.5", "x"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Positions.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("2^17-64"), e.getMessage());
        }
    }

    @Test
    void aRangeReadsBothEnds() {
        Positions.Range r = new Positions.RangeConverter().convert("2^17-64:2^17");
        assertEquals(new Positions.Range(131072 - 64, 131072), r);
    }
}
