package org.ropebounds.crosscheck;

import java.math.BigInteger;
import java.util.OptionalLong;
import org.ropebounds.format.FloatValue;

/**
 * One entry outside the envelope of a pipeline and its libm ({@link PipelineEnvelope}).
 *
 * @param index the entry's flat index in C order
 * @param position the position p; empty for inv_freq
 * @param mode the mode i
 * @param got the entry, a value of the array's format
 * @param low the envelope's smallest value, in the same format
 * @param high the envelope's largest value
 * @param ulps how many values of the format lie from got to the nearer end (>= 1)
 */
public record EnvelopeMiss(long index, OptionalLong position, int mode, FloatValue got, FloatValue low, FloatValue high, BigInteger ulps) {
}
