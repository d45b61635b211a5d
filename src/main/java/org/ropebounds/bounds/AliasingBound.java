package org.ropebounds.bounds;

import org.ropebounds.format.Format;
import org.ropebounds.real.Arithmetic;

/** The slowest mode must not complete a full turn over the context: {@code L < 2 pi b}, i.e. {@code b > L / (2 pi)}. */
public final class AliasingBound extends AbstractBound {
    AliasingBound() {
        super("aliasing", "aliasing (Nyquist-like)", Side.LOWER, true, "L/(2*Pi)",
                "positions 0..L-1; the slowest mode's phase L*theta_min must stay below one full turn 2*pi");
    }

    @Override
    public <T> T approxThreshold(Arithmetic<T> a, ZoneQuery q, Format format) {
        return a.divide(a.of(q.context().longValueExact()), denominator(a));
    }

    /** 2 pi, the threshold's denominator: the same for every query, so a caller may compute it once per arithmetic. */
    static <T> T denominator(Arithmetic<T> a) {
        return a.multiply(a.of(2), a.pi());
    }
}
