package org.ropebounds.bounds;

import java.math.BigInteger;
import java.util.List;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;

/**
 * Misalignment compounds over N layers: cos(L/b)^N >= eps, i.e. b >= L / acos(eps^(1/N)). N = 1 gives
 * the DC-component bound.
 */
public final class DepthStabilityBound implements Bound {
    @Override
    public String id() {
        return "depth_stability";
    }

    @Override
    public String title() {
        return "depth-compounded stability";
    }

    @Override
    public String source() {
        return Bounds.SEED_PAPER;
    }

    @Override
    public List<String> assumptions() {
        return List.of("0 < eps < 1 and N >= 1", "each of the N layers multiplies the coherence by cos(L/b)",
                "L/b <= pi/2, so that cos(L/b) >= 0 and cos(L/b)^N >= eps is equivalent to L/b <= acos(eps^(1/N))");
    }

    @Override
    public Side side() {
        return Side.LOWER;
    }

    @Override
    public boolean strict() {
        return false;
    }

    @Override
    public String closedForm() {
        return "L/ArcCos(eps^(1/N))";
    }

    @Override
    public <T> T approxThreshold(Arithmetic<T> a, ZoneQuery q, Format format) {
        return a.divide(a.of(q.context().longValueExact()), acosOfRoot(a, q));
    }

    /** acos(eps^(1/N)), the largest per-context phase L*theta_min the tolerance admits. */
    static <T> T acosOfRoot(Arithmetic<T> a, ZoneQuery q) {
        T root = a.pow(a.of(q.tolerance()), a.of(Rational.of(BigInteger.ONE, BigInteger.valueOf(q.layers()))));
        return a.acos(root);
    }
}
