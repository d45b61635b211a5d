package org.ropebounds.crosscheck;

/**
 * One entry that differs from what it should be.
 *
 * @param index the entry's flat index in C order (NumPy's {@code a.flat[index]}; the line order of text and CSV)
 * @param position the position p, or -1 for inv_freq
 * @param mode the mode i
 * @param got the entry, a value of the file's format
 * @param want the value it should be
 * @param ulps how many values of the format lie from got to want (unsigned)
 */
public record Discrepancy(long index, long position, int mode, double got, double want, long ulps) {

    /** Worse first: more ulps, then the earlier index. */
    static int compareSeverity(Discrepancy a, Discrepancy b) {
        int c = Long.compareUnsigned(b.ulps, a.ulps);
        return c != 0 ? c : Long.compare(a.index, b.index);
    }
}
