package org.ropebounds.table;

import java.math.BigInteger;
import org.ropebounds.criteria.CriteriaReport.MinimumBase;
import org.ropebounds.format.Rational;

/** The certified status of a published decay bound: feasible, or infeasible with a witness m, and its distance to the certified bounds. */
final class PublishedStatus {
    private PublishedStatus() {
    }

    /** "not computed" until the certified decay search is in the build. */
    static String of(BigInteger context, int headDim, Rational published, MinimumBase decay, int digits) {
        return "not computed";
    }
}
