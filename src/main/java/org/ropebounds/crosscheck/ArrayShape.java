package org.ropebounds.crosscheck;

import java.util.List;
import java.util.OptionalLong;

/** The shape an {@link ArraySource} declares before it is read. */
public sealed interface ArrayShape {

    /** No shape (text): the rows' width comes from the quantity, head dim and layout. */
    record Undeclared() implements ArrayShape {
    }

    /**
     * A flat array of {@code entries} entries (>= 0): one row of inv_freq, or whole rows of the layout's width.
     */
    record Flat(long entries) implements ArrayShape {
    }

    /**
     * Rows of {@code columns} entries (>= 0); the number of rows when declared, empty when only reading tells
     * (CSV).
     */
    record Table(OptionalLong rows, long columns) implements ArrayShape {
    }

    /** More than two dimensions of size > 1 (refused by {@link Crosscheck}). */
    record Higher(List<Long> dimensions) implements ArrayShape {
        public Higher {
            dimensions = List.copyOf(dimensions);
        }
    }

    /** The shape of declared dimensions {@code dims} (after any squeezing): none, {n}, {rows, columns} or more. */
    static ArrayShape of(long[] dims) {
        return switch (dims.length) {
            case 0 -> new Undeclared();
            case 1 -> new Flat(dims[0]);
            case 2 -> new Table(OptionalLong.of(dims[0]), dims[1]);
            default -> new Higher(java.util.Arrays.stream(dims).boxed().toList());
        };
    }
}
