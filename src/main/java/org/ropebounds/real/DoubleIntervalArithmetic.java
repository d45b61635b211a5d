package org.ropebounds.real;

import java.math.BigInteger;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;

/**
 * Interval arithmetic in doubles, the fast path for results wanted to 15 digits or fewer. Java rounds
 * +, -, *, / and sqrt to nearest, so the exact result lies within one step ({@link Math#nextDown},
 * {@link Math#nextUp}) of the computed one; {@link StrictMath}'s exp, expm1, log, pow, cos, sin, asin, acos and atan
 * are within 1 ulp of the exact result, so it lies within two steps. Every result is widened by those
 * steps, hence contains the exact result. Monotone functions are evaluated at the ends; cos and sin at
 * the midpoint, widened by the radius (they are 1-Lipschitz). Stateless.
 */
public final class DoubleIntervalArithmetic implements Arithmetic<DoubleInterval> {

    public static final DoubleIntervalArithmetic INSTANCE = new DoubleIntervalArithmetic();

    private DoubleIntervalArithmetic() {
    }

    @Override
    public DoubleInterval of(Rational x) {
        BigInteger n = x.numerator();
        BigInteger d = x.denominator();
        if (n.bitLength() <= 53 && d.bitLength() <= 53) {
            double num = n.doubleValue(); // exact: at most 53 bits
            double den = d.doubleValue();
            return den == 1 ? new DoubleInterval(num, num) : divide(new DoubleInterval(num, num), new DoubleInterval(den, den));
        }
        return new DoubleInterval(x.toDouble(RoundingMode.TOWARD_NEGATIVE), x.toDouble(RoundingMode.TOWARD_POSITIVE));
    }

    /** The point x for |x| <= 2^53 (every such long is a double), as {@link #of(Rational)} gives it; else through the rational. */
    @Override
    public DoubleInterval of(long x) {
        if (Math.abs(x) <= 1L << 53) {
            return new DoubleInterval(x, x);
        }
        return of(Rational.of(x));
    }

    @Override
    public DoubleInterval add(DoubleInterval a, DoubleInterval b) {
        if (a.isPoint() && b.isPoint()) {
            double sum = a.lo() + b.lo();
            if (Double.isFinite(sum) && ErrorFreeTransforms.twoSumError(a.lo(), b.lo(), sum) == 0) {
                return new DoubleInterval(sum, sum); // exact
            }
        }
        return new DoubleInterval(Math.nextDown(a.lo() + b.lo()), Math.nextUp(a.hi() + b.hi()));
    }

    @Override
    public DoubleInterval subtract(DoubleInterval a, DoubleInterval b) {
        return add(a, new DoubleInterval(-b.hi(), -b.lo()));
    }

    @Override
    public DoubleInterval multiply(DoubleInterval a, DoubleInterval b) {
        if (a.isPoint() && b.isPoint()) {
            double p = a.lo() * b.lo();
            // the product's error is exactly representable (hence seen by fma) unless it underflows
            if (Math.abs(p) >= SAFE_MIN && Double.isFinite(p) && ErrorFreeTransforms.twoProductError(a.lo(), b.lo(), p) == 0) {
                return new DoubleInterval(p, p);
            }
        }
        double p1 = a.lo() * b.lo();
        double p2 = a.lo() * b.hi();
        double p3 = a.hi() * b.lo();
        double p4 = a.hi() * b.hi();
        return new DoubleInterval(Math.nextDown(Math.min(Math.min(p1, p2), Math.min(p3, p4))),
                Math.nextUp(Math.max(Math.max(p1, p2), Math.max(p3, p4))));
    }

    /** Below this magnitude an exactness test by fma could be fooled by underflow. */
    private static final double SAFE_MIN = 0x1p-900;

    @Override
    public DoubleInterval max(DoubleInterval a, DoubleInterval b) {
        return new DoubleInterval(Math.max(a.lo(), b.lo()), Math.max(a.hi(), b.hi()));
    }

    @Override
    public DoubleInterval divide(DoubleInterval a, DoubleInterval b) {
        if (b.lo() <= 0 && b.hi() >= 0) {
            throw new InsufficientPrecisionException("division by an interval containing zero");
        }
        if (a.isPoint() && b.isPoint()) {
            double q = a.lo() / b.lo();
            // the remainder a - q b is exactly representable unless it underflows: zero means exact
            if (Math.abs(q) >= SAFE_MIN && Math.abs(a.lo()) >= SAFE_MIN && Double.isFinite(q) && Math.fma(q, b.lo(), -a.lo()) == 0) {
                return new DoubleInterval(q, q);
            }
        }
        double q1 = a.lo() / b.lo();
        double q2 = a.lo() / b.hi();
        double q3 = a.hi() / b.lo();
        double q4 = a.hi() / b.hi();
        return new DoubleInterval(Math.nextDown(Math.min(Math.min(q1, q2), Math.min(q3, q4))),
                Math.nextUp(Math.max(Math.max(q1, q2), Math.max(q3, q4))));
    }

    @Override
    public DoubleInterval sqrt(DoubleInterval x) {
        if (x.lo() < 0) {
            throw new InsufficientPrecisionException("sqrt of an interval reaching below zero");
        }
        return new DoubleInterval(Math.max(0, Math.nextDown(Math.sqrt(x.lo()))), Math.nextUp(Math.sqrt(x.hi())));
    }

    @Override
    public DoubleInterval exp(DoubleInterval x) {
        return new DoubleInterval(Math.max(0, down2(StrictMath.exp(x.lo()))), up2(StrictMath.exp(x.hi())));
    }

    @Override
    public DoubleInterval expm1(DoubleInterval x) {
        return new DoubleInterval(down2(StrictMath.expm1(x.lo())), up2(StrictMath.expm1(x.hi())));
    }

    @Override
    public DoubleInterval log(DoubleInterval x) {
        if (x.lo() <= 0) {
            throw new InsufficientPrecisionException("log of an interval reaching zero");
        }
        return new DoubleInterval(down2(StrictMath.log(x.lo())), up2(StrictMath.log(x.hi())));
    }

    @Override
    public DoubleInterval pow(DoubleInterval x, DoubleInterval y) {
        if (x.lo() <= 0) {
            throw new InsufficientPrecisionException("pow of a base interval reaching zero");
        }
        if (y.isPoint() && y.lo() == Math.rint(y.lo()) && Math.abs(y.lo()) <= 64) {
            return integerPower(x, (int) y.lo()); // exact where the products and quotient are
        }
        if (y.isPoint() && Math.abs(y.lo()) == 0.5) {
            DoubleInterval root = sqrtKeepingExactness(x);
            return y.lo() > 0 ? root : divide(new DoubleInterval(1, 1), root);
        }
        // x^y is monotone in each argument for x > 0: the extremes are at the corners
        double p1 = StrictMath.pow(x.lo(), y.lo());
        double p2 = StrictMath.pow(x.lo(), y.hi());
        double p3 = StrictMath.pow(x.hi(), y.lo());
        double p4 = StrictMath.pow(x.hi(), y.hi());
        return new DoubleInterval(Math.max(0, down2(Math.min(Math.min(p1, p2), Math.min(p3, p4)))),
                up2(Math.max(Math.max(p1, p2), Math.max(p3, p4))));
    }

    private DoubleInterval integerPower(DoubleInterval x, int n) {
        DoubleInterval result = new DoubleInterval(1, 1);
        DoubleInterval square = x;
        for (int k = Math.abs(n); k > 0; k >>= 1) {
            if ((k & 1) != 0) {
                result = multiply(result, square);
            }
            if (k > 1) {
                square = multiply(square, square);
            }
        }
        return n >= 0 ? result : divide(new DoubleInterval(1, 1), result);
    }

    /** sqrt, a point when the root of a point is exact (Math.sqrt is correctly rounded). */
    private DoubleInterval sqrtKeepingExactness(DoubleInterval x) {
        if (x.isPoint() && x.lo() >= 0) {
            double r = Math.sqrt(x.lo());
            if (Math.abs(r) >= SAFE_MIN && Math.fma(r, r, -x.lo()) == 0) {
                return new DoubleInterval(r, r);
            }
        }
        return sqrt(x);
    }

    @Override
    public DoubleInterval cos(DoubleInterval x) {
        return lipschitz(x, StrictMath.cos(midpoint(x)));
    }

    @Override
    public DoubleInterval sin(DoubleInterval x) {
        return lipschitz(x, StrictMath.sin(midpoint(x)));
    }

    private static double midpoint(DoubleInterval x) {
        return x.isPoint() ? x.lo() : x.lo() + (x.hi() - x.lo()) / 2;
    }

    /** f(m) +/- (radius + the error of m as the midpoint), clamped to [-1, 1]. */
    private static DoubleInterval lipschitz(DoubleInterval x, double fm) {
        double m = midpoint(x);
        double radius = x.isPoint() ? 0 : Math.nextUp(Math.max(m - x.lo(), x.hi() - m));
        return new DoubleInterval(Math.max(-1, Math.nextDown(down2(fm) - radius)), Math.min(1, Math.nextUp(up2(fm) + radius)));
    }

    @Override
    public DoubleInterval acos(DoubleInterval x) {
        if (x.lo() < -1 || x.hi() > 1) {
            throw new InsufficientPrecisionException("acos of an interval reaching outside [-1, 1]");
        }
        return new DoubleInterval(Math.max(0, down2(StrictMath.acos(x.hi()))), up2(StrictMath.acos(x.lo())));
    }

    @Override
    public DoubleInterval asin(DoubleInterval x) {
        if (x.lo() < -1 || x.hi() > 1) {
            throw new InsufficientPrecisionException("asin of an interval reaching outside [-1, 1]");
        }
        return new DoubleInterval(down2(StrictMath.asin(x.lo())), up2(StrictMath.asin(x.hi())));
    }

    @Override
    public DoubleInterval atan(DoubleInterval x) {
        return new DoubleInterval(down2(StrictMath.atan(x.lo())), up2(StrictMath.atan(x.hi())));
    }

    @Override
    public DoubleInterval pi() {
        return new DoubleInterval(Math.PI, Math.nextUp(Math.PI)); // Math.PI = 3.14159265358979311... < pi
    }

    /** From the doubles themselves: the enclosure of a double interval is [lo, hi] exactly. */
    @Override
    public java.util.OptionalInt compareIfApart(DoubleInterval a, DoubleInterval b) {
        java.util.OptionalInt c = a.compareTo(b);
        return c.isPresent() && c.getAsInt() != 0 ? c : java.util.OptionalInt.empty();
    }

    @Override
    public Enclosure toEnclosure(DoubleInterval x) {
        return Enclosure.of(BinaryRational.ofDouble(x.lo()).toRational(), BinaryRational.ofDouble(x.hi()).toRational());
    }

    private static double down2(double v) {
        return Math.nextDown(Math.nextDown(v));
    }

    private static double up2(double v) {
        return Math.nextUp(Math.nextUp(v));
    }
}
