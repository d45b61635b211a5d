package org.ropebounds.real;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.ropebounds.format.Rational;

/**
 * Values of functions at exact arguments, remembered per {@link BallArithmetic} and per
 * {@link DoubleDoubleIntervalArithmetic}: a function of exact arguments
 * has one value at a precision (the tolerance's logarithm and arc cosine recur in every zone of a table, as pi
 * and ln 2 do in the kernels), so remembering changes nothing but the time. At most {@value #CAPACITY} values;
 * past it the memory starts again. Thread-safe.
 */
final class RememberedValues<V> {
    private static final int CAPACITY = 4096;

    /**
     * A function and the exact arguments it was evaluated at. equals and hashCode are written out: a record's
     * generated ones are bootstrapped at first use through java.lang.runtime.ObjectMethods, whose method handles
     * cost a short command (zone, crosscheck) about 15 ms of its start (issue 17).
     */
    private record Evaluation(String function, Rational x, Rational y) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Evaluation e && function.equals(e.function) && x.equals(e.x) && y.equals(e.y);
        }

        @Override
        public int hashCode() {
            return (function.hashCode() * 31 + x.hashCode()) * 31 + y.hashCode();
        }
    }

    private final ConcurrentHashMap<Evaluation, V> values = new ConcurrentHashMap<>();

    /**
     * {@code compute}, remembered when both arguments are exact (their exact values present; pass x twice for a
     * function of one argument), else computed. Exceptions pass through and are not remembered.
     */
    V get(String function, Optional<Rational> x, Optional<Rational> y, Supplier<V> compute) {
        return x.isPresent() && y.isPresent() ? at(function, x.get(), y.get(), compute) : compute.get();
    }

    /** {@code compute}, the value of {@code function} at the exact x and y, remembered. Exceptions pass through and are not remembered. */
    V at(String function, Rational x, Rational y, Supplier<V> compute) {
        Evaluation key = new Evaluation(function, x, y);
        V v = values.get(key);
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
