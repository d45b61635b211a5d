package org.ropebounds.rope;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Format;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.OverflowPolicy;
import org.ropebounds.format.RoundingMode;

/**
 * Where positions and phases stop being distinct, computed from the structure of the formats (binade by
 * binade, with exact rationals) rather than by visiting positions, so any context up to 2^62 answers at
 * once. Derivations: proofs/collision-horizons.md.
 *
 * <p>Convention (the one of {@link Horizon}): a horizon is the first position that fails, i.e. the first p
 * that is not distinguishable from p - 1 (or, for the position horizon, not representable). A collision
 * of the pair (p - 1, p) is therefore reported at p, its second position.
 */
public final class CollisionHorizons {
    private CollisionHorizons() {
    }

    /**
     * The first position p >= 1 whose value entering the phase product equals that of p - 1: positions
     * 0..2^q are exact (2^q the smaller of the position and phase formats' largest contiguous integers),
     * and 2^q + 1 rounds to 2^q (a tie, to the even significand), so the answer is 2^q + 1 (saturating at
     * {@code Long.MAX_VALUE}).
     */
    public static long positionCollision(Pipeline pipeline) {
        return lastExactPosition(pipeline) + 1;
    }

    /** 2^q: the last position before the first collision of positions (saturating below {@code Long.MAX_VALUE}). */
    static long lastExactPosition(Pipeline pipeline) {
        BigInteger q = pipeline.position().maxContiguousInteger().min(pipeline.phase().maxContiguousInteger());
        return q.min(BigInteger.valueOf(Long.MAX_VALUE - 1)).longValueExact();
    }

    /** The first integer position the position format cannot hold: 2^p + 1 for a format of precision p. */
    public static long positionHorizon(Format position) {
        return position.maxContiguousInteger().add(BigInteger.ONE).min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }

    /**
     * The first position p in 1 .. context-1 with phase_i(p) == phase_i(p - 1) as the pipeline computes
     * them; empty when there is none. Positions are exact up to 2^q ({@link #positionCollision}), where
     * the first pair of equal positions makes every phase collide; below it, only the phase's own
     * rounding can.
     *
     * @param i a mode of {@code rope}
     * @param context L >= 1
     */
    public static OptionalLong modeCollision(RopeEmulator rope, int i, long context) {
        OptionalLong firstOfPair = firstCollidingPair(rope, i, context);
        return firstOfPair.isPresent() ? OptionalLong.of(firstOfPair.getAsLong() + 1) : firstOfPair;
    }

    /** The first p with phase_i(p) == phase_i(p + 1) among the pairs within 0 .. context-1 (the pair's first position). */
    private static OptionalLong firstCollidingPair(RopeEmulator rope, int i, long context) {
        long positionPair = lastExactPosition(rope.pipeline());
        long best = positionPair <= context - 2 ? positionPair : Long.MAX_VALUE;
        FloatValue f = rope.invFreqInPhase(i);
        if (!f.isFinite() || f.isZero()) {
            best = context >= 2 ? 0 : Long.MAX_VALUE; // every phase is 0, infinite or NaN
        } else {
            long exactPositions = Math.min(positionPair, context - 1) + 1; // positions 0 .. min(2^q, L-1)
            Optional<Long> rounding = firstRoundingCollision(f.value().abs(), rope.pipeline().phase(), exactPositions);
            if (rounding.isPresent()) {
                best = Math.min(best, rounding.get());
            }
        }
        return best == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(best);
    }

    /**
     * The first p in [1, bound) (positions exact) with RN(p f) == RN((p + 1) f) in format {@code ph}, for
     * f > 0 a value of ph. Region by region (the subnormal range, then each binade of p f), RN(x) = U
     * rne(x / U) with the region's quantum U; with r = f / U = m / 2^s, RN(p f) = RN((p+1) f) exactly
     * when rne(p r) = rne(p r + r), which away from ties means (p m + 2^(s-1)) mod 2^s < 2^s - m: a
     * congruence {@link Congruence} solves. Ties and the pair straddling two regions are checked exactly.
     */
    static Optional<Long> firstRoundingCollision(BinaryRational f, Format ph, long bound) {
        if (bound <= 1) {
            return Optional.empty();
        }
        // p = 0 gives 0 and p = 1 gives f (exact): distinct. Regions of x = p f, in increasing order.
        long lastP = bound - 1; // positions are 0 .. bound - 1; a pair (p, p + 1) needs p <= bound - 2
        int emin = ph.emin();
        int precision = ph.precision();
        int firstBinade = Math.max(f.floorLog2(), emin - 1); // emin - 1 stands for the subnormal range
        BinaryRational top = f.multiply(BinaryRational.of(lastP));
        int lastBinade = Math.max(firstBinade, Math.min(top.floorLog2(), ph.emax()));
        Optional<Long> overflow = firstInfinitePair(f, ph, lastP);
        double fd = exactDouble(f);
        for (int k = firstBinade; k <= lastBinade; k++) {
            boolean subnormal = k < emin;
            BinaryRational lo = subnormal ? BinaryRational.ZERO : BinaryRational.powerOfTwo(k);
            BinaryRational hi = BinaryRational.powerOfTwo(subnormal ? emin : k + 1);
            long pa = Math.max(1, ceilDiv(lo, f));
            long pb = Math.min(lastP, ceilDiv(hi, f) - 1); // last p with p f < hi
            if (pa > pb) {
                continue;
            }
            BinaryRational quantum = BinaryRational.powerOfTwo((subnormal ? emin : k) - precision + 1L);
            Optional<Long> inside = firstInsideRegion(f, fd, quantum, pa, pb, ph);
            if (inside.isPresent()) {
                return overflow.isPresent() && overflow.get() < inside.get() ? overflow : inside;
            }
            // the pair (pb, pb + 1) straddling into the next region, when pb + 1 is still a position
            if (pb + 1 <= lastP && collides(f, fd, pb, ph)) {
                return overflow.isPresent() && overflow.get() < pb ? overflow : Optional.of(pb);
            }
        }
        return overflow;
    }

    /** The first p <= lastP - 1 whose product rounds to infinity (or NaN) in ph: p and p + 1 then agree. */
    private static Optional<Long> firstInfinitePair(BinaryRational f, Format ph, long lastP) {
        // RN(x) overflows from max + ulp(max)/2 on (ties go to the even 2^(emax+1)) in IEEE formats; in any
        // case the least p with a non-finite RN(p f) is found by one division and checked exactly
        BinaryRational threshold = ph.maxFinite().add(ph.ulp(ph.maxFinite()).scaleByPowerOfTwo(-1));
        long p = Math.max(1, ceilDiv(threshold, f) - 1);
        while (p <= lastP - 1 && ph.round(f.multiply(BinaryRational.of(p)), RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).value().isFinite()) {
            p++;
        }
        return p <= lastP - 1 ? Optional.of(p) : Optional.empty();
    }

    /** The first p in [pa, pb - 1] with rne(p r) == rne((p + 1) r), r = f / quantum. */
    private static Optional<Long> firstInsideRegion(BinaryRational f, double fd, BinaryRational quantum, long pa, long pb, Format ph) {
        if (pb - pa < 1) {
            return Optional.empty();
        }
        BinaryRational r = f.multiply(BinaryRational.powerOfTwo(-quantum.exponent()));
        if (r.compareTo(BinaryRational.ONE) >= 0) {
            // consecutive exact values are at least one quantum apart; equal only if r = 1 and a tie pair
            // rounds both ways to one even value: p r integral when r = 1, so never
            return Optional.empty();
        }
        int s = -r.exponent(); // r = m / 2^s, m odd, s >= 1
        BigInteger m = r.significand();
        BigInteger modulus = BigInteger.ONE.shiftLeft(s);
        BigInteger half = BigInteger.ONE.shiftLeft(s - 1);
        BigInteger threshold = modulus.subtract(m).subtract(BigInteger.ONE);
        long best = Long.MAX_VALUE;
        // candidates from the no-tie criterion; a tie can make one of them false: skip those
        long from = pa;
        for (int guard = 0; guard < 64 && from <= pb - 1; guard++) {
            BigInteger offset = BigInteger.valueOf(from).multiply(m).add(half);
            Optional<BigInteger> x = Congruence.first(m, offset, modulus, threshold);
            if (x.isEmpty()) {
                break;
            }
            BigInteger p = BigInteger.valueOf(from).add(x.get());
            if (p.compareTo(BigInteger.valueOf(pb - 1)) > 0) {
                break;
            }
            if (collides(f, fd, p.longValueExact(), ph)) {
                best = p.longValueExact();
                break;
            }
            from = p.longValueExact() + 1;
        }
        // ties the criterion misjudges: p m = 2^(s-1) or (p + 1) m = 2^(s-1) (mod 2^s); the rounded
        // quotient's parity alternates every 2^s positions, so two occurrences of each class suffice
        BigInteger inverse = m.modInverse(modulus);
        for (BigInteger target : new BigInteger[] {half, half.subtract(m)}) {
            BigInteger residue = target.multiply(inverse).mod(modulus);
            BigInteger first = BigInteger.valueOf(pa).add(residue.subtract(BigInteger.valueOf(pa)).mod(modulus));
            for (int k = 0; k < 2; k++) {
                BigInteger p = first.add(modulus.multiply(BigInteger.valueOf(k)));
                if (p.compareTo(BigInteger.valueOf(Math.min(pb - 1, best - 1))) > 0) {
                    break;
                }
                if (collides(f, fd, p.longValueExact(), ph)) {
                    best = Math.min(best, p.longValueExact());
                }
            }
        }
        return best == Long.MAX_VALUE ? Optional.empty() : Optional.of(best);
    }

    /** Whether RN(p f) == RN((p + 1) f) in ph, exactly. */
    static boolean collides(BinaryRational f, long p, Format ph) {
        return collides(f, exactDouble(f), p, ph);
    }

    /**
     * {@link #collides(BinaryRational, long, Format)} given {@code fd}, f as a double ({@link #exactDouble}; NaN when f is
     * none). In doubles when ph is fp64, or both products are exact doubles and both results finite
     * (proofs/collision-horizons.md, section 2, "In doubles"); by exact rational rounding otherwise.
     */
    static boolean collides(BinaryRational f, double fd, long p, Format ph) {
        if (fd > 0 && p >= 1 && p < (1L << 53) - 1 && ph.valuesAreDoubles()) {
            double a = p * fd; // RN_64(p f), +infinity on overflow: p and p + 1 are doubles
            double b = (p + 1) * fd;
            if (ph.equals(Format.FP64)) {
                return a == b;
            }
            if (Math.fma(p, fd, -a) == 0 && Math.fma(p + 1, fd, -b) == 0) { // both exact (an infinite one is not)
                double ra = ph.roundNearestToDouble(a);
                double rb = ph.roundNearestToDouble(b);
                if (Double.isFinite(ra) && Double.isFinite(rb)) {
                    return ra == rb;
                }
            }
        }
        return collidesExactly(f, p, ph);
    }

    /** f as a double when it is one exactly, else NaN. */
    static double exactDouble(BinaryRational f) {
        if (f.significand().bitLength() > 53) {
            return Double.NaN;
        }
        double d = Math.scalb((double) f.significand().longValueExact(), f.exponent());
        return Double.isFinite(d) && BinaryRational.ofDouble(d).equals(f) ? d : Double.NaN;
    }

    /** {@link #collides(BinaryRational, long, Format)} by exact rational rounding alone. */
    static boolean collidesExactly(BinaryRational f, long p, Format ph) {
        FloatValue a = ph.round(f.multiply(BinaryRational.of(p)), RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).value();
        FloatValue b = ph.round(f.multiply(BinaryRational.of(p + 1)), RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).value();
        return a.equals(b);
    }

    /** ceil(x / f) for positive binary rationals, as a long (saturating at Long.MAX_VALUE / 2). */
    static long ceilDiv(BinaryRational x, BinaryRational f) {
        // x / f = (a / b) 2^k with a, b the odd significands: shift the one side, one integer division, no gcd
        BigInteger a = x.significand();
        BigInteger b = f.significand();
        if (a.signum() == 0) {
            return 0;
        }
        long k = (long) x.exponent() - f.exponent();
        int aBits = a.bitLength();
        int bBits = b.bitLength();
        if (aBits <= 62 && bBits <= 62 && (k >= 0 ? aBits + k <= 62 : bBits - k <= 62)) {
            // both sides of the division below 2^62 after the shift: the same quotient in longs (the horizons call this
            // twice per binade of every mode, and the BigInteger division was most of their scan's cost)
            long al = a.longValue() << Math.max(0, k);
            long bl = b.longValue() << Math.max(0, -k);
            long q = al / bl;
            return Math.min(al % bl == 0 ? q : q + 1, Long.MAX_VALUE / 2);
        }
        if (k > 0) {
            if (a.bitLength() + k - b.bitLength() > 64) {
                return Long.MAX_VALUE / 2; // the quotient exceeds 2^63 > the saturation point
            }
            a = a.shiftLeft((int) k);
        } else if (k < 0) {
            b = b.shiftLeft(Math.toIntExact(-k));
        }
        BigInteger[] qr = a.divideAndRemainder(b);
        BigInteger c = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
        return c.min(BigInteger.valueOf(Long.MAX_VALUE / 2)).longValue();
    }
}
