package org.ropebounds.real;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.ropebounds.format.Rational;

/**
 * Values of functions at exact arguments, remembered per {@link BallArithmetic}: a function of exact arguments
 * has one value at a precision (the tolerance's logarithm and arc cosine recur in every zone of a table, as pi
 * and ln 2 do in the kernels), so remembering changes nothing but the time. At most {@value #CAPACITY} values;
 * past it the memory starts again. Thread-safe.
 */
final class RememberedValues {
    private static final int CAPACITY = 4096;

    /** A function and the exact arguments it was evaluated at. */
    private record Evaluation(String function, Rational x, Rational y) {
    }

    private final ConcurrentHashMap<Evaluation, Ball> values = new ConcurrentHashMap<>();

    /**
     * {@code compute}, remembered when x and y are exact (pass x twice for a function of one argument).
     * Exceptions pass through and are not remembered.
     */
    Ball get(String function, Ball x, Ball y, Supplier<Ball> compute) {
        if (x.exact().isEmpty() || y.exact().isEmpty()) {
            return compute.get();
        }
        Evaluation key = new Evaluation(function, x.exact().get(), y.exact().get());
        Ball v = values.get(key);
        if (v == null) {
            v = compute.get();
            if (values.size() >= CAPACITY) {
                values.clear();
            }
            values.put(key, v);
        }
        return v;
    }
}
