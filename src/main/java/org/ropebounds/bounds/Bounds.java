package org.ropebounds.bounds;

import java.util.List;
import org.ropebounds.format.Format;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.Enclosure;

/** The registry of bounds. */
public final class Bounds {
    /** The seed paper. */
    public static final String SEED_PAPER = "F. Liu, \"Rotary Positional Embeddings as Phase Modulation: Theoretical"
            + " Bounds on the RoPE Base for Long-Context Transformers\", arXiv:2602.10959 (2026)";

    /** {@code b > L / (2 pi)}. */
    public static final AliasingBound ALIASING = new AliasingBound();
    /** {@code b >= L / acos(eps)}. */
    public static final DcStabilityBound DC_STABILITY = new DcStabilityBound();
    /** {@code b >= L / acos(eps^(1/N))}. */
    public static final DepthStabilityBound DEPTH_STABILITY = new DepthStabilityBound();
    /** {@code b < 2^(p-1)} (or {@code 2^p} with unit roundoff). */
    public static final PrecisionCeiling PRECISION_CEILING = new PrecisionCeiling();

    private static final List<Bound> LOWER = List.of(ALIASING, DC_STABILITY, DEPTH_STABILITY);
    private static final List<Bound> ALL = List.of(ALIASING, DC_STABILITY, DEPTH_STABILITY, PRECISION_CEILING);

    private Bounds() {
    }

    /** The lower bounds, in the order they are printed. */
    public static List<Bound> lower() {
        return LOWER;
    }

    /** Every bound. */
    public static List<Bound> all() {
        return ALL;
    }

    /** The bound with this id. @throws org.ropebounds.InvalidInputException naming the id and listing the ids */
    public static Bound byId(String id) {
        for (Bound b : ALL) {
            if (b.id().equals(id) || b.id().replace('_', '-').equals(id)) {
                return b;
            }
        }
        throw new org.ropebounds.InvalidInputException("unknown bound '" + id + "'; accepted: "
                + String.join(", ", ALL.stream().map(Bound::id).toList()) + ", all");
    }

    static Enclosure enclose(Bound b, Arithmetic<?> a, ZoneQuery q, Format f) {
        return capture(b, a, q, f);
    }

    private static <T> Enclosure capture(Bound b, Arithmetic<T> a, ZoneQuery q, Format f) {
        return a.toEnclosure(b.threshold(a, q, f));
    }
}
