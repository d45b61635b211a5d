package org.ropebounds.bounds;

import org.ropebounds.format.Format;
import org.ropebounds.real.Arithmetic;

/**
 * Misalignment compounds over N layers: cos(L/b)^N >= eps, i.e. b >= L / acos(eps^(1/N)). N = 1 gives
 * the DC-component bound.
 */
public final class DepthStabilityBound extends AbstractBound {
    DepthStabilityBound() {
        super("depth_stability", "depth-compounded stability", Side.LOWER, false, "L/ArcCos(eps^(1/N))",
                "0 < eps < 1 and N >= 1", "each of the N layers multiplies the coherence by cos(L/b)",
                "L/b <= pi/2, so that cos(L/b) >= 0 and cos(L/b)^N >= eps is equivalent to L/b <= acos(eps^(1/N))");
    }

    @Override
    public <T> T approxThreshold(Arithmetic<T> a, ZoneQuery q, Format format) {
        return a.divide(a.of(q.context().longValueExact()), acosOfRoot(a, q));
    }

    /**
     * acos(eps^(1/N)), the largest per-context phase L*theta_min the tolerance admits, evaluated as
     * 2 asin(sqrt((1 - eps^(1/N))/2)) with 1 - eps^(1/N) = -expm1(log(eps)/N): acos near 1 would
     * amplify the error of eps^(1/N) about 1/sqrt(2(1 - x)) times; this form loses nothing.
     */
    static <T> T acosOfRoot(Arithmetic<T> a, ZoneQuery q) {
        T logRoot = a.divide(a.log(a.of(q.tolerance())), a.of(q.layers()));
        T oneMinusRoot = a.subtract(a.of(0), a.expm1(logRoot));
        return a.multiply(a.of(2), a.asin(a.sqrt(a.divide(oneMinusRoot, a.of(2)))));
    }
}
