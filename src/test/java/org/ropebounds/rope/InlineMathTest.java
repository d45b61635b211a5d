package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;

/**
 * {@link InlineMath} bit for bit against Java's own Math.nextUp, nextDown, max and min (the JDK, not the code under
 * test; a NaN result of max or min is only required to be a NaN, as Java's own is): every pair of the special and edge values, random bit patterns (all doubles alike: NaNs with payloads,
 * subnormals, infinities), random pairs one step apart; and a few values derived by hand.
 */
class InlineMathTest {
    /** The doubles where the four functions have their cases: zeros, the ends of the binades, infinities, NaNs. */
    private static final double[] EDGES = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
        Math.nextDown(Double.MIN_NORMAL), -Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.longBitsToDouble(0xfff8000000000001L),
        Double.longBitsToDouble(0x7ff0000000000001L), 1.0, -1.0, 0x1p52, -0x1p52, 0.1, -0.1, 0x1.fffffffffffffp-1, 3.0};

    private static void assertSame(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), what);
    }

    /** A NaN for a NaN (Java does not say which: its interpreter and its JIT's intrinsic of max differ), else the same bits. */
    private static void assertSameOrNaN(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertEquals(true, Double.isNaN(actual), what);
        } else {
            assertSame(expected, actual, what);
        }
    }

    private static void assertAgrees(double a, double b) {
        String at = " at " + a + " (0x" + Long.toHexString(Double.doubleToRawLongBits(a)) + "), " + b + " (0x"
                + Long.toHexString(Double.doubleToRawLongBits(b)) + ")";
        assertSame(Math.nextUp(a), InlineMath.up(a), "up" + at);
        assertSame(Math.nextDown(a), InlineMath.down(a), "down" + at);
        assertSameOrNaN(Math.max(a, b), InlineMath.max(a, b), "max" + at);
        assertSameOrNaN(Math.min(a, b), InlineMath.min(a, b), "min" + at);
    }

    @Test
    void agreesWithJavaOnEveryPairOfEdgeValues() {
        for (double a : EDGES) {
            for (double b : EDGES) {
                assertAgrees(a, b);
                assertAgrees(a, Math.nextUp(a));
                assertAgrees(Math.nextDown(a), a);
            }
        }
    }

    @Test
    void agreesWithJavaOnRandomBitPatterns() {
        qt().withFixedSeed(17L).withExamples(200_000).forAll(longs().all(), longs().all()).checkAssert((x, y) -> {
            double a = Double.longBitsToDouble(x);
            assertAgrees(a, Double.longBitsToDouble(y));
            assertAgrees(a, a); // equal arguments: the case max and min hand to Java
            assertAgrees(a, -a);
        });
    }

    @Test
    void handDerivedValues() {
        assertSame(1.0 + 0x1p-52, InlineMath.up(1.0), "the double after 1 is 1 + 2^-52");
        assertSame(1.0 - 0x1p-53, InlineMath.down(1.0), "the double before 1 is 1 - 2^-53 (the binade below is twice as fine)");
        assertSame(Double.MIN_VALUE, InlineMath.up(-0.0), "after -0 comes the least subnormal, not a NaN");
        assertSame(-Double.MIN_VALUE, InlineMath.down(0.0), "before +0 comes minus the least subnormal");
        assertSame(-0.0, InlineMath.up(-Double.MIN_VALUE), "after -2^-1074 comes -0");
        assertSame(Double.POSITIVE_INFINITY, InlineMath.up(Double.MAX_VALUE), "after the largest finite double comes +infinity");
        assertSame(Double.POSITIVE_INFINITY, InlineMath.up(Double.POSITIVE_INFINITY), "+infinity has no successor");
        assertSame(-Double.MAX_VALUE, InlineMath.up(Double.NEGATIVE_INFINITY), "after -infinity comes -MAX_VALUE");
        assertSame(0.0, InlineMath.max(-0.0, 0.0), "+0 is the larger zero");
        assertSame(0.0, InlineMath.max(0.0, -0.0), "+0 is the larger zero");
        assertSame(-0.0, InlineMath.min(0.0, -0.0), "-0 is the smaller zero");
        assertSame(-0.0, InlineMath.min(-0.0, 0.0), "-0 is the smaller zero");
        assertEquals(true, Double.isNaN(InlineMath.max(1.0, Double.NaN)), "NaN wins max");
        assertEquals(true, Double.isNaN(InlineMath.min(Double.NaN, 1.0)), "NaN wins min");
        assertSame(2.0, InlineMath.max(2.0, -3.0), "max");
        assertSame(-3.0, InlineMath.min(2.0, -3.0), "min");
    }
}
