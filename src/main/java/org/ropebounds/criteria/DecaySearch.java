package org.ropebounds.criteria;

/**
 * How much of the decay criterion's answer for a context is searched ({@link DecayCriterion}): everything, or
 * the first feasible base alone. Both certify every number they give; they differ in cost and in how much they give.
 */
public enum DecaySearch {
    /**
     * The first feasible base, the robust bound and the feasible intervals ({@link DecayCriterion#minBase(long, int)}):
     * every base up to the tail base is classified, which needs a walk over every distance for each feasible piece
     * (seconds at L = 2^14, about four times more per doubling of L).
     */
    FULL("full"),
    /**
     * The first feasible base alone ({@link DecayCriterion#firstFeasibleBase}): the search stops once every base
     * below it is classified, so the robust bound is a searched range and only the first feasible interval is
     * given (seconds even at L = 2^20).
     */
    FIRST_FEASIBLE("first");

    private final String label;

    DecaySearch(String label) {
        this.label = label;
    }

    /** The name the command line and JSON use: {@code full} or {@code first}. */
    public String label() {
        return label;
    }

    /**
     * The search named {@code full} or {@code first}.
     *
     * @throws org.ropebounds.InvalidInputException naming the text and the two accepted names
     */
    public static DecaySearch parse(String text) {
        for (DecaySearch s : values()) {
            if (s.label.equals(text.strip())) {
                return s;
            }
        }
        throw new org.ropebounds.InvalidInputException("decay search '" + org.ropebounds.InvalidInputException.quoted(text.strip())
                + "' is not accepted; accepted: full (first feasible base, robust bound, intervals) or first (the first feasible base alone)");
    }
}
