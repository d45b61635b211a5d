package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.junit.jupiter.api.Test;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Rational;

/** The error terms are exact: checked against exact rational arithmetic, and on hand-derived cases. */
class ErrorFreeTransformsTest {

    private static Rational exact(double x) {
        return BinaryRational.ofDouble(x).toRational();
    }

    @Test
    void handDerivedCases() {
        // 1 + 2^-53 is a tie between 1 and 1 + 2^-52: RN gives 1 (even), the error is 2^-53
        assertEquals(0x1p-53, ErrorFreeTransforms.twoSumError(1, 0x1p-53, 1 + 0x1p-53));
        assertEquals(0x1p-53, ErrorFreeTransforms.twoSumError(0x1p-53, 1, 0x1p-53 + 1)); // either order
        assertEquals(0x1p-53, ErrorFreeTransforms.fastTwoSumError(1, 0x1p-53, 1 + 0x1p-53));
        assertEquals(0.0, ErrorFreeTransforms.twoSumError(1.5, 0.25, 1.75)); // exact sum
        // (1 + 2^-30)^2 = 1 + 2^-29 + 2^-60: the product rounds to 1 + 2^-29 and the error is 2^-60
        double a = 1 + 0x1p-30;
        assertEquals(0x1p-60, ErrorFreeTransforms.twoProductError(a, a, a * a));
    }

    @Test
    void sumAndProductErrorsAreExact() {
        qt().withFixedSeed(0xef7_2026L).withExamples(2000)
                .forAll(doubles().between(-1e30, 1e30), doubles().between(-1e30, 1e30))
                .checkAssert((a, b) -> {
                    double sum = a + b;
                    assertEquals(exact(a).add(exact(b)), exact(sum).add(exact(ErrorFreeTransforms.twoSumError(a, b, sum))));
                    double big = Math.abs(a) >= Math.abs(b) ? a : b;
                    double small = big == a ? b : a;
                    assertEquals(exact(big).add(exact(small)),
                            exact(sum).add(exact(ErrorFreeTransforms.fastTwoSumError(big, small, sum))));
                    double product = a * b;
                    if (Math.abs(product) >= 0x1p-969) {
                        assertEquals(exact(a).multiply(exact(b)),
                                exact(product).add(exact(ErrorFreeTransforms.twoProductError(a, b, product))));
                    }
                });
    }
}
