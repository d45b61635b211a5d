package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ropebounds.InvalidInputException;

/** Column j of a row to mode i, for d/2 = 4 modes, written out by hand. */
class LayoutTest {
    @Test
    void columnsToModes() {
        int[] concat = {0, 1, 2, 3, 0, 1, 2, 3}; // cat(freqs, freqs)
        int[] interleave = {0, 0, 1, 1, 2, 2, 3, 3}; // GPT-J's pairs
        for (int j = 0; j < 8; j++) {
            assertEquals(concat[j], Layout.CONCAT.mode(j, 4), "concat " + j);
            assertEquals(interleave[j], Layout.INTERLEAVE.mode(j, 4), "interleave " + j);
        }
        for (int j = 0; j < 4; j++) {
            assertEquals(j, Layout.MODES.mode(j, 4));
        }
        assertEquals(4, Layout.MODES.columns(4));
        assertEquals(8, Layout.CONCAT.columns(4));
        assertEquals(8, Layout.INTERLEAVE.columns(4));
    }

    @Test
    void theRowWidthNamesTheLayout() {
        assertEquals(Layout.MODES, Layout.forColumns(4, 4));
        assertEquals(Layout.CONCAT, Layout.forColumns(8, 4));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Layout.forColumns(6, 4));
        assertTrue(e.getMessage().contains("rows of 6 entries do not fit head dim 8"), e.getMessage());
    }

    @Test
    void namesAndAliases() {
        assertEquals(Layout.MODES, Layout.parse(" Modes "));
        assertEquals(Layout.CONCAT, Layout.parse("halves"));
        assertEquals(Layout.CONCAT, Layout.parse("concatenated"));
        assertEquals(Layout.INTERLEAVE, Layout.parse("pairs"));
        assertEquals("interleave", Layout.INTERLEAVE.label());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Layout.parse("rows"));
        assertTrue(e.getMessage().contains("'rows'") && e.getMessage().contains("modes, concat, interleave"), e.getMessage());
    }
}
