package org.ropebounds.model;

import java.math.BigInteger;
import java.util.Optional;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.Ieee;
import org.ropebounds.real.RealExpression;
import org.ropebounds.real.Ziv;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.RopeEmulator;

/**
 * The frequencies a scaled model really uses, mode by mode: exactly (certified reals, bounds.md section 3)
 * and as transformers' modeling_rope_utils computes them in fp32, op by op (its torch float32 operations
 * round to nearest-even in fp32; Python scalars enter them as fp32; pow is modelled as correctly rounded,
 * and the few scalars transformers computes in Python doubles with libm (YaRN's correction range,
 * dynamic NTK's new base) as exact reals rounded once to double).
 */
public final class EffectiveSpectrum {
    private final ModelConfig m;
    private final long seqLen;
    private final int d;
    private final RopeEmulator plain;

    /**
     * @param seqLen the sequence length the spectrum is for (dynamic NTK and LongRoPE depend on it)
     */
    public EffectiveSpectrum(ModelConfig m, long seqLen) {
        this.m = m;
        this.seqLen = seqLen;
        this.d = m.rotaryDim();
        this.plain = new RopeEmulator(dynamicBase(), d, Pipeline.preset("hf", Format.BF16));
    }

    public int modes() {
        return d / 2;
    }

    /** The base the exponents use: b, or dynamic NTK's b' when the sequence is longer than the context. */
    private Rational dynamicBase() {
        if (m.scaling() instanceof RopeScaling.Dynamic dyn && m.context().isPresent() && seqLen > m.context().get()) {
            // b' = b ((s n / L) - (s - 1))^(d/(d-2)), which transformers computes in Python doubles
            Rational s = dyn.factor();
            Rational inner = s.multiply(Rational.of(seqLen)).divide(Rational.of(m.context().get())).subtract(s.subtract(Rational.ONE));
            Rational exponent = Rational.of(BigInteger.valueOf(d), BigInteger.valueOf(d - 2L));
            Rational b = m.base();
            FloatValue dbl = Ieee.correctlyRounded(Format.FP64, new RealExpression() {
                @Override
                public <T> T evaluate(Arithmetic<T> a) {
                    return a.multiply(a.of(b), a.pow(a.of(inner), a.of(exponent)));
                }
            }, "dynamic NTK base");
            return dbl.value().toRational();
        }
        return m.base();
    }

    /** theta'_i as an exact real (bounds.md section 3). */
    public RealExpression theta(int i) {
        Rational b = m.base();
        Rational shape = Rational.of(BigInteger.valueOf(-2L * i), BigInteger.valueOf(d));
        RopeScaling sc = m.scaling();
        Optional<Rational> dynamic = sc instanceof RopeScaling.Dynamic && m.context().isPresent() && seqLen > m.context().get()
                ? Optional.of(((RopeScaling.Dynamic) sc).factor()) : Optional.empty();
        long context = m.context().orElse(0L);
        long n = seqLen;
        int dim = d;
        return new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                T theta = a.pow(a.of(b), a.of(shape));
                if (sc instanceof RopeScaling.Linear lin) {
                    return a.divide(theta, a.of(lin.factor()));
                }
                if (dynamic.isPresent()) {
                    Rational s = dynamic.get();
                    T inner = a.subtract(a.divide(a.multiply(a.of(s), a.of(n)), a.of(context)), a.of(s.subtract(Rational.ONE)));
                    T newBase = a.multiply(a.of(b), a.pow(inner, a.of(Rational.of(BigInteger.valueOf(dim), BigInteger.valueOf(dim - 2L)))));
                    return a.pow(newBase, a.of(shape));
                }
                if (sc instanceof RopeScaling.Llama3 l) {
                    // wavelength 2 pi / theta against L_orig/hi and L_orig/lo
                    T wavelength = a.divide(a.multiply(a.of(2), a.pi()), theta);
                    T lowWave = a.of(Rational.of(l.originalContext()).divide(l.lowFreqFactor()));
                    T highWave = a.of(Rational.of(l.originalContext()).divide(l.highFreqFactor()));
                    Enclosure w = a.toEnclosure(wavelength);
                    // transformers' precedence: divided above L_orig/lo first, then kept below L_orig/hi (the two differ
                    // only when low_freq_factor > high_freq_factor, where no band is blended)
                    if (w.compareTo(a.toEnclosure(lowWave)).orElseThrow(EffectiveSpectrum::undecided) > 0) {
                        return a.divide(theta, a.of(l.factor()));
                    }
                    if (w.compareTo(a.toEnclosure(highWave)).orElseThrow(EffectiveSpectrum::undecided) < 0) {
                        return theta;
                    }
                    T g = a.divide(a.subtract(a.divide(a.of(l.originalContext()), wavelength), a.of(l.lowFreqFactor())),
                            a.of(l.highFreqFactor().subtract(l.lowFreqFactor())));
                    return a.add(a.multiply(a.subtract(a.of(1), g), a.divide(theta, a.of(l.factor()))), a.multiply(g, theta));
                }
                if (sc instanceof RopeScaling.Yarn y) {
                    Rational s = yarnFactor(y);
                    Rational[] range = yarnRange(y);
                    Rational ramp = Rational.of(BigInteger.valueOf(i), BigInteger.ONE).subtract(range[0]).divide(range[1].subtract(range[0]));
                    ramp = ramp.max(Rational.ZERO).min(Rational.ONE);
                    Rational extrapolation = Rational.ONE.subtract(ramp);
                    // theta/s (1 - w) + theta w
                    return a.add(a.multiply(a.divide(theta, a.of(s)), a.of(Rational.ONE.subtract(extrapolation))),
                            a.multiply(theta, a.of(extrapolation)));
                }
                if (sc instanceof RopeScaling.LongRope lr) {
                    Rational f = (n > lr.originalContext() ? lr.longFactor() : lr.shortFactor()).get(i);
                    return a.divide(theta, a.of(f));
                }
                if (sc instanceof RopeScaling.FrequencyFactors ff) {
                    return a.divide(theta, a.of(ff.factors().get(i)));
                }
                return theta;
            }
        };
    }

    private static ArithmeticException undecided() {
        return new org.ropebounds.real.InsufficientPrecisionException("a llama3 wavelength lies on a threshold");
    }

    /** YaRN's factor: the declared one, else max_position_embeddings / original (as transformers). */
    private Rational yarnFactor(RopeScaling.Yarn y) {
        return y.factor().orElseGet(() -> Rational.of(m.context().orElseThrow()).divide(Rational.of(y.originalContext())));
    }

    /**
     * YaRN's correction range [low, high]: dim(r) = d ln(L_orig / (2 pi r)) / (2 ln b) for beta_fast and
     * beta_slow, floored and ceiled (truncate), clamped to [0, d - 1]; high += 0.001 when equal. With
     * {@code truncate: false} the range is what transformers computes, the real values rounded to double
     * (so the "exact" spectrum then carries that one rounding, as the model does).
     */
    Rational[] yarnRange(RopeScaling.Yarn y) {
        Rational b = m.base();
        RealExpression low = correctionDim(y.betaFast(), y.originalContext(), b);
        RealExpression high = correctionDim(y.betaSlow(), y.originalContext(), b);
        Rational lo;
        Rational hi;
        if (y.truncate()) {
            lo = Rational.of(floorOf(low, false), BigInteger.ONE);
            hi = Rational.of(floorOf(high, true), BigInteger.ONE);
        } else {
            // without truncation transformers uses the Python doubles themselves: the real values rounded once
            lo = Ieee.correctlyRounded(Format.FP64, low, "YaRN correction range").value().toRational();
            hi = Ieee.correctlyRounded(Format.FP64, high, "YaRN correction range").value().toRational();
        }
        lo = lo.max(Rational.ZERO);
        hi = hi.min(Rational.of(d - 1L));
        if (lo.equals(hi)) {
            hi = hi.add(Rational.parse("0.001"));
        }
        return new Rational[] {lo, hi};
    }

    private RealExpression correctionDim(Rational rotations, long originalContext, Rational b) {
        int dim = d;
        return new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                T ratio = a.divide(a.of(originalContext), a.multiply(a.multiply(a.of(rotations), a.of(2)), a.pi()));
                return a.divide(a.multiply(a.of(dim), a.log(ratio)), a.multiply(a.of(2), a.log(a.of(b))));
            }
        };
    }

    /** floor (or ceil) of an expression, decided by enclosures. */
    private static BigInteger floorOf(RealExpression x, boolean ceil) {
        return Ziv.decide(30, a -> {
            Enclosure e = x.enclose(a);
            BigInteger lo = ceil ? e.lo().ceil() : e.lo().floor();
            BigInteger hi = ceil ? e.hi().ceil() : e.hi().floor();
            return lo.equals(hi) ? Optional.of(lo) : Optional.empty();
        }).orElseThrow(() -> new ArithmeticException("could not decide the YaRN correction range"));
    }

    /** inv_freq_i as transformers computes it in fp32 (see the class comment). */
    public FloatValue fp32(int i) {
        return fp32(i, plain.pow(i));
    }

    /** The emulator whose pow stage is the model's: fp32 b^(2i/d) with the (dynamic) base the exponents use. */
    public RopeEmulator powSource() {
        return plain;
    }

    /**
     * inv_freq_i as transformers computes it in fp32 when its pow returns {@code pow} (an fp32 value; {@link #fp32(int)}
     * passes the correctly rounded one): the steps after pow are the same IEEE operations either way.
     */
    public FloatValue fp32(int i, FloatValue pow) {
        Format f = Format.FP32;
        FloatValue inv = Ieee.divide(Ieee.round(Rational.ONE, f), pow, f);
        RopeScaling sc = m.scaling();
        if (sc instanceof RopeScaling.Linear lin) {
            return Ieee.divide(inv, Ieee.round(lin.factor(), f), f);
        }
        if (sc instanceof RopeScaling.Llama3 l) {
            FloatValue twoPi = Ieee.round(BinaryPi.DOUBLE_TWO_PI, f);
            FloatValue wavelength = Ieee.divide(twoPi, inv, f);
            Rational w = wavelength.value().toRational();
            Rational lowWave = Rational.of(l.originalContext()).divide(l.lowFreqFactor());
            Rational highWave = Rational.of(l.originalContext()).divide(l.highFreqFactor());
            FloatValue factor = Ieee.round(l.factor(), f);
            FloatValue llama = w.compareTo(lowWave) > 0 ? Ieee.divide(inv, factor, f) : inv;
            boolean medium = !(w.compareTo(highWave) < 0) && !(w.compareTo(lowWave) > 0);
            if (!medium) {
                return llama;
            }
            FloatValue smooth = Ieee.divide(
                    Ieee.subtract(Ieee.divide(Ieee.round(Rational.of(l.originalContext()), f), wavelength, f), Ieee.round(l.lowFreqFactor(), f), f),
                    Ieee.round(l.highFreqFactor().subtract(l.lowFreqFactor()), f), f);
            FloatValue one = Ieee.round(Rational.ONE, f);
            FloatValue left = Ieee.divide(Ieee.multiply(Ieee.subtract(one, smooth, f), llama, f), factor, f);
            return Ieee.add(left, Ieee.multiply(smooth, llama, f), f);
        }
        if (sc instanceof RopeScaling.Yarn y) {
            FloatValue pos = pow;
            FloatValue one = Ieee.round(Rational.ONE, f);
            FloatValue extrapolation = Ieee.divide(one, pos, f);
            FloatValue interpolation = Ieee.divide(one, Ieee.multiply(Ieee.round(yarnFactor(y), f), pos, f), f);
            Rational[] range = yarnRange(y);
            FloatValue ramp = Ieee.divide(Ieee.subtract(Ieee.round(Rational.of(i), f), Ieee.round(range[0], f), f),
                    Ieee.round(range[1].subtract(range[0]), f), f);
            Rational r = ramp.value().toRational().max(Rational.ZERO).min(Rational.ONE);
            FloatValue extrapolationFactor = Ieee.subtract(one, Ieee.round(r, f), f);
            return Ieee.add(Ieee.multiply(interpolation, Ieee.subtract(one, extrapolationFactor, f), f),
                    Ieee.multiply(extrapolation, extrapolationFactor, f), f);
        }
        if (sc instanceof RopeScaling.LongRope lr) {
            Rational factor = (seqLen > lr.originalContext() ? lr.longFactor() : lr.shortFactor()).get(i);
            FloatValue product = Ieee.multiply(Ieee.round(factor, f), pow, f);
            return Ieee.divide(Ieee.round(Rational.ONE, f), product, f);
        }
        if (sc instanceof RopeScaling.FrequencyFactors ff) {
            // the factors are fp32 values already: one fp32 division, as ggml's rope divides theta by freq_factors
            return Ieee.divide(inv, Ieee.round(ff.factors().get(i), f), f);
        }
        return inv; // none, dynamic (through its new base), unknown
    }

    /**
     * What the retrofit does to mode i: "kept", "interpolated" (divided by the factor), "blended" (between
     * the two), "rescaled" (LongRoPE's per-mode factor), "new base" (dynamic NTK above the context).
     */
    public String role(int i) {
        RopeScaling sc = m.scaling();
        if (sc instanceof RopeScaling.Linear) {
            return "interpolated";
        }
        if (sc instanceof RopeScaling.Dynamic) {
            return m.context().isPresent() && seqLen > m.context().get() ? "new base" : "kept";
        }
        if (sc instanceof RopeScaling.LongRope) {
            return "rescaled";
        }
        if (sc instanceof RopeScaling.FrequencyFactors ff) {
            return ff.factors().get(i).equals(Rational.ONE) ? "kept" : "rescaled";
        }
        if (sc instanceof RopeScaling.Yarn y) {
            Rational[] range = yarnRange(y);
            Rational ramp = Rational.of(i).subtract(range[0]).divide(range[1].subtract(range[0]));
            return ramp.signum() <= 0 ? "kept" : ramp.compareTo(Rational.ONE) >= 0 ? "interpolated" : "blended";
        }
        if (sc instanceof RopeScaling.Llama3 l) {
            // decided on the exact wavelength, as theta(i) does
            Rational b = m.base();
            Rational shape = Rational.of(BigInteger.valueOf(2L * i), BigInteger.valueOf(d));
            RealExpression wavelength = new RealExpression() {
                @Override
                public <T> T evaluate(Arithmetic<T> a) {
                    return a.multiply(a.multiply(a.of(2), a.pi()), a.pow(a.of(b), a.of(shape)));
                }
            };
            Rational high = Rational.of(l.originalContext()).divide(l.highFreqFactor());
            Rational low = Rational.of(l.originalContext()).divide(l.lowFreqFactor());
            return Ziv.decide(30, a -> {
                Enclosure w = wavelength.enclose(a);
                var belowHigh = w.compareTo(high);
                var aboveLow = w.compareTo(low);
                if (aboveLow.isPresent() && aboveLow.getAsInt() > 0) {
                    return Optional.of("interpolated");
                }
                if (aboveLow.isPresent() && belowHigh.isPresent() && belowHigh.getAsInt() < 0) {
                    return Optional.of("kept");
                }
                return belowHigh.isPresent() && aboveLow.isPresent() ? Optional.of("blended") : Optional.<String>empty();
            }).orElse("undecided");
        }
        return "kept";
    }

    /** The attention factor transformers applies to cos/sin (1 for most types), exactly. */
    public RealExpression attentionFactor() {
        RopeScaling sc = m.scaling();
        return new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                if (sc instanceof RopeScaling.Yarn y) {
                    if (y.attentionFactor().isPresent()) {
                        return a.of(y.attentionFactor().get());
                    }
                    Rational s = yarnFactor(y);
                    if (y.mscale().isPresent() && y.mscaleAllDim().isPresent()
                            && y.mscale().get().signum() != 0 && y.mscaleAllDim().get().signum() != 0) {
                        return a.divide(mscale(a, s, y.mscale().get()), mscale(a, s, y.mscaleAllDim().get()));
                    }
                    return mscale(a, s, Rational.ONE);
                }
                if (sc instanceof RopeScaling.LongRope lr) {
                    if (lr.attentionFactor().isPresent()) {
                        return a.of(lr.attentionFactor().get());
                    }
                    Rational s = lr.factor().orElseGet(() -> Rational.of(m.context().orElseThrow()).divide(Rational.of(lr.originalContext())));
                    if (s.compareTo(Rational.ONE) <= 0) {
                        return a.of(1);
                    }
                    return a.sqrt(a.add(a.of(1), a.divide(a.log(a.of(s)), a.log(a.of(lr.originalContext())))));
                }
                return a.of(1);
            }
        };
    }

    /** 0.1 mscale ln(s) + 1 (1 for s <= 1). */
    private static <T> T mscale(Arithmetic<T> a, Rational s, Rational mscale) {
        if (s.compareTo(Rational.ONE) <= 0) {
            return a.of(1);
        }
        return a.add(a.multiply(a.of(Rational.parse("0.1").multiply(mscale)), a.log(a.of(s))), a.of(1));
    }

    /** Python's 2 * math.pi: the double nearest 2 pi, exactly. */
    static final class BinaryPi {
        static final Rational DOUBLE_TWO_PI = Rational.parse("0x1.921fb54442d18p+2");

        private BinaryPi() {
        }
    }
}
