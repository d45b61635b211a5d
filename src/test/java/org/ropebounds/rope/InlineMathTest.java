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

    /**
     * largerValue and smallerValue (proofs/relative-position-error.md, section 9): for a and b not NaN, equal in value to
     * Java's max and min; and what the scans take of them, up and down of the extreme or of its difference with a double x
     * (not NaN either), bit for bit Java's, zeros of both signs included.
     */
    private static void assertValueAndRoundingsAgree(double a, double b, double x) {
        String at = " at " + a + ", " + b + ", x = " + x;
        double larger = InlineMath.largerValue(a, b);
        double smaller = InlineMath.smallerValue(a, b);
        assertEquals(true, larger == Math.max(a, b), "largerValue" + at);
        assertEquals(true, smaller == Math.min(a, b), "smallerValue" + at);
        assertSame(Math.nextUp(Math.max(a, b)), InlineMath.up(larger), "up(largerValue)" + at);
        assertSame(Math.nextDown(Math.min(a, b)), InlineMath.down(smaller), "down(smallerValue)" + at);
        assertSameOrNaN(Math.nextUp(x - Math.min(a, b)), InlineMath.up(x - smaller), "up(x - smallerValue)" + at);
        assertSameOrNaN(Math.nextUp(Math.max(a, b) - x), InlineMath.up(larger - x), "up(largerValue - x)" + at);
        assertSameOrNaN(Math.nextDown(x - Math.max(a, b)), InlineMath.down(x - larger), "down(x - largerValue)" + at);
        assertSameOrNaN(Math.nextDown(Math.min(a, b) - x), InlineMath.down(smaller - x), "down(smallerValue - x)" + at);
    }

    @Test
    void extremesOfValuesRoundLikeJavasOnEveryTripleOfEdgeValues() {
        for (double a : EDGES) {
            for (double b : EDGES) {
                for (double x : EDGES) {
                    if (!Double.isNaN(a) && !Double.isNaN(b) && !Double.isNaN(x)) {
                        assertValueAndRoundingsAgree(a, b, x);
                    }
                }
            }
        }
    }

    @Test
    void extremesOfValuesRoundLikeJavasOnRandomBitPatterns() {
        qt().withFixedSeed(29L).withExamples(100_000).forAll(longs().all(), longs().all()).checkAssert((u, v) -> {
            double a = Double.longBitsToDouble(u);
            double b = Double.longBitsToDouble(v);
            if (!Double.isNaN(a) && !Double.isNaN(b)) {
                assertValueAndRoundingsAgree(a, b, b);
                assertValueAndRoundingsAgree(a, -a, 0.0);
                assertValueAndRoundingsAgree(a, Math.nextUp(a), -0.0);
            }
        });
    }

    @Test
    void extremesOfValuesHandDerived() {
        // zeros of opposite signs: the plain comparison keeps the second, Java's max +0 and min -0
        assertSame(-0.0, InlineMath.largerValue(0.0, -0.0), "neither zero exceeds the other: the second");
        assertSame(0.0, InlineMath.smallerValue(-0.0, 0.0), "neither zero is below the other: the second");
        // and the sign does not survive a rounding step: the successor of either zero is 2^-1074, the predecessor -2^-1074
        assertSame(0x1p-1074, InlineMath.up(InlineMath.largerValue(0.0, -0.0)), "up(-0) = 2^-1074");
        assertSame(-0x1p-1074, InlineMath.down(InlineMath.smallerValue(-0.0, 0.0)), "down(+0) = -2^-1074");
        // a window {-0, +0, 2^-1074}: hi - min lo with hi = +0 is +0 - (+0) = +0 or +0 - (-0) = +0; its successor 2^-1074
        double min = InlineMath.smallerValue(InlineMath.smallerValue(InlineMath.smallerValue(Double.POSITIVE_INFINITY, -0.0), 0.0), 0x1p-1074);
        assertSame(0.0, min, "the window's least value is zero, here +0 (the last zero seen)");
        assertSame(0x1p-1074, InlineMath.up(0.0 - min), "up(+0 - min) = 2^-1074");
        assertSame(0x1p-1074, InlineMath.up(-0.0 - min), "up(-0 - (+0)) = up(-0) = 2^-1074");
        // the extreme at the first and at the last entry of a window
        assertSame(-3.0, InlineMath.smallerValue(InlineMath.smallerValue(-3.0, 1.0), 2.0), "least first");
        assertSame(-3.0, InlineMath.smallerValue(InlineMath.smallerValue(1.0, 2.0), -3.0), "least last");
        assertSame(5.0, InlineMath.largerValue(InlineMath.largerValue(5.0, -1.0), 4.0), "largest first");
        assertSame(5.0, InlineMath.largerValue(InlineMath.largerValue(-1.0, 4.0), 5.0), "largest last");
        assertSame(Double.NEGATIVE_INFINITY, InlineMath.smallerValue(Double.NEGATIVE_INFINITY, -Double.MAX_VALUE), "infinities are values");
    }
}
