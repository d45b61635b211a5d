package org.ropebounds.criteria;

/**
 * Which relative distances m a context of L positions must keep B_m(b) &gt;= 0 for, in Men et al.'s decay
 * criterion. The paper's definition takes every integer m in [0, L] ({@link #INCLUSIVE}); some recomputations
 * take [0, L-1] ({@link #EXCLUSIVE}), the distances that actually occur between L positions 0..L-1.
 */
public enum DistanceRange {
    /** m in [0, L]: the paper's definition. */
    INCLUSIVE("inclusive"),
    /** m in [0, L-1]: the distances between L positions. */
    EXCLUSIVE("exclusive");

    private final String label;

    DistanceRange(String label) {
        this.label = label;
    }

    /** The largest distance m a context of {@code context} positions must cover: L, or L - 1. */
    public long maxDistance(long context) {
        return this == INCLUSIVE ? context : context - 1;
    }

    /**
     * The context L whose distance range ends at {@code maxDistance}: the inverse of {@link #maxDistance}
     * (M, or M + 1).
     */
    public long contextFor(long maxDistance) {
        return this == INCLUSIVE ? maxDistance : maxDistance + 1;
    }

    /** "inclusive" or "exclusive", as the outputs print it. */
    @Override
    public String toString() {
        return label;
    }
}
