package org.ropebounds.bounds;

import java.util.List;
import org.ropebounds.format.Format;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.Enclosure;

/**
 * One bound on the RoPE base b: what it is called, where it comes from, what it assumes, its closed
 * form, and how to evaluate it with certified arithmetic. Adding a bound means adding one class and
 * listing it in {@link Bounds}.
 */
public interface Bound {

    /** Which side of the feasible region a bound limits. */
    enum Side {
        /** b must be above the threshold. */
        LOWER,
        /** b must be below the threshold. */
        UPPER
    }

    /** Stable identifier used in JSON: {@code aliasing}, {@code dc_stability}, ... */
    String id();

    /** A short human title. */
    String title();

    /** Citation. */
    String source();

    /** The assumptions under which the bound holds, one sentence each. */
    List<String> assumptions();

    /** Which side of the feasible region it limits. */
    Side side();

    /** Whether the inequality is strict ({@code b > x}, {@code b < x}) rather than {@code b >= x}. */
    boolean strict();

    /** Whether the bound depends on the number format. */
    default boolean dependsOnFormat() {
        return false;
    }

    /**
     * The approx-spectrum threshold on b in Symja syntax over L, N, eps, d, p (for instance
     * {@code L/ArcCos(eps^(1/N))}). The exact-spectrum threshold is this raised to d/(d-2).
     */
    String closedForm();

    /** The approx-spectrum threshold under the given epsilon convention (only the ceiling depends on it). */
    default String closedForm(EpsilonConvention convention) {
        return closedForm();
    }

    /** The threshold in the given spectrum and convention, in Symja syntax. */
    default String closedForm(Spectrum spectrum, EpsilonConvention convention) {
        String approx = closedForm(convention);
        return spectrum == Spectrum.APPROX ? approx : "(" + approx + ")^(d/(d-2))";
    }

    /** The approx-spectrum threshold, evaluated in {@code a}. {@code format} is ignored unless {@link #dependsOnFormat()}. */
    <T> T approxThreshold(Arithmetic<T> a, ZoneQuery q, Format format);

    /** The threshold on b in the query's spectrum: the approx threshold x, or x^(d/(d-2)) for the exact spectrum. */
    default <T> T threshold(Arithmetic<T> a, ZoneQuery q, Format format) {
        return inSpectrum(a, q, approxThreshold(a, q, format));
    }

    /**
     * An approx-spectrum threshold x carried to the query's spectrum: x itself, or x^(d/(d-2)) for the exact spectrum.
     *
     * @param x a positive threshold in {@code a}
     */
    static <T> T inSpectrum(Arithmetic<T> a, ZoneQuery q, T x) {
        return q.spectrum() == Spectrum.APPROX ? x : a.pow(x, a.of(q.exactSpectrumExponent()));
    }

    /** {@link #threshold} as an enclosure. */
    default Enclosure enclose(Arithmetic<?> a, ZoneQuery q, Format format) {
        return Bounds.enclose(this, a, q, format);
    }
}
