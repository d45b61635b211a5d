package org.ropebounds.symbolic;

/**
 * The sign of an expression for every admissible value of its variables, as decided by
 * {@link SymbolicEngine#sign(String, Assumptions)}. {@link #UNKNOWN} means "not decided", never "varies".
 */
public enum Sign {
    /** Strictly positive everywhere. */
    POSITIVE,
    /** Strictly negative everywhere. */
    NEGATIVE,
    /** Identically zero. */
    ZERO,
    /** Zero or positive everywhere (a strict sign could not be decided). */
    NONNEGATIVE,
    /** Zero or negative everywhere (a strict sign could not be decided). */
    NONPOSITIVE,
    /** The analysis could not decide; the expression may or may not have a constant sign. */
    UNKNOWN;

    /** The lower-case word used in proof files ({@code positive}, {@code unknown}, ...). */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
