package org.ropebounds.bounds;

import org.ropebounds.format.Format;
import org.ropebounds.real.Arithmetic;

/** The slowest mode's drift over the context stays within tolerance: cos(L/b) >= eps, i.e. b >= L / acos(eps). */
public final class DcStabilityBound extends AbstractBound {
    DcStabilityBound() {
        super("dc_stability", "DC-component stability", Side.LOWER, false, "L/ArcCos(eps)",
                "0 < eps < 1", "L/b <= pi, so that cos(L/b) >= eps is equivalent to L/b <= acos(eps)");
    }

    @Override
    public <T> T approxThreshold(Arithmetic<T> a, ZoneQuery q, Format format) {
        return a.divide(a.of(q.context().longValueExact()), denominator(a, q));
    }

    /** acos(eps), the threshold's denominator: it depends on the query through eps alone. */
    static <T> T denominator(Arithmetic<T> a, ZoneQuery q) {
        return a.acos(a.of(q.tolerance()));
    }
}
