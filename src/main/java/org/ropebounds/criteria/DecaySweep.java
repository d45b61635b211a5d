package org.ropebounds.criteria;

import static org.ropebounds.criteria.DecayExtents.TAU;
import static org.ropebounds.criteria.DecayExtents.accumulate;
import static org.ropebounds.criteria.DecayExtents.accumulateScaled;
import static org.ropebounds.criteria.DecayExtents.beyond;
import static org.ropebounds.criteria.DecayExtents.curvature;
import static org.ropebounds.criteria.DecayExtents.fresh;
import static org.ropebounds.criteria.DecayExtents.optimistic;
import static org.ropebounds.criteria.DecayExtents.root;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ropebounds.criteria.DecayPieces.Gap;
import org.ropebounds.criteria.DecayPieces.Item;
import org.ropebounds.criteria.DecayPieces.Kind;
import org.ropebounds.criteria.DecayPieces.Piece;
import org.ropebounds.criteria.DecayPieces.Unsearched;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.real.DoubleInterval;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;

/**
 * The search behind {@link DecayCriterion#minBase}: classifies every base in [1, y] (y: from where {@link DecayCeiling}
 * proves every base feasible, section 14; else the tail base) as feasible or infeasible by certified pieces, leaving
 * only stretches narrower than the resolution unresolved ({@code proofs/decay-bound.md} sections 4 to 6). A walk at a base z (every distance m &lt;= M, {@link DecayWalk}) gives
 * r = min_m (B_m(z) - err)/m when every B_m(z) &gt; 0, or r = max_m (-(B_m(z) + err))/m over the proven negative
 * ones; since |B_m(b) - B_m(z)| &lt;= m sum_i |theta_i(b) - theta_i(z)|, every base b with
 * Delta(z, b) = sum_i |theta_i(b) - theta_i(z)| &lt;= r (strictly, for infeasibility) is of the same kind, and
 * second-order extents per distance do better ({@link DecayExtents}). The search runs left to right (each point half
 * a piece beyond the last, bisecting what a piece leaves on its left), so a work limit leaves a searched prefix; an
 * infeasible point is certified from its neighbours' witnesses before any full walk (section 8), a feasible
 * piece is continued from its weak distances alone (section 9), a feasible walk far above the first feasible base
 * may certify a whole box of bases [z e^-T, z e^T] (section 10), and a point right of the last feasible walk may be
 * certified from that walk's quadratics and its weak distances (section 11, {@link DecayKept}). Above the tail base
 * T(b) &gt;= 0 proves every base feasible. One use; not thread-safe.
 */
final class DecaySweep {
    /** The search never goes above this base (the tail argument is used up to here). */
    static final double SEARCH_CAP = 1e30;
    private static final double STRICT = 1 - 0x1p-20;

    /**
     * A walk's result at a base z: its kind (empty: undecided), the first-order ratio r and its witness, and the
     * second-order extents in t = log(b/z) to the left and the right with their witnesses (0 for feasible).
     */
    private record Point(Optional<Kind> kind, double ratio, long witness, double left, long leftWitness, double right,
            long rightWitness, DoubleInterval[] theta) {
    }

    /** A certified stretch [lo, hi] around a point, and the witness that certifies it (infeasible). */
    private record Extent(double bound, long witness) {
    }

    private final DecayCriterion criterion;
    private final int n;
    private final long maxDistance;
    private final int digits;
    private final long workLimit;
    private long work;
    private boolean exhausted;
    private final List<Item> items = new ArrayList<>();
    /** Whether to stop once the first feasible piece is placed (everything to its left then resolved). */
    private final boolean firstOnly;

    DecaySweep(DecayCriterion criterion, long maxDistance, int digits, long workLimit, boolean firstOnly) {
        this.firstOnly = firstOnly;
        this.criterion = criterion;
        this.n = criterion.headDim() / 2;
        this.maxDistance = maxDistance;
        this.digits = digits;
        this.workLimit = workLimit;
        this.kept = new DecayKept(n, maxDistance);
    }

    DecayBaseBounds run(long context) {
        Optional<Double> tail = DecayTail.tailBase(n, maxDistance);
        // the robust bound from above first (section 14): the sweep then only has to reach its feasible base
        Optional<DecayCeiling.Result> ceiling = firstOnly ? Optional.empty()
                : new DecayCeiling(n, maxDistance, Math.pow(10, -(digits + 2)), SEARCH_CAP, workLimit).search(1);
        work += ceiling.map(DecayCeiling.Result::work).orElse(0L);
        double end = ceiling.map(DecayCeiling.Result::feasibleFrom).orElse(tail.filter(t -> t <= SEARCH_CAP).orElse(SEARCH_CAP));
        Point one = evaluate(1, 0, 0, 1, end);
        Extent h = rightExtent(1, one, end);
        items.add(new Piece(one.kind().orElseThrow(), 1, h.bound(), h.witness()));
        if (h.bound() < end) {
            resolve(h.bound(), end, h.witness(), 0, Math.log(h.bound()));
        }
        boolean complete = !exhausted && (ceiling.isPresent() || tail.isPresent() && tail.get() <= SEARCH_CAP);
        if (complete) {
            items.add(new Piece(Kind.FEASIBLE, end, Double.POSITIVE_INFINITY, 0));
        }
        return new DecayPieces(criterion, digits, workLimit).summarise(items, context, complete, tail, ceiling, work);
    }

    // ---- the search ----

    /**
     * Classifies (a, c), left to right: wa and wc are the witnesses of the infeasible pieces ending at a and starting
     * at c (0: none), and step the log-width of the piece ending at a on its side (0: none). The next point is
     * placed half that step beyond a (the piece around it then usually reaches back to a, and a's witness usually
     * still holds there), else at the (geometric) midpoint; what a piece leaves uncovered on its left is resolved
     * first, by bisection.
     */
    private void resolve(double a, double c, long wa, long wc, double step) {
        while (true) {
            if (exhausted || work + (long) n * maxDistance > workLimit) { // once exhausted, every later span is unsearched too
                exhausted = true;
                items.add(new Unsearched(a, c));
                return;
            }
            double z = c / a > 2 ? Math.sqrt(a) * Math.sqrt(c) : a + (c - a) / 2;
            double near = step > 0 ? a * Math.exp(step / 2) : z;
            if (near > a && near < z) {
                z = near;
            }
            if (!(z > a && z < c)) {
                items.add(new Gap(a, c));
                return;
            }
            boolean last = c - a <= resolution(a);
            Point p = evaluate(z, wa, wc, a, c);
            if (p.kind().isEmpty()) {
                if (last) {
                    items.add(new Gap(a, c));
                    return;
                }
                resolve(a, z, wa, 0, 0);
                items.add(new Gap(z, z));
                a = z;
                wa = 0;
                step = 0;
                continue;
            }
            Extent l = leftExtent(z, p, a);
            Extent h = rightExtent(z, p, c);
            if (last) {
                // below the resolution: a walk that covers the whole stretch closes it, else it stays unresolved
                if (l.bound() == a && h.bound() == c) {
                    items.add(new Piece(p.kind().get(), a, z, l.witness()));
                    items.add(new Piece(p.kind().get(), z, c, h.witness()));
                } else {
                    items.add(new Gap(a, c));
                }
                return;
            }
            if (l.bound() > a) {
                resolve(a, l.bound(), wa, l.witness(), 0);
            }
            items.add(new Piece(p.kind().get(), l.bound(), z, l.witness()));
            items.add(new Piece(p.kind().get(), z, h.bound(), h.witness()));
            if (firstOnly && p.kind().get() == Kind.FEASIBLE) {
                exhausted = true; // left to right: everything below this piece is placed
            }
            if (!(h.bound() < c)) {
                return;
            }
            step = Math.log(h.bound() / z);
            a = h.bound();
            wa = h.witness();
            if (p.kind().get() == Kind.FEASIBLE && kept.base() == z) {
                for (Optional<Double> e = extend(a, c); e.isPresent(); e = extend(a, c)) {
                    items.add(new Piece(Kind.FEASIBLE, a, e.get(), 0));
                    a = e.get();
                }
                if (!(a < c)) {
                    return;
                }
            }
        }
    }

    /** Gaps narrower than this (relative 10^-(digits+2), at least a few ulps) are left unresolved. */
    private double resolution(double a) {
        return Math.max(a * Math.pow(10, -(digits + 2)), 4 * Math.ulp(a));
    }

    /** The distances on each side of a candidate witness that are tried directly before any walk. */
    private static final int WINDOW = 1;
    /**
     * The segment walks around a neighbour's witness: half-widths SMALL, SMALL * GROWTH, ... while below
     * M / SEGMENT (each a walk over 2 half-widths of distances, section 8).
     */
    private static final long SMALL = 64;
    private static final long GROWTH = 4;
    private static final long SEGMENT = 8;
    /** The witness of the latest infeasible point (0: none yet). */
    private long latest;

    /**
     * The half-width T (in log b) of the box [z e^-T, z e^T] the next full walk tries to certify feasible at once
     * (section 10 of the proof; 0: none), chosen by {@link #nextBox}; reset by an infeasible walk.
     */
    private double boxHalfWidth;
    /** Whether the last box tried held. */
    private boolean boxHeld;
    /** After a box failed from scratch, none is tried again below this base. */
    private double boxRetry;
    private static final double BOX_START = 4;
    private static final double MAX_BOX = 1;

    /**
     * Chooses the next box after a feasible walk at z (only the cost depends on it): a box that held with a wide margin
     * (its bound above a quarter of min_m B_m(z)) is doubled, one that held narrowly is kept, one that failed after
     * one that held is halved; a box that failed from scratch is not tried again until the base has grown by e^(1/4).
     */
    private void nextBox(double z, double tried, boolean held, double boxMinimum, double minimum, double taylor) {
        double start = BOX_START * taylor;
        if (tried > 0 && held) {
            boxHalfWidth = boxMinimum > minimum / 4 ? Math.min(MAX_BOX, 2 * tried) : tried;
        } else if (tried > 0 && boxHeld) {
            boxHalfWidth = tried / 2 > taylor ? tried / 2 : 0;
        } else if (tried > 0) {
            boxHalfWidth = 0;
            boxRetry = z * Math.exp(0.25);
        } else {
            boxHalfWidth = z >= boxRetry ? Math.min(MAX_BOX, start) : 0;
        }
        boxHeld = tried > 0 && held;
    }

    /** The last feasible walk's quadratics, for continuing its piece and certifying points near it (sections 9, 11). */
    private final DecayKept kept;

    /** {@link DecayKept#extend}, its work counted; none once the work limit stopped the search. */
    private Optional<Double> extend(double a, double c) {
        if (exhausted) {
            return Optional.empty();
        }
        Optional<Double> e = kept.extend(a, c);
        work += kept.takeWork();
        return e;
    }

    /**
     * The certificate at the base z: first the neighbours' witnesses wa, wc and the latest one, each +- 1, evaluated
     * directly ({@link DecayProbe}), then the last feasible walk's quadratics ({@link DecayKept#point}, section 11),
     * then walks over the distances within 64, 256, ... of a neighbour's witness; when one of them proves a negative
     * value the point is infeasible with the best of them (section 8 of the proof); otherwise one walk over every
     * distance.
     */
    private Point evaluate(double z, long wa, long wc, double a, double c) {
        DoubleInterval[] theta = DecayWalk.thetas(new DoubleInterval(z, z), n);
        DecayWalk walk = DecayWalk.of(theta);
        double p1 = walk.p1();
        double p2 = walk.p2();
        if (latest != 0 || wa != 0 || wc != 0) {
            double[] st = fresh();
            DecayProbe probe = new DecayProbe(theta);
            long probes = 0;
            for (long w : new long[] {wa, wc, latest}) {
                for (long m = Math.max(1, w - WINDOW); w != 0 && m <= Math.min(maxDistance, w + WINDOW); m++) {
                    double[] e = probe.at(m);
                    accumulate(st, m, e[0], e[1], e[2], e[3], p1, p2);
                    probes++;
                }
            }
            work += n * probes;
            if (st[2] != 0) {
                return remember(infeasible(st, theta));
            }
        }
        // a point the last walk's quadratics certify feasible needs no segment walk: those could only fail there
        Optional<double[]> fromKept = kept.point(z, a, c, theta, walk);
        work += kept.takeWork();
        if (fromKept.isPresent()) {
            return new Point(Optional.of(Kind.FEASIBLE), 0, 0, fromKept.get()[0], 0, fromKept.get()[1], 0, theta);
        }
        long near = wa != 0 ? wa : wc;
        for (long half = SMALL; near != 0 && half / GROWTH < Math.max(SMALL, maxDistance / SEGMENT); half *= GROWTH) {
            long first = Math.max(1, near - half);
            long last = Math.min(maxDistance, near + half);
            double[] st = fresh();
            walk.run(first, last, (m, v, e, slope, dErr) -> {
                accumulate(st, m, Math.nextDown(v - e), Math.nextUp(v + e), Math.nextDown(slope - dErr), Math.nextUp(slope + dErr), p1, p2);
                return true;
            });
            work += n * (last - first + 1);
            if (st[2] != 0) {
                return remember(infeasible(st, theta));
            }
        }
        Point p = walk(z, theta, walk);
        return p.kind().equals(Optional.of(Kind.INFEASIBLE)) ? remember(p) : p;
    }

    /** The infeasible point an accumulator with a proven negative distance describes. */
    private static Point infeasible(double[] st, DoubleInterval[] theta) {
        return new Point(Optional.of(Kind.INFEASIBLE), st[1], (long) st[2], st[6], (long) st[7], st[8], (long) st[9], theta);
    }

    /** Records an infeasible point's witness as the latest one. */
    private Point remember(Point p) {
        if (p.witness() != 0) {
            latest = p.witness();
        }
        return p;
    }

    /** One walk at the base z over every distance up to M (or, for an infeasible point, until no wider piece can come). */
    private Point walk(double z, DoubleInterval[] theta, DecayWalk walk) {
        double p1 = walk.p1();
        double p2 = walk.p2();
        double weightSum = walk.weightSum();
        double[] st = fresh();
        boolean keep = kept.enabled();
        kept.clear();
        double box = boxHalfWidth;
        double[] kappa = box > 0 ? walk.boxReach(box) : null;
        double[] boxMin = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY}; // the box bound's and B_m(z)'s minima
        double[] scaledLo = new double[DecayWalk.CHUNK];
        double[] scaledHi = new double[DecayWalk.CHUNK];
        double[] curv = new double[DecayWalk.CHUNK];
        double linear = DecayExtents.linearCoefficient(p1);
        double quadratic = DecayExtents.quadraticCoefficient(p2);
        DecayWalk.ChunkVisitor visitor = (m0, len, lo, hi, slopeLo, slopeHi, boxLo) -> {
            // the slope bounds times m and the curvatures, rounded outward (section 13), in loops that vectorise
            double first = m0; // exact (m < 2^53); an int added to a double vectorises, a long converted does not
            for (int k = 0; k < len; k++) {
                double m = first + k;
                scaledLo[k] = DecayExtents.down(m * slopeLo[k]);
                scaledHi[k] = DecayExtents.up(m * slopeHi[k]);
                curv[k] = DecayExtents.curvatureUp(m, linear, quadratic);
            }
            double low = boxMin[1];
            for (int k = 0; k < len; k++) {
                low = lo[k] < low ? lo[k] : low; // no NaN here: the cheaper minimum
            }
            boxMin[1] = low;
            if (boxLo != null) {
                double b = boxMin[0];
                for (int k = 0; k < len; k++) {
                    b = boxLo[k] < b ? boxLo[k] : b;
                }
                boxMin[0] = b;
            }
            if (keep) {
                kept.record(m0, len, lo, scaledLo, curv);
            }
            for (int k = 0; k < len; k++) {
                long m = m0 + k;
                accumulateScaled(st, m, lo[k], hi[k], scaledLo[k], scaledHi[k], curv[k]);
                // no later distance can give a wider piece: an infeasible point needs only its best witness
                if (st[2] != 0 && optimistic(m, n, weightSum, p2) < Math.min(st[6], st[8])) {
                    return false;
                }
            }
            return true;
        };
        walk.runChunks(maxDistance, kappa, visitor);
        work += (long) n * (long) st[10];
        if (st[2] != 0) {
            boxHalfWidth = 0;
            boxHeld = false;
            return infeasible(st, theta);
        }
        if (st[3] == 0) {
            if (keep) {
                kept.keep(z); // every B_m(z) > 0 proven: the quadratics of all m are certificates from z
            }
            // the box holds when its bound is positive at every m <= M (the walk visited them all): section 10
            boolean boxHolds = kappa != null && (long) st[10] == maxDistance && boxMin[0] > 0;
            double left = boxHolds ? Math.max(st[4], box) : st[4];
            double right = boxHolds ? Math.max(st[5], box) : st[5];
            nextBox(z, box, boxHolds, boxMin[0], boxMin[1], st[5]);
            return new Point(Optional.of(Kind.FEASIBLE), st[0], 0, left, 0, right, 0, theta);
        }
        // a value the recurrence's bound could not sign: one more precise look (rare); the point gets no width
        long m = (long) st[3];
        Enclosure e = DecayCriterion.enclose(new EnclosureArithmetic(192), BinaryRational.ofDouble(z).toRational(), n, m);
        if (e.lo().signum() > 0) {
            return new Point(Optional.of(Kind.FEASIBLE), 0, 0, 0, 0, 0, 0, theta);
        }
        if (e.hi().signum() < 0) {
            return new Point(Optional.of(Kind.INFEASIBLE), 0, m, 0, m, 0, m, theta);
        }
        return new Point(Optional.empty(), 0, 0, 0, 0, 0, 0, theta);
    }

    /** The largest h in [z, c] certified of the point's kind: the better of the two certificates. */
    private Extent rightExtent(double z, Point p, double c) {
        double t = p.right() - 0x1p-50;
        double taylor = t > 0 ? Math.min(c, z * StrictMath.exp(t)) : z;
        double first = taylor >= c || guess(z, p, 1) <= taylor ? z : firstOrderRight(z, p, c);
        return first >= taylor ? new Extent(first, p.witness()) : new Extent(taylor, p.rightWitness());
    }

    private Extent leftExtent(double z, Point p, double a) {
        double t = p.left() - 0x1p-50;
        double taylor = t > 0 ? Math.max(a, z * StrictMath.exp(-t)) : z;
        double first = taylor <= a || guess(z, p, -1) >= taylor ? z : firstOrderLeft(z, p, a);
        return first <= taylor ? new Extent(first, p.witness()) : new Extent(taylor, p.leftWitness());
    }

    /** Where the first-order certificate would end, about (a guess, only to skip trying it when it cannot win). */
    private static double guess(double z, Point p, int side) {
        double s1 = slope(p.theta());
        return s1 > 0 ? z * Math.exp(side * 1.5 * p.ratio() / s1) : side * Double.POSITIVE_INFINITY;
    }

    /** The largest h in [z, c] with Delta(z, h) within the point's ratio (tried at c, then shrinking toward z). */
    private double firstOrderRight(double z, Point p, double c) {
        if (fits(p, p.theta(), thetas(c))) {
            return c;
        }
        double s1 = slope(p.theta());
        double h = s1 > 0 ? Math.min(c, z * Math.exp(p.ratio() / s1)) : c;
        for (int k = 0; k < 12 && h > z; k++) {
            if (fits(p, p.theta(), thetas(h))) {
                return h;
            }
            h = z + (h - z) * 0.75;
        }
        return z;
    }

    private double firstOrderLeft(double z, Point p, double a) {
        if (fits(p, thetas(a), p.theta())) {
            return a;
        }
        double s1 = slope(p.theta());
        double l = s1 > 0 ? Math.max(a, z * Math.exp(-p.ratio() / s1)) : a;
        for (int k = 0; k < 12 && l < z; k++) {
            if (fits(p, thetas(l), p.theta())) {
                return l;
            }
            l = z - (z - l) * 0.75;
        }
        return z;
    }

    private DoubleInterval[] thetas(double b) {
        return DecayWalk.thetas(new DoubleInterval(b, b), n);
    }

    /** Whether Delta between the bases (thetas of the lower base, of the higher base) is within the ratio. */
    private static boolean fits(Point p, DoubleInterval[] lower, DoubleInterval[] higher) {
        double delta = 0;
        for (int i = 1; i < lower.length; i++) {
            delta = Math.nextUp(delta + Math.nextUp(lower[i].hi() - higher[i].lo()));
        }
        return p.kind().get() == Kind.FEASIBLE ? delta <= p.ratio() : delta < p.ratio() * STRICT;
    }

    /** About sum_i (i/n) theta_i, the relative rate of Delta in b: only a guess for where to try first. */
    private static double slope(DoubleInterval[] theta) {
        double s = 0;
        for (int i = 1; i < theta.length; i++) {
            s += (double) i / theta.length * theta[i].hi();
        }
        return s;
    }

    /**
     * The certified piece the walk at z gives inside [a, c]: {kind (1 feasible, -1 infeasible, 0 undecided), lo, hi,
     * left witness, right witness}. For tests of the certificates.
     */
    double[] pieceAround(double z, double a, double c) {
        return pieceAround(z, a, c, 0);
    }

    /**
     * For tests of section 11: the full walk at z0, then the point z of the stretch (a, c) certified from that walk's
     * quadratics and the weak distances alone: {1, lo, hi} (the certified piece inside [a, c]), or {0, z, z} when
     * the walk at z0 does not prove every B_m &gt; 0 or the point is not certified that way.
     */
    double[] keptPieceAround(double z0, double z, double a, double c) {
        DoubleInterval[] theta0 = thetas(z0);
        walk(z0, theta0, DecayWalk.of(theta0));
        if (kept.base() != z0) {
            return new double[] {0, z, z};
        }
        DoubleInterval[] theta = thetas(z);
        Optional<double[]> e = kept.point(z, a, c, theta, DecayWalk.of(theta));
        if (e.isEmpty()) {
            return new double[] {0, z, z};
        }
        Point p = new Point(Optional.of(Kind.FEASIBLE), 0, 0, e.get()[0], 0, e.get()[1], 0, theta);
        return new double[] {1, leftExtent(z, p, a).bound(), rightExtent(z, p, c).bound()};
    }

    /**
     * {@link #pieceAround(double, double, double)} with {@code neighbour} as the witness of an infeasible piece
     * next to z (0: none): the point is then certified by the probes and segment walks around it when they find a
     * negative distance. For tests of those certificates.
     */
    double[] pieceAround(double z, double a, double c, long neighbour) {
        Point p = evaluate(z, neighbour, 0, a, c);
        if (p.kind().isEmpty()) {
            return new double[] {0, z, z, 0, 0};
        }
        Extent l = leftExtent(z, p, a);
        Extent h = rightExtent(z, p, c);
        return new double[] {p.kind().get() == Kind.FEASIBLE ? 1 : -1, l.bound(), h.bound(), l.witness(), h.witness()};
    }
}
