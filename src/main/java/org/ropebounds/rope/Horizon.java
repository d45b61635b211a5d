package org.ropebounds.rope;

import java.util.OptionalLong;

/**
 * Where something first fails within a context of L positions: at a located position, somewhere within
 * a bracket of positions no analysis narrowed further, or not at all within the context. The wording of
 * every form is here, so that the command line, the tables and the model summaries say the same thing.
 *
 * <p>One convention for every horizon: it is the first position that fails, i.e. the first p that is not
 * distinguishable from p - 1 (or not representable, or whose error exceeds the tolerance). A collision of
 * the pair (p - 1, p) is at p, its second position: in fp32, positions 2^24 and 2^24 + 1 are equal, and
 * both the position horizon and the collision of positions are 16777217.
 */
public sealed interface Horizon permits Horizon.At, Horizon.Within, Horizon.None {

    /**
     * The failure happens first at {@code position}, exactly.
     *
     * @param position {@code p >= 0}
     */
    record At(long position) implements Horizon {
        /** @throws IllegalArgumentException if {@code position} is negative */
        public At {
            if (position < 0) {
                throw new IllegalArgumentException("a horizon position must be >= 0, not " + position);
            }
        }
    }

    /**
     * The first failure, if there is one within the context, lies in {@code [first, last]}: no position
     * before {@code first} fails, and the positions from {@code first} on were not all decided.
     *
     * @param first the first position not shown to pass, {@code >= 0}
     * @param last the last position it can be, {@code >= first}
     */
    record Within(long first, long last) implements Horizon {
        /** @throws IllegalArgumentException unless {@code 0 <= first <= last} */
        public Within {
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("a horizon bracket needs 0 <= first <= last, not [" + first + ", " + last + "]");
            }
        }
    }

    /** Nothing fails within the context. */
    record None() implements Horizon {
    }

    /** The horizon at p ({@code p >= 0}). */
    static Horizon at(long position) {
        return new At(position);
    }

    /** The horizon somewhere in [first, last] ({@code 0 <= first <= last}). */
    static Horizon within(long first, long last) {
        return new Within(first, last);
    }

    /** No failure within the context. */
    static Horizon none() {
        return new None();
    }

    /** {@link At} the position when there is one, else {@link None}. */
    static Horizon of(OptionalLong position) {
        return position.isPresent() ? at(position.getAsLong()) : none();
    }

    /** The located position: present only for {@link At}. */
    default OptionalLong located() {
        return this instanceof At a ? OptionalLong.of(a.position()) : OptionalLong.empty();
    }

    /**
     * The first position that can fail: the located one, or a bracket's first position; empty for {@link None}.
     */
    default OptionalLong earliest() {
        if (this instanceof At a) {
            return OptionalLong.of(a.position());
        }
        return this instanceof Within w ? OptionalLong.of(w.first()) : OptionalLong.empty();
    }

    /** The table form: {@code 1234}, {@code in [1024, 1048575]} or {@code none}. */
    default String describe() {
        return describe("in ");
    }

    /**
     * The form for a reader who may not know a bracket is a hedge: {@code 1234},
     * {@code if any, in [1024, 1048575]} or {@code none}.
     */
    default String describeHedged() {
        return describe("if any, in ");
    }

    /** The compact form where only the start of a bracket fits: {@code 1234}, {@code from 1024} or {@code none}. */
    default String describeFrom() {
        return this instanceof Within w ? "from " + w.first() : describe();
    }

    private String describe(String bracketPrefix) {
        if (this instanceof At a) {
            return Long.toString(a.position());
        }
        if (this instanceof Within w) {
            return bracketPrefix + "[" + w.first() + ", " + w.last() + "]";
        }
        return "none";
    }
}
