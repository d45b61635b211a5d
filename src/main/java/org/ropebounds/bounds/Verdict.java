package org.ropebounds.bounds;

/** Where a base sits relative to a zone [lower, ceiling). */
public enum Verdict {
    /** b is below the binding lower bound (whatever the ceiling says). */
    BELOW("below"),
    /** {@code lower <= b < ceiling}. */
    INSIDE("inside"),
    /** b is at or above the precision ceiling (and not below the lower bound). */
    ABOVE("above");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The name printed and used in JSON: below, inside, above. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
