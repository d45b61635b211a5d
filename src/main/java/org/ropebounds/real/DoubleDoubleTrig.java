package org.ropebounds.real;

import java.util.Optional;

/**
 * cos and sin of a double-double argument in double-double arithmetic, with an error bound tracked at
 * run time: every rounded operation adds the ulp of its result (at least twice its error) to the
 * bound, and operations that are exact (TwoSum, TwoProduct through fma) add nothing. Enough
 * to decide most correct roundings to fp64, where {@code Math.cos}'s 1-ulp guarantee cannot.
 * {@code proofs/crosscheck-filter.md} section 6 gives the argument. Stateless; thread-safe.
 */
public final class DoubleDoubleTrig {
    /** Which function {@link #evaluate} computes. */
    public enum Function { COS, SIN }

    /**
     * pi/2 = P1 + P2 + P3 + rho with |rho| &lt;= RHO: P1 the double nearest the lower end of a certified
     * 320-bit enclosure of pi/2, P2 and P3 the doubles nearest what is left in turn, RHO what is then left
     * plus the enclosure's width, rounded up. Written out (computing them ran BigInteger kernels at class
     * initialisation, issue 17); DoubleDoubleConstantsTest derives them again from the enclosure.
     */
    static final double P1 = 0x1.921fb54442d18p0;
    static final double P2 = 0x1.1a62633145c07p-54;
    static final double P3 = -0x1.f1976b7ed8fbcp-110;
    static final double RHO = 0x1.4cf98e804177ep-164;
    /** 1/n! as double-doubles for n = 0 .. TERMS, and a bound on each pair's representation error. */
    private static final int TERMS = InverseFactorials.TERMS;
    private static final double[] INV_FACT_HI = InverseFactorials.HI;
    private static final double[] INV_FACT_LO = InverseFactorials.LO;
    private static final double[] INV_FACT_ERR = InverseFactorials.ERR;
    /** Arguments are reduced with k = rint(x 2/pi) only while |x| &lt; 2^40 (k times pi/2's error stays tiny). */
    public static final double MAX_ARGUMENT = 0x1p40;
    private static final double SLACK = 1 + 0x1p-40;

    private DoubleDoubleTrig() {
    }

    /**
     * cos or sin of a real X known as {@code |X - (s + t)| <= err}: a double-double within its error bound
     * of f(X) ({@link DoubleDouble}'s contract), the bound tracked as the class comment says. Empty when
     * {@code |s| >= 2^40} ({@link #MAX_ARGUMENT}) or s is NaN, and when err is NaN or negative.
     *
     * @param s the leading part of the argument
     * @param t the trailing part, {@code |t| <= ulp(s)} (s + t a double-double)
     * @param err a bound {@code >= 0} on the argument's own error
     */
    public static Optional<DoubleDouble> evaluate(Function f, double s, double t, double err) {
        return evaluate(f, s, t, err, false);
    }

    /**
     * {@link #evaluate}, with the series in r^2 stopped at the first term whose remainder bound (the one the bound
     * adds) is at most 2^-113 instead of at the table's end: the same contract, a bound as proven (the remainder
     * is the one for the terms summed), fewer terms for small reduced arguments.
     */
    static Optional<DoubleDouble> evaluateTruncated(Function f, double s, double t, double err) {
        return evaluate(f, s, t, err, true);
    }

    private static Optional<DoubleDouble> evaluate(Function f, double s, double t, double err, boolean truncated) {
        if (!(Math.abs(s) < MAX_ARGUMENT) || !(err >= 0)) {
            return Optional.empty();
        }
        int which = f == Function.COS ? 0 : 1;
        // ---- r = (s + t) - k (P1 + P2 + P3), k = rint(x 2/pi): the TwoProducts are exact (no underflow) ----
        double k = Math.rint(s * (2 / Math.PI));
        double bound = err + Math.abs(k) * RHO;
        double p1h = k * P1;
        double p1l = ErrorFreeTransforms.twoProductError(k, P1, p1h);
        double p2h = k * P2;
        double p2l = ErrorFreeTransforms.twoProductError(k, P2, p2h);
        double p3 = k * P3;
        bound += Math.ulp(p3);
        // sum s - p1h + t - p1l - p2h - p2l - p3: TwoSum into hi (exact), the errors into lo (each rounding counted)
        double hi = s;
        double lo = 0;
        double[] terms = {-p1h, t, -p1l, -p2h, -p2l, -p3};
        for (double x : terms) {
            double sum = hi + x;
            double e = ErrorFreeTransforms.twoSumError(hi, x, sum);
            hi = sum;
            lo += e;
            bound += Math.ulp(lo);
        }
        double rh = hi + lo;
        double rl = ErrorFreeTransforms.twoSumError(hi, lo, rh);
        // ---- q = r^2 ----
        double qh = rh * rh;
        double qe = ErrorFreeTransforms.twoProductError(rh, rh, qh);
        double cross = 2 * rh * rl; // 2 rh is exact; the product is rounded once
        double qlo = qe + cross;
        double qErr = Math.ulp(cross) + Math.ulp(qlo) + rl * rl;
        double qHi = qh + qlo;
        double qLo = ErrorFreeTransforms.twoSumError(qh, qlo, qHi);
        // ---- Horner in q: c(q) = sum (-1)^j q^j / (2j + start)!, start 0 (cos) or 1 (sin / r) ----
        int quadrant = (int) Math.floorMod((long) k, 4L);
        boolean wantCos = ((quadrant + which) & 1) == 0; // cos(k pi/2 + r) = cos r, -sin r, -cos r, sin r; sin: a quarter turn on
        int start = wantCos ? 0 : 1;
        int last = (TERMS - start) / 2; // the highest j with 2j + start <= TERMS
        double rAbs = Math.abs(rh) + Math.abs(rl);
        if (truncated) {
            last = lastTerm(rAbs, start, last);
        }
        double ph = sign(last) * INV_FACT_HI[2 * last + start];
        double pl = sign(last) * INV_FACT_LO[2 * last + start];
        double pErr = INV_FACT_ERR[2 * last + start];
        double qAbs = Math.abs(qHi) + Math.abs(qLo);
        for (int j = last - 1; j >= 0; j--) {
            // p = c_j + q p
            double mh = qHi * ph;
            double me = ErrorFreeTransforms.twoProductError(qHi, ph, mh);
            double m2 = qHi * pl;
            double m3 = qLo * ph;
            double ml = me + (m2 + m3);
            double mErr = Math.ulp(m2) + Math.ulp(m3) + Math.ulp(m2 + m3) + Math.ulp(ml) + Math.abs(qLo * pl) + Math.ulp(qLo * pl);
            double ch = sign(j) * INV_FACT_HI[2 * j + start];
            double cl = sign(j) * INV_FACT_LO[2 * j + start];
            double sum = ch + mh;
            double e = ErrorFreeTransforms.twoSumError(ch, mh, sum);
            double low = e + (cl + ml);
            double addErr = Math.ulp(cl + ml) + Math.ulp(low);
            double nh = sum + low;
            double nl = ErrorFreeTransforms.twoSumError(sum, low, nh);
            double pAbs = Math.abs(ph) + Math.abs(pl);
            pErr = qAbs * pErr + pAbs * qErr + qErr * pErr + mErr + addErr + INV_FACT_ERR[2 * j + start];
            ph = nh;
            pl = nl;
        }
        // Taylor remainder of the sum in q: it alternates with decreasing terms for |r| < 1, so it is below the
        // first omitted term |r|^(2(last+1)) / (2(last+1) + start)!; 1/TERMS! (larger) stands in past the table
        int next = 2 * (last + 1) + start;
        double remainder = Math.pow(rAbs, 2 * (last + 1)) * INV_FACT_HI[Math.min(next, TERMS)] * 2;
        double vh = ph;
        double vl = pl;
        double vErr = pErr + remainder;
        if (!wantCos) { // sin r = r * p
            double mh = rh * ph;
            double me = ErrorFreeTransforms.twoProductError(rh, ph, mh);
            double m2 = rh * pl;
            double m3 = rl * ph;
            double ml = me + (m2 + m3);
            vErr = rAbs * vErr + Math.ulp(m2) + Math.ulp(m3) + Math.ulp(m2 + m3) + Math.ulp(ml) + Math.abs(rl * pl) + Math.ulp(rl * pl);
            vh = mh + ml;
            vl = ErrorFreeTransforms.twoSumError(mh, ml, vh);
        }
        boolean negate = which == 0 ? quadrant == 1 || quadrant == 2 : quadrant == 2 || quadrant == 3;
        if (negate) {
            vh = -vh;
            vl = -vl;
        }
        // the reduced argument's own error moves cos and sin by at most as much (both are 1-Lipschitz)
        return Optional.of(new DoubleDouble(vh, vl, (vErr + bound) * SLACK));
    }

    /** The least j <= max whose first omitted term, 2 rAbs^(2j+2)/(2j+2+start)!, is at most 2^-113 (else max). */
    private static int lastTerm(double rAbs, int start, int max) {
        double q = rAbs * rAbs;
        double power = q; // rAbs^(2j+2)
        for (int j = 0; j < max; j++) {
            if (2 * power * INV_FACT_HI[2 * j + 2 + start] <= 0x1p-113) {
                return j;
            }
            power *= q;
        }
        return max;
    }

    private static double sign(int j) {
        return (j & 1) == 0 ? 1 : -1;
    }
}
