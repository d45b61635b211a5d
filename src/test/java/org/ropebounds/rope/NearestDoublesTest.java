package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.format.OverflowPolicy;
import org.ropebounds.format.RoundingMode;

/**
 * The scan's double-only rounding against the exact rational rounding of {@link Format#round}: every standard and
 * a few custom formats, at random doubles of every magnitude, at each format's ties, binade edges, subnormals,
 * overflow threshold and specials.
 */
class NearestDoublesTest {

    private static double exact(Format f, double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (Double.isInfinite(x)) {
            return f.hasInfinity() ? x : Double.NaN;
        }
        FloatValue v = f.round(BinaryRational.ofDouble(x), RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).value();
        if (v.isNaN()) {
            return Double.NaN;
        }
        if (v.isInfinite()) {
            return x < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        double d = v.value().toRational().toDouble(RoundingMode.NEAREST_EVEN); // exact: the format's values are doubles
        return v.isZero() && Double.doubleToRawLongBits(x) < 0 ? -0.0 : d; // BinaryRational has no signed zero
    }

    /** Doubles at and around the format's grid points: ties, binade edges, subnormals and the overflow threshold. */
    private static List<Double> edges(Format f) {
        List<Double> xs = new ArrayList<>(List.of(0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0, 3.0, 1e-300));
        double max = f.maxFinite().toRational().toDouble(RoundingMode.NEAREST_EVEN);
        double ulpMax = f.ulp(f.maxFinite()).toRational().toDouble(RoundingMode.NEAREST_EVEN);
        double minSub = f.minSubnormal().toRational().toDouble(RoundingMode.NEAREST_EVEN);
        for (double base : new double[] {max, max + ulpMax / 2, max + ulpMax, 2 * max, minSub, minSub / 2, minSub * 1.5,
            minSub * 2.5, f.minNormal().toRational().toDouble(RoundingMode.NEAREST_EVEN)}) {
            xs.add(base);
        }
        for (int e = f.emin() - f.precision() - 2; e <= Math.min(f.emax() + 2, 1000); e++) {
            double binade = Math.scalb(1.0, e);
            double quantum = Math.scalb(1.0, Math.max(e, f.emin()) - f.precision() + 1);
            for (int k = 0; k < 4; k++) {
                double grid = binade + k * quantum;
                xs.add(grid);
                xs.add(grid + quantum / 2); // a tie
                xs.add(Math.nextUp(grid + quantum / 2));
                xs.add(Math.nextDown(grid + quantum / 2));
                xs.add(Math.nextDown(binade));
            }
        }
        List<Double> signed = new ArrayList<>();
        for (double x : xs) {
            signed.add(x);
            signed.add(-x);
        }
        return signed;
    }

    @Test
    void agreesWithTheExactRoundingEverywhere() {
        List<Format> formats = new ArrayList<>(Format.standard());
        formats.add(Format.custom(2, -3, 4, Format.Specials.IEEE));
        formats.add(Format.custom(30, -1000, 1000, Format.Specials.IEEE));
        formats.add(Format.custom(52, -960, 1022, Format.Specials.IEEE));
        SplittableRandom random = new SplittableRandom(17);
        for (Format f : formats) {
            NearestDoubles rounding = new NearestDoubles(f);
            List<Double> xs = edges(f);
            for (int k = 0; k < 20_000; k++) {
                xs.add(Double.longBitsToDouble(random.nextLong())); // every magnitude and sign
                xs.add(random.nextDouble() * Math.scalb(1.0, random.nextInt(-40, 41)));
            }
            for (double x : xs) {
                if (Double.isNaN(x) && Double.isNaN(exact(f, x))) {
                    continue;
                }
                assertEquals(Double.doubleToLongBits(exact(f, x)), Double.doubleToLongBits(rounding.round(x)),
                        () -> f.name() + ": RN(" + x + ") = " + exact(f, x) + ", rounded to " + rounding.round(x));
            }
        }
    }
}
