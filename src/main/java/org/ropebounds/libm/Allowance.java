package org.ropebounds.libm;

import org.ropebounds.format.Format;
import org.ropebounds.format.FormatDoubles;
import org.ropebounds.format.OverflowPolicy;
import org.ropebounds.format.RoundingMode;

/**
 * A {@link LibmModel} in one result format whose values are doubles: from an enclosure {@code [lo, hi]} of
 * the exact results of the function over the arguments an entry can have, the values of the format an
 * implementation with that libm can return. Immutable and thread-safe.
 */
public final class Allowance {
    private final LibmModel model;
    private final FormatDoubles f;
    private final boolean fp32;
    private final boolean fp64;
    private final int kind; // 0 correct, 1 faithful, 2 ulps, 3 abs, 4 unbounded
    private final double k;
    private final double error;

    Allowance(LibmModel model, FormatDoubles f) {
        this.model = model;
        this.f = f;
        this.fp32 = f.format().equals(Format.FP32);
        this.fp64 = f.format().equals(Format.FP64);
        if (model instanceof LibmModel.Correct) {
            kind = 0;
        } else if (model instanceof LibmModel.Faithful) {
            kind = 1;
        } else if (model instanceof LibmModel.Ulps u) {
            kind = 2;
        } else if (model instanceof LibmModel.Absolute) {
            kind = 3;
        } else {
            kind = 4;
        }
        this.k = model instanceof LibmModel.Ulps u ? u.k() : 0; // exact: k <= 2^40
        this.error = model instanceof LibmModel.Absolute a ? a.errorUp() : 0;
    }

    public LibmModel model() {
        return model;
    }

    /** The result format. */
    public FormatDoubles format() {
        return f;
    }

    /**
     * Writes into {@code out[0..1]} the smallest and largest value of the format the libm may return when the
     * exact result lies in {@code [lo, hi]} (doubles, lo <= hi, finite) for arguments of magnitude at most
     * {@code argumentMagnitude}; returns false, writing nothing, when the model puts no bound there
     * ({@link LibmModel.Unbounded}, or an argument outside the model's range).
     *
     * <p>Sound: every value the model allows for every exact result in [lo, hi] lies in [out[0], out[1]]. Faithful:
     * [RD(lo), RU(hi)]; correct: [RN(lo), RN(hi)] (RN is monotone). Ulps and abs: an allowed value r is a value of
     * the format with {@code r >= y - w >= lo - w} (w = K ulp or E), so {@code r >= RU(lo - w)}, and likewise
     * {@code r <= RD(hi + w)}: the ends are rounded inward from bounds that are themselves outward (each fp64 sum is
     * followed by a step outward, so that fp64's rounding of the sum cannot narrow it).
     */
    public boolean allow(double lo, double hi, double argumentMagnitude, double[] out) {
        if (kind == 4 || (model.range().isPresent() && !model.range().get().covers(argumentMagnitude))) {
            return false;
        }
        switch (kind) {
            case 0 -> {
                out[0] = f.round(lo);
                out[1] = f.round(hi);
            }
            case 1 -> {
                out[0] = down(lo);
                out[1] = up(hi);
            }
            case 2 -> {
                double u = k * ulpAtOrAbove(Math.max(Math.abs(lo), Math.abs(hi)));
                out[0] = up(Math.nextDown(lo - u));
                out[1] = down(Math.nextUp(hi + u));
            }
            default -> {
                out[0] = up(Math.nextDown(lo - error));
                out[1] = down(Math.nextUp(hi + error));
            }
        }
        return true;
    }

    /** The largest value of the format {@code <= x} (-inf below the range). */
    double down(double x) {
        if (fp64) {
            return x;
        }
        if (fp32) {
            float r = (float) x;
            return r > x ? Math.nextDown(r) : r;
        }
        return f.value(f.format().roundToBits(x, RoundingMode.TOWARD_NEGATIVE, OverflowPolicy.INFINITY));
    }

    /** The smallest value of the format {@code >= x} (+inf above the range). */
    double up(double x) {
        if (fp64) {
            return x;
        }
        if (fp32) {
            float r = (float) x;
            return r < x ? Math.nextUp(r) : r;
        }
        return f.value(f.format().roundToBits(x, RoundingMode.TOWARD_POSITIVE, OverflowPolicy.INFINITY));
    }

    /**
     * A spacing of the format at least its spacing at every point of [0, a] ({@code a >= 0}): the gap above
     * the smallest value {@code >= a}, which is in a's binade or the next (whose spacing is larger).
     */
    double ulpAtOrAbove(double a) {
        if (fp32) {
            return Math.ulp(Math.nextUp((float) a));
        }
        if (fp64) {
            return Math.ulp(Math.nextUp(a));
        }
        double r = up(a);
        long bits = f.bits(r);
        return f.value(bits + 1) - r; // r >= 0: the next encoding is the next value (infinity after the largest)
    }
}
