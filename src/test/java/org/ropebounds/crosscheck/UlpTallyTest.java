package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Format;
import org.ropebounds.format.FormatDoubles;
import org.ropebounds.format.Rational;

/** Counts, sums and the worst entries, with distances written down by hand. */
class UlpTallyTest {
    private static final FormatDoubles FP32 = Format.FP32.doubles();
    private static final FormatDoubles FP64 = Format.FP64.doubles();

    @Test
    void countsAndTheWorstEntries() {
        UlpTally t = new UlpTally(FP32, 2);
        t.add(0, 0, 0, 1, 1, 0);
        t.add(1, 0, 1, Math.nextUp(1f), 1, 1);
        t.add(2, 1, 0, 3, 1, 3); // the distance is the caller's; the tally only counts it
        t.add(3, 1, 1, 2, 1, 3);
        t.add(4, -1, 1, 0.5f, 1, 2);
        UlpSummary s = t.summary();
        assertEquals(5, s.entries());
        assertEquals(1, s.exactMatches());
        assertEquals(1, s.oneUlp());
        assertEquals(3, s.worse());
        assertEquals(BigInteger.valueOf(3), s.maxUlps());
        assertEquals(BigInteger.valueOf(9), s.sumUlps());
        assertEquals(Rational.of(BigInteger.valueOf(9), BigInteger.valueOf(5)), s.meanUlps());
        assertEquals("1.8", s.meanUlpsDecimal().text());
        assertEquals(2.0, s.maxAbsError()); // |3 - 1|
        // worst two: 3 ulps at index 2 and 3, the earlier index first; index 4's 2 ulps dropped
        List<Discrepancy> w = s.worst();
        assertEquals(2, w.size());
        assertEquals(2, w.get(0).index());
        assertEquals(3, w.get(1).index());
        assertEquals(OptionalLong.of(1), w.get(0).position());
        assertEquals("0x1.8p+1", w.get(0).got().toHexString());
        assertEquals("0x40400000", w.get(0).got().bitsHex());
    }

    @Test
    void mergeIsTheTallyOfEverything() {
        UlpTally a = new UlpTally(FP32, 3);
        UlpTally b = new UlpTally(FP32, 3);
        a.add(0, -1, 0, 1, 1, 0);
        a.add(1, -1, 1, 4, 1, 5);
        b.add(2, -1, 2, 2, 1, 1);
        b.add(3, -1, 3, 8, 1, 7);
        b.countDecidedExactly();
        a.merge(b);
        UlpSummary s = a.summary();
        assertEquals(4, s.entries());
        assertEquals(BigInteger.valueOf(13), s.sumUlps());
        assertEquals(BigInteger.valueOf(7), s.maxUlps());
        assertEquals(7.0, s.maxAbsError());
        assertEquals(1, s.decidedExactly());
        assertEquals(List.of(3L, 1L, 2L), s.worst().stream().map(Discrepancy::index).toList());
        assertEquals(OptionalLong.empty(), s.worst().get(0).position());
    }

    @Test
    void distancesAreUnsignedAndTheSumHas128Bits() {
        // fp64's widest distance, from -inf to +inf: 2 * 0x7ff0000000000000 = 2^64 - 2^53, past Long.MAX_VALUE
        long widest = 2 * 0x7ff0000000000000L;
        assertEquals(widest, FP64.ulpDistance(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
        UlpTally t = new UlpTally(FP64, 1);
        t.add(0, -1, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, widest);
        t.add(1, -1, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, widest);
        t.add(2, -1, 0, 1, 2, 1L << 52); // 1 and 2 are a binade, 2^52 fp64 values, apart
        UlpSummary s = t.summary();
        BigInteger w = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE.shiftLeft(53));
        assertEquals(w, s.maxUlps());
        assertEquals(w.shiftLeft(1).add(BigInteger.ONE.shiftLeft(52)), s.sumUlps());
        assertEquals(Double.POSITIVE_INFINITY, s.maxAbsError());
        assertEquals(w, s.worst().get(0).ulps());
        assertEquals(0, s.worst().get(0).index());
    }
}
