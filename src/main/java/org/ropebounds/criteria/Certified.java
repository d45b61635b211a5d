package org.ropebounds.criteria;

import java.math.BigInteger;
import java.util.Optional;
import java.util.function.Function;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.CertifiedDecimal.Direction;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.Ziv;

/** The Ziv loops the criteria share: a decimal in a stated direction, and integer parts decided from enclosures. */
final class Certified {
    private Certified() {
    }

    /** {@code f} evaluated in {@code a}, as an enclosure (binds the wildcard of {@code Arithmetic<?>} once, for lambdas). */
    static <T> Enclosure enclose(Arithmetic<T> a, Function<Arithmetic<T>, T> f) {
        return a.toEnclosure(f.apply(a));
    }

    /**
     * {@code f} to {@code digits} significant digits rounded in {@code direction}, or as many as the most precise
     * level decides; {@link CertifiedDecimal#undecided} when no level evaluates it.
     */
    static CertifiedDecimal decimal(int digits, Direction direction, Function<Arithmetic<?>, Enclosure> f) {
        record Step(Enclosure x, Optional<CertifiedDecimal> decided) {
        }
        Optional<Step> s = Ziv.refine(digits, (a, last) -> {
            Enclosure x = f.apply(a);
            return new Step(x, CertifiedDecimal.decide(x, digits, direction));
        }, st -> st.decided().isPresent());
        if (s.isEmpty()) {
            return CertifiedDecimal.undecided(digits);
        }
        return s.get().decided().orElseGet(() -> CertifiedDecimal.best(s.get().x(), digits, direction));
    }

    /**
     * ceil(x) for the real {@code f} encloses, when some level's enclosure lies within one interval (n-1, n] of the
     * integers; empty ("undecided") when even the most precise level straddles an integer.
     */
    static Optional<BigInteger> ceiling(Function<Arithmetic<?>, Enclosure> f) {
        return Ziv.decide(Ziv.DOUBLE_DOUBLE_DIGITS, a -> {
            Enclosure x = f.apply(a);
            return x.lo().ceil().equals(x.hi().ceil()) ? Optional.of(x.lo().ceil()) : Optional.empty();
        });
    }

    /** floor(x) for the real {@code f} encloses, when some level's enclosure lies within one [n, n+1); empty when undecided. */
    static Optional<BigInteger> floor(Function<Arithmetic<?>, Enclosure> f) {
        return Ziv.decide(Ziv.DOUBLE_DOUBLE_DIGITS, a -> {
            Enclosure x = f.apply(a);
            return x.lo().floor().equals(x.hi().floor()) ? Optional.of(x.lo().floor()) : Optional.empty();
        });
    }
}
