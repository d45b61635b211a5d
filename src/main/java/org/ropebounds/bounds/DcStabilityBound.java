package org.ropebounds.bounds;

import java.util.List;
import org.ropebounds.format.Format;
import org.ropebounds.real.Arithmetic;

/** The slowest mode's drift over the context stays within tolerance: cos(L/b) >= eps, i.e. b >= L / acos(eps). */
public final class DcStabilityBound implements Bound {
    @Override
    public String id() {
        return "dc_stability";
    }

    @Override
    public String title() {
        return "DC-component stability";
    }

    @Override
    public String source() {
        return Bounds.SEED_PAPER;
    }

    @Override
    public List<String> assumptions() {
        return List.of("0 < eps < 1", "L/b <= pi, so that cos(L/b) >= eps is equivalent to L/b <= acos(eps)");
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
        return "L/ArcCos(eps)";
    }

    @Override
    public <T> T approxThreshold(Arithmetic<T> a, ZoneQuery q, Format format) {
        return a.divide(a.of(q.context().longValueExact()), a.acos(a.of(q.tolerance())));
    }
}
