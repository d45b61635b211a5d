package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.real.CertifiedDecimal.Direction;

/**
 * The double interval's directed decimal decision in exact double arithmetic ({@code BallDecimals.rounded(DoubleInterval,
 * ...)}, proofs/double-double-interval.md section 15) against the exact rational decision on the interval's enclosure,
 * {@link CertifiedDecimal#decide(Enclosure, int, Direction)} (BigDecimal division of the exact ends: value and scale):
 * it answers only with that decision, it answers whenever that decision exists in its range (an end scaled by 10^j at
 * least 1, the upper end's integer within the decade), and whenever the ball test of section 8 answers.
 */
class DoubleIntervalDecimalsTest {
    private static final SplittableRandom RANDOM = new SplittableRandom(1517);

    /**
     * Whether the exact test applies to [lo, hi] at n digits (section 15's range: else the ball test decides, as before) and
     * neither end, scaled, is an integer (such an end is declined, as the ball test declines it).
     */
    private static boolean inExactRange(DoubleInterval x, int n, Direction d) {
        if (n > 15 || !(x.lo() > 0)) {
            return false;
        }
        int j = n - 1 - BallDecimals.decadeOf(x.hi());
        if (j < 0 || j > 22) {
            return false;
        }
        BigDecimal scaledHi = new BigDecimal(x.hi()).movePointRight(j);
        BigDecimal scaledLo = new BigDecimal(x.lo()).movePointRight(j);
        BigDecimal low = BigDecimal.TEN.pow(n - 1);
        BigDecimal high = BigDecimal.TEN.pow(n);
        BigDecimal k = d == Direction.UPWARD ? scaledHi.setScale(0, java.math.RoundingMode.CEILING)
                : scaledHi.setScale(0, java.math.RoundingMode.FLOOR);
        boolean inDecade = d == Direction.UPWARD ? k.compareTo(low) > 0 && k.compareTo(high) <= 0 : k.compareTo(low) >= 0 && k.compareTo(high) < 0;
        // an end exactly on an integer after scaling (on a cell's edge) is declined on purpose, as by the ball test
        boolean offEdges = scaledLo.stripTrailingZeros().scale() > 0 && scaledHi.stripTrailingZeros().scale() > 0;
        return scaledLo.compareTo(BigDecimal.ONE) >= 0 && inDecade && offEdges;
    }

    private static void check(DoubleInterval x, int n, Direction d, int[] tally) {
        Enclosure e = DoubleIntervalArithmetic.INSTANCE.toEnclosure(x);
        Optional<CertifiedDecimal> exact = CertifiedDecimal.decide(e, n, d);
        Optional<BigDecimal> fast = BallDecimals.rounded(x, n, d);
        if (fast.isPresent()) {
            tally[0]++;
            assertTrue(exact.isPresent(), () -> "answered where the enclosure does not decide: " + x + " n=" + n + " " + d);
            // equals: the same value at the same scale
            assertEquals(exact.get().toBigDecimal().orElseThrow(), fast.get(), () -> x + " n=" + n + " " + d);
        }
        if (inExactRange(x, n, d)) {
            tally[1]++;
            assertEquals(exact.isPresent(), fast.isPresent(), () -> "exact test incomplete: " + x + " n=" + n + " " + d + " " + exact);
        }
        Optional<BigDecimal> ball = BallDecimals.roundedByBall(x, n, d);
        if (ball.isPresent()) {
            assertEquals(ball, fast, () -> "the ball test decided, the exact one not the same: " + x + " n=" + n + " " + d);
        }
        Optional<CertifiedDecimal> byBall = CertifiedDecimal.decideByBall(x, n, d);
        byBall.ifPresent(c -> assertEquals(exact.get().toBigDecimal(), c.toBigDecimal()));
        assertEquals(exact, CertifiedDecimal.decide(x, n, d), () -> x + " n=" + n + " " + d);
    }

    @Test
    void randomIntervalsDecideAsTheirEnclosures() {
        int[] tally = new int[2];
        for (int i = 0; i < 40000; i++) {
            int n = 1 + RANDOM.nextInt(16);
            double m = Math.pow(10, RANDOM.nextDouble(-9, 16));
            int below = RANDOM.nextInt(0, 30);
            int above = RANDOM.nextInt(below == 0 ? 1 : 0, 30);
            double lo = m;
            double hi = m;
            for (int k = 0; k < below; k++) {
                lo = Math.nextDown(lo);
            }
            for (int k = 0; k < above; k++) {
                hi = Math.nextUp(hi);
            }
            DoubleInterval x = new DoubleInterval(lo, hi);
            check(x, n, Direction.UPWARD, tally);
            check(x, n, Direction.DOWNWARD, tally);
        }
        assertTrue(tally[0] > 20000, "decided: " + tally[0]);
        assertTrue(tally[1] > 40000, "in the exact range: " + tally[1]);
    }

    @Test
    void endsOnAndNextToDecimalsAndIntegers() {
        int[] tally = new int[2];
        // ends exactly on short decimals that are doubles (k 10^-j with a dyadic 10^-j part), on integers after scaling,
        // and one ulp either side: the integral cases of the exact floor (e = 0, e < 0, e > 0)
        double[] centres = {0.5, 0.25, 1.25, 2.5, 1, 8, 10, 100, 1e14, 999999999999999.0, 1e15, 8388608, 16777216, 0.125, 12345.5,
                99999.5, 9.5, 0.75, 3.0, 7.0 / 8, 0.1, 0.01, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 0.3, 0.7};
        // (the doubles nearest 10^-k are not 10^-k: decadeOf is one off on one side of them, and the decade check declines)
        for (double c : centres) {
            for (int n = 1; n <= 15; n++) {
                double[] lows = {Math.nextDown(Math.nextDown(c)), Math.nextDown(c), c};
                double[] highs = {c, Math.nextUp(c), Math.nextUp(Math.nextUp(c))};
                for (double lo : lows) {
                    for (double hi : highs) {
                        if (lo < hi) {
                            check(new DoubleInterval(lo, hi), n, Direction.UPWARD, tally);
                            check(new DoubleInterval(lo, hi), n, Direction.DOWNWARD, tally);
                        }
                    }
                }
            }
        }
        assertTrue(tally[0] > 200, "decided: " + tally[0]);
    }

    @Test
    void handDerivedDecisions() {
        // [0.5, nextUp(0.5)] at 3 digits: up, the upper end is just above 0.5, so 0.501 (scale 3); the lower end is 0.500
        // exactly, an up-rounding of its own: the ends disagree -> undecided
        DoubleInterval half = new DoubleInterval(0.5, Math.nextUp(0.5));
        assertEquals(Optional.empty(), BallDecimals.rounded(half, 3, Direction.UPWARD));
        // down: both ends floor to 0.500, but the lower end is 0.5 itself (the enclosure gives it at scale 1): declined
        assertEquals(Optional.empty(), BallDecimals.rounded(half, 3, Direction.DOWNWARD));
        // [nextDown(0.5), 0.5] at 3 digits up: both ends round up to 0.5, the upper end exactly; the lower end's division is
        // inexact, 0.500 at scale 3, which the enclosure returns
        DoubleInterval belowHalf = new DoubleInterval(Math.nextDown(0.5), 0.5);
        Optional<BigDecimal> up = BallDecimals.rounded(belowHalf, 3, Direction.UPWARD);
        Optional<CertifiedDecimal> exact = CertifiedDecimal.decide(DoubleIntervalArithmetic.INSTANCE.toEnclosure(belowHalf), 3, Direction.UPWARD);
        assertEquals(Optional.of(new BigDecimal("0.500")), exact.flatMap(CertifiedDecimal::toBigDecimal));
        // the exact test declines an upper end on the cell's edge (as the ball test does); the enclosure decides it
        assertEquals(Optional.empty(), up);
        // [1.2345, nextUp(1.2345)] (1.2345 is not a double: both ends strictly inside the cell) at 3 digits: up 1.24, down 1.23
        DoubleInterval x = new DoubleInterval(1.2345, Math.nextUp(1.2345));
        assertEquals(Optional.of(new BigDecimal("1.24")), BallDecimals.rounded(x, 3, Direction.UPWARD));
        assertEquals(Optional.of(new BigDecimal("1.23")), BallDecimals.rounded(x, 3, Direction.DOWNWARD));
        // just below 10 at 2 digits, up: the carry into the next decade is 10 at scale 0 (unscaled 10, two digits)
        DoubleInterval nearTen = new DoubleInterval(Math.nextDown(Math.nextDown(9.99)), Math.nextDown(9.99));
        assertEquals(Optional.of(new BigDecimal("10")), BallDecimals.rounded(nearTen, 2, Direction.UPWARD));
    }
}
