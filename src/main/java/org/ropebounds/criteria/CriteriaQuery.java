package org.ropebounds.criteria;

import java.math.BigInteger;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.bounds.ZoneQuery;
import org.ropebounds.format.Rational;

/**
 * What the criteria are functions of, besides the context or the base asked about. A criterion whose parameter is
 * absent is reported as not computed, never with a default: dc_stability needs the tolerance, depth_stability the
 * tolerance and the layers, extrapolation the training context.
 *
 * @param headDim d, even, 2 &lt;= d &lt;= {@value ZoneQuery#MAX_ROTARY_DIM} (extrapolation needs d &gt;= 4)
 * @param layers N, 1 &lt;= N &lt;= {@value ZoneQuery#MAX_LAYERS}, if given
 * @param tolerance eps, 0 &lt; eps &lt; 1, if given
 * @param trainContext T_train, {@value CriticalDimension#MIN_TRAIN_CONTEXT} &lt;= T_train &lt;= 2^62, if given
 * @param range the decay bound's distances: m in [0, L] or [0, L-1]
 * @param digits significant digits of every decimal, 1..{@value #MAX_DIGITS}
 * @param decayDigits significant digits to which the decay search locates bases, 1..{@value DecayCriterion#MAX_BASE_DIGITS}
 *     (each digit past about 10 multiplies its work; {@value #DEFAULT_DECAY_DIGITS} by default)
 * @param decaySearch whether the decay search gives the robust bound and the intervals too, or the first feasible
 *     base alone ({@link DecaySearch})
 */
public record CriteriaQuery(int headDim, Optional<Integer> layers, Optional<Rational> tolerance, Optional<BigInteger> trainContext, DistanceRange range,
                            int digits, int decayDigits, DecaySearch decaySearch) {
    /** Most digits accepted. */
    public static final int MAX_DIGITS = 1000;
    /** The decay search's digits unless asked otherwise: seconds at L = 2^15 (12 digits take minutes at L = 1024). */
    public static final int DEFAULT_DECAY_DIGITS = 10;

    /** @throws InvalidInputException naming the first value outside its domain */
    public CriteriaQuery {
        if (headDim < 2 || headDim % 2 != 0 || headDim > ZoneQuery.MAX_ROTARY_DIM) {
            throw new InvalidInputException("head dim " + headDim + " is not accepted; need an even d with 2 <= d <= " + ZoneQuery.MAX_ROTARY_DIM);
        }
        layers.ifPresent(n -> {
            if (n < 1 || n > ZoneQuery.MAX_LAYERS) {
                throw new InvalidInputException("layers " + n + " is out of range; accepted: 1 <= N <= " + ZoneQuery.MAX_LAYERS);
            }
        });
        tolerance.ifPresent(eps -> {
            if (eps.signum() <= 0 || eps.compareTo(Rational.ONE) >= 0) {
                throw new InvalidInputException("tolerance " + eps.toCompactDecimalStringOrFraction() + " is out of range; accepted: 0 < eps < 1");
            }
        });
        java.util.Objects.requireNonNull(range);
        java.util.Objects.requireNonNull(decaySearch);
        trainContext.ifPresent(CriticalDimension::checkTrainContext);
        if (trainContext.isPresent() && headDim < 4) {
            throw new InvalidInputException("head dim " + headDim + " with a train context: Liu et al.'s law needs d >= 4 (d = 2 has one mode)");
        }
        if (digits < 1 || digits > MAX_DIGITS) {
            throw new InvalidInputException("digits " + digits + " is out of range; accepted: 1.." + MAX_DIGITS);
        }
        if (decayDigits < 1 || decayDigits > DecayCriterion.MAX_BASE_DIGITS) {
            throw new InvalidInputException("decay digits " + decayDigits + " is out of range; accepted: 1.." + DecayCriterion.MAX_BASE_DIGITS);
        }
    }
}
