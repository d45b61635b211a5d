package org.ropebounds.cli;

import java.math.BigInteger;
import org.ropebounds.bounds.EpsilonConvention;
import org.ropebounds.bounds.PrecisionCeiling;

/**
 * The one line printed (and put in JSON as {@code ceiling_note}) where a command gives a ceiling verdict:
 * what the ceiling is, and the command that gives the exact horizons. It quotes no number the command did
 * not certify.
 */
final class CeilingNote {
    private CeilingNote() {
    }

    /**
     * The note, pointing to {@code ropebounds erasure --base BASE --context L}.
     *
     * @param base the base to name in the pointer, as it would be typed ("B" when there is none)
     * @param where what else the output gives ("" when nothing), e.g. "the hf line above is exact"
     */
    static String of(EpsilonConvention convention, String base, BigInteger context, String where) {
        return PrecisionCeiling.heuristicNote(convention) + (where.isEmpty() ? "" : " (" + where + ")")
                + ": for the exact horizons see `ropebounds erasure --base " + base + " --context " + context + "`";
    }
}
