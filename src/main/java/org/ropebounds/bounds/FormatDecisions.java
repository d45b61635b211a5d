package org.ropebounds.bounds;

import java.math.BigInteger;
import org.ropebounds.format.Format;
import org.ropebounds.real.CertifiedDecimal;

/**
 * {@link ZoneCalculator}'s decisions about one format, each empty until the first precision level that decides it
 * (a mutable working record of one computation; not shared between threads).
 */
final class FormatDecisions {
    final Format format;
    final Decision<CertifiedDecimal> ceiling = new Decision<>();
    final Decision<CertifiedDecimal> zoneLower = new Decision<>();
    final Decision<Boolean> empty = new Decision<>();
    final Decision<CertifiedDecimal> ratio = new Decision<>();
    final Decision<CertifiedDecimal> maxContextBound = new Decision<>();
    final Decision<BigInteger> maxContext = new Decision<>();
    final Decision<Integer> minBits = new Decision<>();
    final Decision<Verdict> verdict = new Decision<>();
    final Decision<CertifiedDecimal> marginUpper = new Decision<>();

    FormatDecisions(Format format) {
        this.format = format;
    }

    /** Whether what must be decided whatever the query, and with a base the verdict and ceiling/b, is not all decided. */
    boolean pending(boolean withBase) {
        return ceiling.pending() || zoneLower.pending() || empty.pending() || ratio.pending() || maxContextBound.pending()
                || maxContext.pending() || minBits.pending() || withBase && (verdict.pending() || marginUpper.pending());
    }
}
