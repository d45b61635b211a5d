package org.ropebounds.bounds;

import java.util.List;
import org.ropebounds.format.Format;
import org.ropebounds.real.Arithmetic;

/** The slowest mode must not complete a full turn over the context: L < 2 pi b, i.e. b > L / (2 pi). */
public final class AliasingBound implements Bound {
    @Override
    public String id() {
        return "aliasing";
    }

    @Override
    public String title() {
        return "aliasing (Nyquist-like)";
    }

    @Override
    public String source() {
        return Bounds.SEED_PAPER;
    }

    @Override
    public List<String> assumptions() {
        return List.of("positions 0..L-1; the slowest mode's phase L*theta_min must stay below one full turn 2*pi");
    }

    @Override
    public Side side() {
        return Side.LOWER;
    }

    @Override
    public boolean strict() {
        return true;
    }

    @Override
    public String closedForm() {
        return "L/(2*Pi)";
    }

    @Override
    public <T> T approxThreshold(Arithmetic<T> a, ZoneQuery q, Format format) {
        return a.divide(a.of(q.context().longValueExact()), a.multiply(a.of(2), a.pi()));
    }
}
