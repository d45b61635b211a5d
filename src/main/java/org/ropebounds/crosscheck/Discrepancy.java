package org.ropebounds.crosscheck;

import java.math.BigInteger;
import java.util.OptionalLong;
import org.ropebounds.format.FloatValue;

/**
 * One entry that differs from what it should be.
 *
 * @param index the entry's flat index in C order (NumPy's {@code a.flat[index]}; the line order of text and CSV)
 * @param position the position p; empty for inv_freq
 * @param mode the mode i
 * @param got the entry, a value of the array's format
 * @param want the value it should be, in the same format
 * @param ulps how many values of the format lie from got to want (>= 1)
 */
public record Discrepancy(long index, OptionalLong position, int mode, FloatValue got, FloatValue want, BigInteger ulps) {
}
