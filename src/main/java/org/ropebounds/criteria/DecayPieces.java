package org.ropebounds.criteria;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.CertifiedDecimal.Direction;
import org.ropebounds.real.Enclosure;

/**
 * What {@link DecaySweep} classifies bases into (certified pieces, unresolved gaps, unsearched stretches), and the
 * answer it gives from them ({@code proofs/decay-bound.md} section 6). Immutable.
 */
final class DecayPieces {
    enum Kind { FEASIBLE, INFEASIBLE }

    sealed interface Item permits Piece, Gap, Unsearched {
        double lo();

        double hi();
    }

    /** Every base in [lo, hi] is of this kind; witness: a distance with B &lt; 0 on all of it (infeasible). */
    record Piece(Kind kind, double lo, double hi, long witness) implements Item {
    }

    /** (lo, hi) is unresolved: narrower than the resolution (or a point whose signs could not be decided). */
    record Gap(double lo, double hi) implements Item {
    }

    /** (lo, hi) was not searched: the work limit was reached. */
    record Unsearched(double lo, double hi) implements Item {
    }

    private final DecayCriterion criterion;
    private final int digits;
    private final long workLimit;

    DecayPieces(DecayCriterion criterion, int digits, long workLimit) {
        this.criterion = criterion;
        this.digits = digits;
        this.workLimit = workLimit;
    }

    /**
     * The answer from the classified items, in increasing order of base (sections 6 and 7 of the proof): the first
     * feasible base, the feasible intervals and the robust bound, each decided to the digits asked in its safe
     * direction.
     *
     * @throws InvalidInputException when no feasible piece precedes the first unsearched stretch
     */
    DecayBaseBounds summarise(List<Item> items, long context, boolean complete, Optional<Double> tail,
            Optional<DecayCeiling.Result> ceiling, long work) {
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
        RobustBound robust = robust(merged, complete, tail, ceiling, searchedTo);
        Optional<CertifiedDecimal> tailDecimal = tail.map(t -> decide(t, t, Direction.UPWARD));
        Optional<CertifiedDecimal> upTo = complete ? Optional.empty() : Optional.of(decide(searchedTo, searchedTo, Direction.DOWNWARD));
        return new DecayBaseBounds(context, criterion.range(), criterion.headDim(), firstFeasible, robust, intervals,
                leading.witness(), tailDecimal, upTo, work);
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

    /**
     * The robust bound: from the search from above when there is one (section 14: an infeasible base and the base
     * from which every base is feasible enclose the supremum), sharpened by the last infeasible piece of a complete
     * sweep; from the sweep and the tail argument otherwise.
     */
    private RobustBound robust(List<Item> merged, boolean complete, Optional<Double> tail, Optional<DecayCeiling.Result> ceiling,
            double searchedTo) {
        int lastInfeasible = -1;
        for (int i = 0; i < merged.size(); i++) {
            if (merged.get(i) instanceof Piece p && p.kind() == Kind.INFEASIBLE) {
                lastInfeasible = i;
            }
        }
        double lo = merged.get(lastInfeasible).hi();
        if (ceiling.isPresent()) {
            // both are infeasible bases: the supremum is at least the larger
            double hi = ceiling.get().feasibleFrom();
            return new RobustBound.Proven(decide(Math.min(hi, Math.max(lo, ceiling.get().infeasible())), hi, Direction.UPWARD));
        }
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
