package org.ropebounds.criteria;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.CertifiedDecimal.Direction;
import org.ropebounds.real.DoubleInterval;
import org.ropebounds.real.DoubleIntervalArithmetic;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;

/**
 * The search behind {@link DecayCriterion#minBase}: classifies every base in [1, tail] as feasible or infeasible
 * by certified pieces, leaving only stretches narrower than the resolution unresolved ({@code proofs/decay-bound.md}
 * sections 4 to 6). A walk at a base z (every distance m &lt;= M, {@link DecayWalk}) gives
 * r = min_m (B_m(z) - err)/m when every B_m(z) &gt; 0, or r = max_m (-(B_m(z) + err))/m over the proven negative
 * ones; since |B_m(b) - B_m(z)| &lt;= m sum_i |theta_i(b) - theta_i(z)|, every base b with
 * Delta(z, b) = sum_i |theta_i(b) - theta_i(z)| &lt;= r (strictly, for infeasibility) is of the same kind. The
 * uncovered stretch is split at its (geometric) midpoint, recursively, left first, so a work limit leaves a
 * searched prefix. Above the tail base T(b) &gt;= 0 proves every base feasible. One use; not thread-safe.
 */
final class DecaySweep {
    /** The search never goes above this base (the tail argument is used up to here). */
    static final double SEARCH_CAP = 1e30;
    private static final double STRICT = 1 - 0x1p-20;

    private enum Kind { FEASIBLE, INFEASIBLE }

    private sealed interface Item permits Piece, Gap, Unsearched {
        double lo();

        double hi();
    }

    /** Every base in [lo, hi] is of this kind; witness: a distance with B &lt; 0 on all of it (infeasible). */
    private record Piece(Kind kind, double lo, double hi, long witness) implements Item {
    }

    /** (lo, hi) is unresolved: narrower than the resolution (or a point whose signs could not be decided). */
    private record Gap(double lo, double hi) implements Item {
    }

    /** (lo, hi) was not searched: the work limit was reached. */
    private record Unsearched(double lo, double hi) implements Item {
    }

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
    }

    DecayBaseBounds run(long context) {
        Optional<Double> tail = DecayTail.tailBase(n, maxDistance);
        double end = tail.filter(t -> t <= SEARCH_CAP).orElse(SEARCH_CAP);
        Point one = evaluate(1, 0, 0);
        Extent h = rightExtent(1, one, end);
        items.add(new Piece(one.kind().orElseThrow(), 1, h.bound(), h.witness()));
        if (h.bound() < end) {
            resolve(h.bound(), end, h.witness(), 0, Math.log(h.bound()));
        }
        boolean complete = !exhausted && tail.isPresent() && tail.get() <= SEARCH_CAP;
        if (complete) {
            items.add(new Piece(Kind.FEASIBLE, end, Double.POSITIVE_INFINITY, 0));
        }
        return summarise(context, complete, tail);
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
            if (exhausted) {
                items.add(new Unsearched(a, c));
                return;
            }
            if (work + (long) n * maxDistance > workLimit) {
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
            Point p = evaluate(z, wa, wc);
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
        }
    }

    /** Gaps narrower than this (relative 10^-(digits+2), at least a few ulps) are left unresolved. */
    private double resolution(double a) {
        return Math.max(a * Math.pow(10, -(digits + 2)), 4 * Math.ulp(a));
    }

    /** Largest log-extent the second-order certificate is used for (its remainder constants assume it). */
    private static final double TAU = 0x1p-4;
    /** e^TAU / 2 and e^(2 TAU) / 2, rounded up: the remainder's constants (proofs/decay-bound.md section 5). */
    private static final double R1 = 0.5323;
    private static final double R2 = 0.5666;

    /** How many recent witnesses are tried directly before a walk, and the distances on each side of each. */
    private static final int RECENT = 1;
    private static final int WINDOW = 1;
    /**
     * The segment walks around a neighbour's witness: half-widths SMALL, SMALL * GROWTH, ... while below
     * M / SEGMENT (each a walk over 2 half-widths of distances, section 8).
     */
    private static final long SMALL = 64;
    private static final long GROWTH = 4;
    private static final long SEGMENT = 8;
    /** The witnesses of the latest infeasible points, most recent first (0: empty slot). */
    private final long[] recent = new long[RECENT];

    /**
     * The certificate at the base z: first the recent witnesses and their neighbours, evaluated directly
     * ({@link DecayProbe}); when one of them is proven negative the point is infeasible with the best of them
     * (section 8 of the proof); otherwise one walk over every distance.
     */
    private Point evaluate(double z, long wa, long wc) {
        DoubleInterval[] theta = DecayWalk.thetas(new DoubleInterval(z, z), n);
        DecayWalk walk = DecayWalk.of(theta);
        double p1 = walk.p1();
        double p2 = walk.p2();
        if (recent[0] != 0 || wa != 0 || wc != 0) {
            double[] st = fresh();
            DecayProbe probe = new DecayProbe(theta);
            long probes = 0;
            long[] candidates = new long[RECENT + 2];
            candidates[0] = wa;
            candidates[1] = wc;
            System.arraycopy(recent, 0, candidates, 2, RECENT);
            for (long w : candidates) {
                for (long m = Math.max(1, w - WINDOW); w != 0 && m <= Math.min(maxDistance, w + WINDOW); m++) {
                    double[] e = probe.at(m);
                    accumulate(st, m, e[0], e[1], e[2], e[3], p1, p2);
                    probes++;
                }
            }
            work += n * probes;
            if (st[2] != 0) {
                return remember(new Point(Optional.of(Kind.INFEASIBLE), st[1], (long) st[2], st[6], (long) st[7], st[8], (long) st[9], theta));
            }
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
                return remember(new Point(Optional.of(Kind.INFEASIBLE), st[1], (long) st[2], st[6], (long) st[7], st[8], (long) st[9], theta));
            }
        }
        Point p = walk(z, theta, walk);
        return p.kind().equals(Optional.of(Kind.INFEASIBLE)) ? remember(p) : p;
    }

    /** Puts an infeasible point's witnesses first in {@link #recent}. */
    private Point remember(Point p) {
        for (long w : new long[] {p.rightWitness(), p.leftWitness(), p.witness()}) {
            if (w == 0) {
                continue;
            }
            int at = 0;
            while (at < RECENT - 1 && recent[at] != w) {
                at++;
            }
            System.arraycopy(recent, 0, recent, 1, at);
            recent[0] = w;
        }
        return p;
    }

    /**
     * The accumulator of {@link #accumulate}: 0 feasible ratio, 1 infeasible ratio, 2 its witness, 3 first
     * undecided m, 4 feasible left, 5 feasible right, 6 infeasible left, 7 its witness, 8 infeasible right, 9 its
     * witness, 10 the last m visited.
     */
    private static double[] fresh() {
        return new double[] {Double.POSITIVE_INFINITY, 0, 0, 0, TAU, TAU, 0, 0, 0, 0, 0};
    }

    /**
     * Takes one distance m into the certificates (sections 4 and 5): B_m(z) in [lo, hi], S = sum_i (i/n) theta_i
     * sin(m theta_i) in [slopeLo, slopeHi]. An extent is recomputed only when this m could change it: the
     * concave quadratic q(t) = mu + sigma t - C t^2 (q(0) = mu &gt; 0) has its positive root beyond t* exactly when
     * q(t*) &gt; 0, tested with a margin of 2^-40 of its terms for the minima (a bound that may only shrink).
     */
    private static void accumulate(double[] st, long m, double lo, double hi, double slopeLo, double slopeHi, double p1, double p2) {
        st[10] = m;
        double sLo = Math.nextDown(m * slopeLo);
        double sHi = Math.nextUp(m * slopeHi);
        double curvature = Math.nextUp(Math.nextUp(m * p1 * R1) + Math.nextUp((double) m * m * p2 * R2));
        if (lo > 0) {
            if (!(lo >= st[0] * m * (1 + 0x1p-40))) {
                st[0] = Math.min(st[0], Math.nextDown(lo / m));
            }
            if (!beyond(lo, -sHi, curvature, st[4])) {
                st[4] = Math.min(st[4], Math.min(TAU, root(lo, -sHi, curvature)));
            }
            if (!beyond(lo, sLo, curvature, st[5])) {
                st[5] = Math.min(st[5], Math.min(TAU, root(lo, sLo, curvature)));
            }
        } else if (hi < 0) {
            double r = Math.nextDown(-hi / m);
            if (r > st[1]) {
                st[1] = r;
                st[2] = m;
            }
            if (-hi + sLo * st[6] - curvature * st[6] * st[6] > 0) {
                double left = Math.min(TAU, root(-hi, sLo, curvature));
                if (left > st[6]) {
                    st[6] = left;
                    st[7] = m;
                }
            }
            if (-hi - sHi * st[8] - curvature * st[8] * st[8] > 0) {
                double right = Math.min(TAU, root(-hi, -sHi, curvature));
                if (right > st[8]) {
                    st[8] = right;
                    st[9] = m;
                }
            }
        } else if (st[3] == 0) {
            st[3] = m;
        }
    }

    /** Whether mu + sigma t - c t^2 &gt; 0 at t, with a margin covering the rounding of its evaluation. */
    private static boolean beyond(double mu, double sigma, double c, double t) {
        double a = sigma * t;
        double b = c * t * t;
        return mu + a - b > 0x1p-40 * (mu + Math.abs(a) + b);
    }

    /** One walk at the base z over every distance up to M (or, for an infeasible point, until no wider piece can come). */
    private Point walk(double z, DoubleInterval[] theta, DecayWalk walk) {
        double p1 = walk.p1();
        double p2 = walk.p2();
        double weightSum = walk.weightSum();
        double[] st = fresh();
        walk.run(maxDistance, (m, v, e, slope, dErr) -> {
            accumulate(st, m, Math.nextDown(v - e), Math.nextUp(v + e), Math.nextDown(slope - dErr), Math.nextUp(slope + dErr), p1, p2);
            // no later distance can give a wider piece: an infeasible point needs only its best witness
            return st[2] == 0 || optimistic(m, n, weightSum, p2) >= Math.min(st[6], st[8]);
        });
        work += (long) n * (long) st[10];
        if (st[2] != 0) {
            return new Point(Optional.of(Kind.INFEASIBLE), st[1], (long) st[2], st[6], (long) st[7], st[8], (long) st[9], theta);
        }
        if (st[3] == 0) {
            return new Point(Optional.of(Kind.FEASIBLE), st[0], 0, st[4], 0, st[5], 0, theta);
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

    /**
     * An upper bound on the extent any distance m' &gt;= m can certify: |B| &lt;= n + 1, |slope| &lt;= m' W,
     * curvature &gt;= m'^2 P2 R2, so t &lt;= W/(m' P2 R2) + sqrt((n + 1)/(P2 R2))/m', decreasing in m'.
     */
    private static double optimistic(long m, int n, double weightSum, double p2) {
        double c = p2 * R2 * 0.999;
        return c > 0 ? (weightSum / c + Math.sqrt((n + 1) / c)) / m * 1.001 : Double.POSITIVE_INFINITY;
    }

    /**
     * The largest t &gt;= 0 with mu + sigma t - c t^2 &gt; 0 on [0, t), shrunk by 2^-30 for the roundings: the
     * positive root, in the form without cancellation.
     */
    private static double root(double mu, double sigma, double c) {
        if (!(c > 0)) {
            return sigma >= 0 ? TAU : mu / -sigma * (1 - 0x1p-30);
        }
        double disc = Math.sqrt(sigma * sigma + 4 * mu * c);
        double t = sigma >= 0 ? (sigma + disc) / (2 * c) : 2 * mu / (disc - sigma);
        return t * (1 - 0x1p-30);
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
     * {@link #pieceAround(double, double, double)} with {@code neighbour} as the witness of an infeasible piece
     * next to z (0: none): the point is then certified by the probes and segment walks around it when they find a
     * negative distance. For tests of those certificates.
     */
    double[] pieceAround(double z, double a, double c, long neighbour) {
        Point p = evaluate(z, neighbour, 0);
        if (p.kind().isEmpty()) {
            return new double[] {0, z, z, 0, 0};
        }
        Extent l = leftExtent(z, p, a);
        Extent h = rightExtent(z, p, c);
        return new double[] {p.kind().get() == Kind.FEASIBLE ? 1 : -1, l.bound(), h.bound(), l.witness(), h.witness()};
    }

    // ---- the answer ----

    private DecayBaseBounds summarise(long context, boolean complete, Optional<Double> tail) {
        List<Item> merged = merge(items);
        double searchedTo = merged.stream().filter(i -> i instanceof Unsearched).map(Item::lo).findFirst()
                .orElse(merged.get(merged.size() - 1).hi());
        // first feasible: past the leading run of infeasible pieces, up to the first feasible piece
        int first = -1;
        for (int i = 0; i < merged.size(); i++) {
            if (merged.get(i) instanceof Piece p && p.kind() == Kind.FEASIBLE) {
                first = i;
                break;
            }
            if (merged.get(i) instanceof Unsearched) {
                break;
            }
        }
        if (first < 0) {
            throw new InvalidInputException("no feasible base for context " + context + " (" + criterion.range() + ") at d = "
                    + criterion.headDim() + " was found up to " + show(searchedTo, Direction.DOWNWARD)
                    + " within the work limit of " + workLimit + " mode-steps; accepted: a larger work limit");
        }
        Piece leading = (Piece) merged.get(0);
        double ffLo = leading.hi();
        CertifiedDecimal firstFeasible = decide(ffLo, merged.get(first).lo(), Direction.UPWARD);
        List<FeasibleInterval> intervals = new ArrayList<>();
        // one interval per stretch between consecutive infeasible pieces that holds feasible pieces
        int previous = 0;
        for (int i = 1; i <= merged.size(); i++) {
            boolean boundary = i == merged.size() || merged.get(i) instanceof Unsearched
                    || (merged.get(i) instanceof Piece p && p.kind() == Kind.INFEASIBLE);
            if (boundary) {
                interval(merged, previous, i).ifPresent(intervals::add);
                if (i < merged.size() && merged.get(i) instanceof Unsearched) {
                    break;
                }
                previous = i;
            }
        }
        RobustBound robust = robust(merged, complete, tail, searchedTo);
        Optional<CertifiedDecimal> tailDecimal = tail.map(t -> decide(t, t, Direction.UPWARD));
        return new DecayBaseBounds(context, criterion.range(), criterion.headDim(), firstFeasible, robust, intervals,
                leading.witness(), tailDecimal, work);
    }

    /**
     * The feasible interval between the items {@code from} (an infeasible piece, or the start) and {@code to} (an
     * infeasible piece, an unsearched stretch, or the end), exclusive: the longest run of touching feasible pieces
     * there is printed, each end decided from the enclosure reaching to the infeasible neighbour (the true end of
     * the feasible interval holding the run lies in it). Empty when the stretch holds no feasible piece, or the run
     * is narrower than 17 digits can show.
     */
    private Optional<FeasibleInterval> interval(List<Item> merged, int from, int to) {
        double runLo = 0;
        double runHi = -1;
        for (int i = from + 1; i < to; i++) {
            if (merged.get(i) instanceof Piece p && p.kind() == Kind.FEASIBLE && p.hi() - p.lo() > runHi - runLo) {
                runLo = p.lo();
                runHi = p.hi();
            }
        }
        if (runHi < runLo) {
            return Optional.empty();
        }
        boolean loEnd = merged.get(from) instanceof Piece q && q.kind() == Kind.INFEASIBLE;
        double loOuter = loEnd ? merged.get(from).hi() : runLo;
        boolean unbounded = runHi == Double.POSITIVE_INFINITY;
        boolean hiEnd = to < merged.size() && merged.get(to) instanceof Piece q && q.kind() == Kind.INFEASIBLE;
        double hiOuter = hiEnd ? merged.get(to).lo() : runHi;
        for (int k = digits; k <= 17; k++) {
            CertifiedDecimal lo = best(loOuter, runLo, Direction.UPWARD, k);
            Optional<CertifiedDecimal> hi = unbounded ? Optional.empty() : Optional.of(best(runHi, hiOuter, Direction.DOWNWARD, k));
            if (!lo.isDecided() || (hi.isPresent() && !hi.get().isDecided())) {
                continue;
            }
            // the printed ends must lie inside the certified run
            java.math.BigDecimal l = lo.toBigDecimal().get();
            boolean inside = l.compareTo(new java.math.BigDecimal(runLo)) >= 0 && (hi.isEmpty()
                    || (hi.get().toBigDecimal().get().compareTo(new java.math.BigDecimal(runHi)) <= 0 && l.compareTo(hi.get().toBigDecimal().get()) <= 0));
            if (inside) {
                return Optional.of(new FeasibleInterval(lo, hi, loEnd && lo.complete(), hiEnd && hi.get().complete()));
            }
        }
        return Optional.empty();
    }

    private RobustBound robust(List<Item> merged, boolean complete, Optional<Double> tail, double searchedTo) {
        int lastInfeasible = -1;
        for (int i = 0; i < merged.size(); i++) {
            if (merged.get(i) instanceof Piece p && p.kind() == Kind.INFEASIBLE) {
                lastInfeasible = i;
            }
        }
        double lo = merged.get(lastInfeasible).hi();
        if (complete) {
            // the supremum is at most the start of the feasible run that reaches infinity
            int j = merged.size() - 1;
            return new RobustBound.Proven(decide(lo, merged.get(j).lo(), Direction.UPWARD));
        }
        return new RobustBound.Searched(decide(lo, lo, Direction.DOWNWARD), tail.map(t -> decide(t, t, Direction.UPWARD)),
                decide(searchedTo, searchedTo, Direction.DOWNWARD));
    }

    /** Adjacent pieces of one kind joined; everything else kept in order. */
    private static List<Item> merge(List<Item> items) {
        List<Item> out = new ArrayList<>();
        for (Item it : items) {
            if (!out.isEmpty() && it instanceof Piece p && out.get(out.size() - 1) instanceof Piece q && q.kind() == p.kind() && q.hi() >= p.lo()) {
                long witness = p.kind() == Kind.INFEASIBLE ? p.witness() : 0;
                out.set(out.size() - 1, new Piece(p.kind(), q.lo(), Math.max(q.hi(), p.hi()), witness));
            } else if (!out.isEmpty() && it instanceof Unsearched u && out.get(out.size() - 1) instanceof Unsearched v) {
                out.set(out.size() - 1, new Unsearched(v.lo(), u.hi()));
            } else {
                out.add(it);
            }
        }
        return out;
    }

    private CertifiedDecimal decide(double lo, double hi, Direction d) {
        return best(lo, hi, d, digits);
    }

    private static CertifiedDecimal best(double lo, double hi, Direction d, int k) {
        return CertifiedDecimal.best(Enclosure.of(exact(lo), exact(hi)), k, d);
    }

    private String show(double x, Direction d) {
        return decide(x, x, d).text();
    }

    private static Rational exact(double x) {
        return BinaryRational.ofDouble(x).toRational();
    }
}
