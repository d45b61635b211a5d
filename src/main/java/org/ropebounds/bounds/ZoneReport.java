package org.ropebounds.bounds;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal;

/**
 * Everything {@link ZoneCalculator} decides for one query. Decisions that the certified arithmetic
 * could not make within its precision limit are empty; decimals carry their own guarantee. Every decimal
 * is a bound printed in its safe direction ({@link CertifiedDecimal#direction()}): the lower bounds and
 * the zone's lower end rounded up, so a base at or above the printed value satisfies them; the ceilings,
 * the largest-context bound, the ratio ceiling/lower and the margins rounded down, so none is overstated.
 *
 * @param query the parameters
 * @param digits significant digits asked for
 * @param base the base judged, if any
 * @param lowerBounds each lower bound's threshold on b
 * @param binding the binding (largest) lower bound, when decided
 * @param stabilityDominatesAliasing whether depth stability exceeds aliasing, decided numerically
 * @param formats the zone per format
 * @param maxDepth with a base: the largest N with cos(L theta_min)^N >= eps (0 when none), when decided
 */
public record ZoneReport(ZoneQuery query, int digits, Optional<Rational> base, List<LowerBound> lowerBounds,
                         Optional<Bound> binding, Optional<Boolean> stabilityDominatesAliasing,
                         List<FormatZone> formats, Optional<BigInteger> maxDepth) {

    /** The lists are kept as read-only copies. */
    public ZoneReport {
        lowerBounds = List.copyOf(lowerBounds);
        formats = List.copyOf(formats);
    }

    /**
     * The threshold of one lower bound.
     *
     * @throws IllegalArgumentException unless {@code bound} is one of {@link Bounds#lower()}
     */
    public LowerBound lower(Bound bound) {
        for (LowerBound lb : lowerBounds) {
            if (lb.bound().equals(bound)) {
                return lb;
            }
        }
        throw new IllegalArgumentException("bound " + bound.id() + " is not a lower bound of this report; accepted: "
                + String.join(", ", lowerBounds.stream().map(lb -> lb.bound().id()).toList()));
    }

    /** The binding lower bound's threshold, when the binding bound is decided. */
    public Optional<CertifiedDecimal> bindingLower() {
        return binding.map(b -> lower(b).value());
    }

    /**
     * The zone in one format (the first, if the query listed it twice).
     *
     * @throws IllegalArgumentException unless {@code format} is one of {@link #formats()}
     */
    public FormatZone zone(Format format) {
        for (FormatZone z : formats) {
            if (z.format().equals(format)) {
                return z;
            }
        }
        throw new IllegalArgumentException("format " + format.name() + " is not in this report; accepted: "
                + String.join(", ", formats.stream().map(z -> z.format().name()).toList()));
    }

    /** A lower bound's threshold, rounded up: b must be > value (strict) or >= value. */
    public record LowerBound(Bound bound, CertifiedDecimal value) {
    }

    /**
     * The zone [lower, ceiling) in one format.
     *
     * @param ceiling the precision ceiling (b must stay below it), rounded down (ceilings are powers of two: mostly exact)
     * @param zoneLower the binding lower bound (equal for every format), rounded up
     * @param empty whether no base satisfies both, when decided
     * @param ratio ceiling / lower (below 1 when empty), rounded down: the room the zone has is at least this
     * @param maxContextBound acos(eps^(1/N)) / resolution: the zone is non-empty exactly for L below it; rounded down
     * @param maxContext the largest integer context whose zone is non-empty, when decided
     * @param minPrecisionBits the fewest significand bits p whose ceiling exceeds the lower bound, when decided
     * @param verdict where the base sits, when a base is given and decided
     * @param marginLower base / lower (>= 1 when the lower bound holds), with a base; rounded down
     * @param marginUpper ceiling / base (> 1 when below the ceiling), with a base; rounded down
     */
    public record FormatZone(Format format, CertifiedDecimal ceiling, CertifiedDecimal zoneLower, Optional<Boolean> empty,
                             CertifiedDecimal ratio, CertifiedDecimal maxContextBound, Optional<BigInteger> maxContext,
                             Optional<Integer> minPrecisionBits, Optional<Verdict> verdict,
                             Optional<CertifiedDecimal> marginLower, Optional<CertifiedDecimal> marginUpper) {
    }
}
