package org.ropebounds.rope;

import java.math.BigInteger;
import java.util.Optional;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Enclosure;

/**
 * The first position whose phase error exceeds delta, found from the structure of the product's
 * rounding while positions are exact (p <= 2^q): no position is visited unless it is a candidate.
 *
 * <p>In a region of constant quantum U (a binade of p f), RN(p f) = p f + U (1/2 - z/2^s) with
 * r = f/U = m/2^s and z = (p m + 2^(s-1)) mod 2^s (at ties, z = 0, nearest-even may give -U/2 instead).
 * The error is e(p) = p (f - theta) + U (1/2 - z/2^s), so e > delta needs z below a threshold and
 * e < -delta needs z above one; both thresholds move with the drift p (f - theta). Over a chunk of
 * positions where the drift moves by at most U/1024, the thresholds are widened to cover the chunk,
 * the first z in range is found by {@link Congruence}, and every candidate is checked exactly.
 * Derivation: proofs/collision-horizons.md, section 4.
 */
final class PhaseErrorSearch {
    /** Chunks examined per mode before the search stops and reports how far it got. */
    static final int CHUNK_BUDGET = 4096;
    /** Candidates checked exactly per mode before the search stops. */
    static final int CANDIDATE_BUDGET = 16384;

    /**
     * The outcome: the first failing position if found; otherwise {@code searchedTo}, the last position the
     * search covered ({@code to} when it covered everything, so that no failure exists up to there).
     */
    record Result(Optional<Long> first, long searchedTo) {
    }

    private PhaseErrorSearch() {
    }

    /**
     * The first p in [from, to] with |phase_i(p) - p theta_i| > delta, or empty; requires every position
     * up to {@code to} to be exact in the position and phase formats.
     */
    static Optional<Long> firstExceeding(RopeEmulator rope, int i, Enclosure theta, long from, long to, Rational delta) {
        Result r = search(rope, i, theta, from, to, delta);
        if (r.first().isEmpty() && r.searchedTo() < to) {
            throw new IllegalStateException("search budget exhausted at " + r.searchedTo());
        }
        return r.first();
    }

    /** {@link #firstExceeding} within a budget of {@value #CHUNK_BUDGET} chunks. */
    static Result search(RopeEmulator rope, int i, Enclosure theta, long from, long to, Rational delta) {
        FloatValue fv = rope.invFreqInPhase(i);
        if (!fv.isFinite() || fv.isZero() || from > to) {
            return new Result(Optional.empty(), from - 1); // handled by the caller's windows
        }
        int[] budget = {CHUNK_BUDGET, CANDIDATE_BUDGET};
        Format ph = rope.pipeline().phase();
        BinaryRational f = fv.value();
        Rational fr = f.toRational();
        Rational driftLo = fr.subtract(theta.hi()); // f - theta lies in [driftLo, driftHi]
        Rational driftHi = fr.subtract(theta.lo());
        PhaseScan.SplitTheta split = PhaseScan.split(rope, i, theta);
        long p = Math.max(from, 1);
        if (from == 0 && exceeds(rope, i, split, 0, delta)) {
            return new Result(Optional.of(0L), 0);
        }
        while (p <= to) {
            // the region of x = p f: its binade (or the subnormal range) and quantum
            BinaryRational x = f.multiply(BinaryRational.of(p));
            int k = Math.max(x.floorLog2(), ph.emin() - 1);
            boolean subnormal = k < ph.emin();
            BinaryRational hiEdge = BinaryRational.powerOfTwo(subnormal ? ph.emin() : k + 1);
            long regionEnd = Math.min(to, ceilDiv(hiEdge, f) - 1);
            if (k > ph.emax()) {
                return new Result(Optional.of(p), p); // overflow to infinity: an unbounded error
            }
            BinaryRational quantum = BinaryRational.powerOfTwo((subnormal ? ph.emin() : k) - ph.precision() + 1L);
            long[] reached = {p - 1};
            Optional<Long> found = inRegion(rope, i, split, f, quantum, driftLo, driftHi, p, regionEnd, delta, budget, reached);
            if (found.isPresent()) {
                return new Result(found, found.get());
            }
            if (reached[0] < regionEnd) {
                return new Result(Optional.empty(), reached[0]); // out of budget
            }
            p = regionEnd + 1;
        }
        return new Result(Optional.empty(), to);
    }

    private static Optional<Long> inRegion(RopeEmulator rope, int i, PhaseScan.SplitTheta split, BinaryRational f,
                                           BinaryRational quantum, Rational driftLo, Rational driftHi, long pa, long pb,
                                           Rational delta, int[] budget, long[] reached) {
        Rational u = quantum.toRational();
        BinaryRational r = f.multiply(BinaryRational.powerOfTwo(-quantum.exponent()));
        int s = Math.max(0, -r.exponent());
        BigInteger m = s == 0 ? r.toBigInteger() : r.significand();
        BigInteger modulus = BigInteger.ONE.shiftLeft(s);
        BigInteger half = s == 0 ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(s - 1);
        Rational scale = Rational.of(modulus, BigInteger.ONE).divide(u); // 2^s / U
        Rational maxDrift = driftLo.abs().max(driftHi.abs());
        // the whole region is safe when even the largest drift plus half a quantum stays within delta
        if (maxDrift.multiply(Rational.of(pb)).add(u.multiply(Rational.of(BigInteger.ONE, BigInteger.TWO))).compareTo(delta) <= 0) {
            reached[0] = pb;
            return Optional.empty();
        }
        // chunks in which the drift moves by at most U/1024, and short enough (about sqrt(U/drift)) that
        // false candidates stay few
        long chunk = pb - pa + 1;
        if (!maxDrift.isZero()) {
            Rational ratio = u.divide(maxDrift);
            long byDrift = ratio.divide(Rational.of(1024)).floor().min(BigInteger.valueOf(chunk)).longValueExact();
            long bySqrt = ratio.floor().min(BigInteger.ONE.shiftLeft(120)).sqrt().multiply(BigInteger.valueOf(32))
                    .min(BigInteger.valueOf(chunk)).longValueExact();
            chunk = Math.max(1, Math.min(byDrift, bySqrt));
        }
        ZBounds zBounds = new ZBounds(half, scale, driftLo, driftHi, delta);
        for (long c0 = pa; c0 <= pb; c0 += chunk) {
            if (budget[0]-- <= 0) {
                return Optional.empty();
            }
            long c1 = Math.min(pb, c0 + chunk - 1);
            // the drift p (f - theta) over the chunk lies in [dLo, dHi], dLo = driftLo cLo and dHi = driftHi cHi
            long cLo = driftLo.signum() >= 0 ? c0 : c1;
            long cHi = driftHi.signum() >= 0 ? c1 : c0;
            ChunkBounds bounds = s == 0
                    ? new ChunkBounds.Exact(driftLo.multiply(Rational.of(cLo)), driftHi.multiply(Rational.of(cHi)))
                    : new ChunkBounds.Residues(zBounds.posMax(cHi), zBounds.negMin(cLo));
            long next = c0;
            while (next <= c1) {
                Optional<Long> candidate = firstCandidate(m, half, modulus, bounds, delta, next, c1);
                if (candidate.isEmpty()) {
                    break;
                }
                long p = candidate.get();
                if (budget[1]-- <= 0) {
                    return Optional.empty(); // out of candidate checks: the caller reports how far the search got
                }
                if (exceeds(rope, i, split, p, delta)) {
                    return Optional.of(p);
                }
                next = p + 1;
            }
            reached[0] = c1;
        }
        return Optional.empty();
    }

    /**
     * A region's bounds on the residue z of a chunk whose drift p (f - theta) lies in [driftLo cLo, driftHi cHi] (s &gt; 0):
     * posMax(cHi) = floor(2^s/2 + (driftHi cHi - delta) 2^s/U) and negMin(cLo) = ceil(2^s/2 + (driftLo cLo + delta) 2^s/U),
     * the values {@link #firstCandidate} compared z with (proofs/collision-horizons.md, section 4). Since
     * 2^s/2 + (driftHi c - delta) scale = (2^s/2 - delta scale) + c (driftHi scale), with scale = 2^s/U, each is
     * A + c B for two rationals A and B of the region: (A.n B.d + c B.n A.d) / (A.d B.d), one integer division per chunk
     * (the same value, so the same floor and ceiling) instead of the chunk's four normalised rational operations.
     */
    static final class ZBounds {
        private final BigInteger posConstant;
        private final BigInteger posSlope;
        private final BigInteger posDenominator;
        private final BigInteger negConstant;
        private final BigInteger negSlope;
        private final BigInteger negDenominator;

        /** For half = 2^(s-1), scale = 2^s/U, the drift's enclosure [driftLo, driftHi] and delta. */
        ZBounds(BigInteger half, Rational scale, Rational driftLo, Rational driftHi, Rational delta) {
            Rational halfR = Rational.of(half, BigInteger.ONE);
            Rational deltaScaled = delta.multiply(scale);
            Rational posA = halfR.subtract(deltaScaled);
            Rational posB = driftHi.multiply(scale);
            posConstant = posA.numerator().multiply(posB.denominator());
            posSlope = posB.numerator().multiply(posA.denominator());
            posDenominator = posA.denominator().multiply(posB.denominator());
            Rational negA = halfR.add(deltaScaled);
            Rational negB = driftLo.multiply(scale);
            negConstant = negA.numerator().multiply(negB.denominator());
            negSlope = negB.numerator().multiply(negA.denominator());
            negDenominator = negA.denominator().multiply(negB.denominator());
        }

        /** floor(2^s/2 + (driftHi c - delta) 2^s/U). */
        BigInteger posMax(long c) {
            BigInteger[] qr = posConstant.add(posSlope.multiply(BigInteger.valueOf(c))).divideAndRemainder(posDenominator);
            return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        }

        /** ceil(2^s/2 + (driftLo c + delta) 2^s/U). */
        BigInteger negMin(long c) {
            BigInteger[] qr = negConstant.add(negSlope.multiply(BigInteger.valueOf(c))).divideAndRemainder(negDenominator);
            return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        }
    }

    /** What a chunk's candidates are tested against: the drift's ends while products are exact (s = 0), else z's bounds. */
    private sealed interface ChunkBounds {
        /** s = 0: the chunk's drift lies in [dLo, dHi]. */
        record Exact(Rational dLo, Rational dHi) implements ChunkBounds {
        }

        /** s &gt; 0: z &lt;= posMax or z &gt;= negMin can make |e| &gt; delta ({@link ZBounds}). */
        record Residues(BigInteger posMax, BigInteger negMin) implements ChunkBounds {
        }
    }

    /**
     * The first p in [from, to] whose z could make |e| > delta with a drift in [dLo, dHi]:
     * z <= 2^s (1/2 + (dHi - delta)/U) (positive side) or z >= 2^s (1/2 + (dLo + delta)/U) (negative side).
     */
    private static Optional<Long> firstCandidate(BigInteger m, BigInteger half, BigInteger modulus, ChunkBounds bounds,
                                                 Rational delta, long from, long to) {
        if (bounds instanceof ChunkBounds.Exact exact) {
            Rational dLo = exact.dLo();
            Rational dHi = exact.dHi();
            // p f is a multiple of U: no rounding, e = p (f - theta), and |e| > delta needs p > delta / |drift|
            boolean possible = dHi.compareTo(delta) > 0 || dLo.compareTo(delta.negate()) < 0;
            if (!possible) {
                return Optional.empty();
            }
            Rational slope = Rational.of(to).compareTo(Rational.ZERO) > 0
                    ? dLo.abs().max(dHi.abs()).divide(Rational.of(Math.max(1, to))) : Rational.ONE;
            long first = slope.isZero() ? from : Math.max(from, delta.divide(slope).floor().min(BigInteger.valueOf(to)).longValueExact());
            return first <= to ? Optional.of(first) : Optional.empty();
        }
        ChunkBounds.Residues z = (ChunkBounds.Residues) bounds;
        // positive side: z <= floor(2^s/2 + (dHi - delta) 2^s / U), z in [0, 2^s)
        BigInteger posMax = z.posMax();
        // negative side: z >= ceil(2^s/2 + (dLo + delta) 2^s / U)
        BigInteger negMin = z.negMin();
        long best = Long.MAX_VALUE;
        BigInteger offset = BigInteger.valueOf(from).multiply(m).add(half); // z at p = from, before the mod
        BigInteger last = modulus.subtract(BigInteger.ONE);
        if (posMax.signum() >= 0) {
            Optional<BigInteger> x = Congruence.first(m, offset, modulus, posMax.min(last));
            if (x.isPresent()) {
                best = Math.min(best, from + x.get().min(BigInteger.valueOf(Long.MAX_VALUE / 2)).longValue());
            }
        }
        if (negMin.compareTo(modulus) <= 0) {
            BigInteger lower = negMin.max(BigInteger.ONE);
            // z in [lower, 2^s - 1], or z = 0 (a tie, where nearest-even may give -U/2): (z - lower) mod 2^s <= 2^s - lower
            Optional<BigInteger> x = Congruence.first(m, offset.subtract(lower), modulus, modulus.subtract(lower).min(last));
            if (x.isPresent()) {
                best = Math.min(best, from + x.get().min(BigInteger.valueOf(Long.MAX_VALUE / 2)).longValue());
            }
        }
        return best <= to ? Optional.of(best) : Optional.empty();
    }

    private static boolean exceeds(RopeEmulator rope, int i, PhaseScan.SplitTheta split, long p, Rational delta) {
        double phase = rope.phaseValue(i, rope.positionInPhaseValue(p));
        if (!Double.isFinite(phase)) {
            return true;
        }
        double[] err = split.error(phase, p);
        double deltaValue = split.deltaUp(delta);
        double deltaDown = split.deltaDown(delta);
        if (err[0] > deltaValue) {
            return true;
        }
        if (err[1] <= deltaDown) {
            return false;
        }
        return PhaseScan.exceedsExactly(rope, i, p, delta);
    }

    private static long ceilDiv(BinaryRational x, BinaryRational f) {
        return CollisionHorizons.ceilDiv(x, f);
    }
}
