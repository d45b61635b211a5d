package org.ropebounds.reference;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What a reference array tolerates: over every value an implementation inside the envelope can produce
 * ({@link ReferenceRequest#envelopePipeline()} under {@link ReferenceRequest#libm()}), measured from the array's
 * entries. Derivations: {@code proofs/reference-tolerance.md}.
 *
 * @param maxUlps the largest distance in ulps of the dtype from an entry to a value of its envelope (exact; unsigned 64-bit)
 * @param maxAbs an upper bound on the largest absolute distance, rounded up to {@code digits} significant digits
 * @param rtol torch.testing.assert_close's default rtol for the dtype (exact decimal; 0 for fp8, which it has none for)
 * @param atol an atol with which {@code torch.testing.assert_close(actual, reference, rtol=rtol, atol=atol)} passes for
 *        every actual inside the envelope (its isclose evaluated in {@link #checkDtype()}), rounded up to {@code digits}
 *        significant digits: above the least such atol by at most the margins of the proof and the rounding up
 * @param nmse an upper bound on llama.cpp test-backend-ops' normalised mean squared error
 *        {@code sum (a_i - b_i)^2 / sum a_i^2} for every actual inside the envelope, whichever of actual and reference
 *        is a, rounded up to 3 significant digits; empty when the envelope lets every entry be 0 (no bound)
 * @param digits significant digits of maxAbs and atol (the dtype's decimal precision and 2 more)
 * @param checkDtype the dtype assert_close compares in: the array's, or fp32 for fp8 (the emitted test upcasts)
 */
public record Tolerance(long maxUlps, BigDecimal maxAbs, BigDecimal rtol, BigDecimal atol, Optional<BigDecimal> nmse, int digits,
                        String checkDtype) {
    /** What {@link #maxUlps} means, in words. */
    public static final String MAX_ULPS_GUARANTEE = "exact: the largest distance in ulps of the dtype from an entry to a value "
            + "that an implementation inside the envelope can produce there";
    /** What {@link #rtol} is, in words. */
    public static final String RTOL_GUARANTEE = "torch.testing.assert_close's default rtol for the dtype (exact)";
    /** What {@link #nmse} means, in words. */
    public String nmseGuarantee() {
        if (nmse.isEmpty()) {
            return "none: the envelope lets every entry be 0";
        }
        return "upper bound, rounded up to 3 significant digits, on llama.cpp test-backend-ops' nmse = sum (a-b)^2 / sum a^2 "
                + "(a the implementation, as llama.cpp's tested backend, or the reference), exact or evaluated in float64"
                + (checkDtype.equals("fp64") ? "" : " or as llama.cpp does (float differences and squares, double sums)")
                + ", for every implementation inside the envelope";
    }

    /** What {@link #maxAbs} means, in words. */
    public String maxAbsGuarantee() {
        return "upper bound, rounded up to " + digits + " significant digits, on the largest |value - entry| over the envelope";
    }

    /** What {@link #atol} means, in words. */
    public String atolGuarantee() {
        return "sufficient: torch.testing.assert_close(actual, reference, rtol, atol) passes (isclose in " + checkDtype
                + "), and |actual - reference| <= atol + rtol |reference| holds exactly, for every implementation inside the envelope;"
                + " rounded up to " + digits + " significant digits";
    }
}
