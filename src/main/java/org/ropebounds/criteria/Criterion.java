package org.ropebounds.criteria;

import org.ropebounds.bounds.Bounds;

/** The published criteria for the RoPE base that {@link Criteria} puts side by side, with their sources. */
public enum Criterion {
    /** b &gt; L/(2 pi): the seed paper's aliasing bound ({@code bounds.AliasingBound}). */
    ALIASING("aliasing", Bounds.SEED_PAPER),
    /** b &gt;= L/acos(eps): the seed paper's DC-component stability bound. */
    DC_STABILITY("dc_stability", Bounds.SEED_PAPER),
    /** b &gt;= L/acos(eps^(1/N)): the seed paper's depth-compounded stability bound. */
    DEPTH_STABILITY("depth_stability", Bounds.SEED_PAPER),
    /** B_m(b) &gt;= 0 for every relative distance m up to L: Men et al.'s long-term decay bound. */
    DECAY("decay", "X. Men, M. Xu, B. Wang, Q. Zhang, H. Lin, X. Han, W. Chen, \"Base of RoPE Bounds Context Length\", NeurIPS 2024,"
            + " arXiv:2405.14591"),
    /** T_extra(b) &gt;= L: Liu et al.'s critical-dimension law ({@link CriticalDimension}). */
    EXTRAPOLATION("extrapolation", CriticalDimension.SOURCE);

    private final String id;
    private final String source;

    Criterion(String id, String source) {
        this.id = id;
        this.source = source;
    }

    /** The id used in JSON and tables: aliasing, dc_stability, depth_stability, decay, extrapolation. */
    public String id() {
        return id;
    }

    /** The paper, with its arXiv id. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return id;
    }
}
