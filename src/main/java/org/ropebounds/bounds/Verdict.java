package org.ropebounds.bounds;

/** Where a base sits relative to a zone [lower, ceiling). */
public enum Verdict {
    /** b is below the binding lower bound and below the precision ceiling. */
    BELOW("below"),
    /** {@code lower <= b < ceiling}. */
    INSIDE("inside"),
    /** b is at or above the precision ceiling and not below the lower bound. */
    ABOVE("above"),
    /** b is below the binding lower bound and at or above the precision ceiling (an empty zone can give it). */
    BELOW_AND_ABOVE("below and above");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /**
     * The verdict for a base that is, or is not, below the lower bound ({@code b < lower}) and at or above the
     * ceiling ({@code b >= ceiling}).
     */
    public static Verdict of(boolean belowLower, boolean atOrAboveCeiling) {
        if (belowLower) {
            return atOrAboveCeiling ? BELOW_AND_ABOVE : BELOW;
        }
        return atOrAboveCeiling ? ABOVE : INSIDE;
    }

    /** The name printed and used in JSON: below, inside, above, below and above. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
