package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;

/**
 * Certified arithmetic against constants whose digits are published independently of this code (pi,
 * e, ln 2, sqrt 2 to 50 places, as tabulated in OEIS A000796, A001113, A002162, A002193) and against
 * identities that hold exactly.
 */
class RealArithmeticTest {

    private static final String PI_50 = "3.1415926535897932384626433832795028841971693993751";
    private static final String E_50 = "2.7182818284590452353602874713526624977572470937000";
    private static final String LN2_50 = "0.69314718055994530941723212145817656807550013436026";
    private static final String SQRT2_50 = "1.4142135623730950488016887242096980785696718753769";

    @SuppressWarnings({"unchecked", "rawtypes"})
    static CertifiedDecimal decimal(int digits, Function<Arithmetic, Object> f) {
        return Ziv.decimal(digits, a -> ((Arithmetic) a).toEnclosure(f.apply(a)));
    }

    @Test
    void publishedConstantsTo50Places() {
        assertEquals(PI_50, decimal(50, Arithmetic::pi).text());
        assertEquals(E_50, decimal(50, a -> a.exp(a.of(1))).text());
        assertEquals(LN2_50, decimal(50, a -> a.log(a.of(2))).text());
        assertEquals(SQRT2_50, decimal(50, a -> a.sqrt(a.of(2))).text());
        // the same at 15 digits, where the double fast path answers
        assertEquals("3.14159265358979", decimal(15, Arithmetic::pi).text());
        assertEquals("0.693147180559945", decimal(15, a -> a.log(a.of(2))).text());
    }

    @Test
    void exactInputsStayExact() {
        EnclosureArithmetic a = new EnclosureArithmetic(64);
        Rational tenth = Rational.parse("0.1");
        assertTrue(a.add(a.of(tenth), a.of(tenth)).isExact());
        assertEquals(Rational.parse("0.2"), a.add(a.of(tenth), a.of(tenth)).lo());
        assertEquals(Rational.of(BigInteger.ONE, BigInteger.valueOf(3)), a.divide(a.of(1), a.of(3)).lo());
        assertTrue(a.sqrt(a.of(Rational.parse("2.25"))).isExact()); // 1.5
        assertTrue(a.pow(a.of(8), a.of(Rational.of(BigInteger.ONE, BigInteger.valueOf(3)))).isExact()); // 2
        assertEquals(Rational.of(1 << 23), a.pow(a.of(2), a.of(23)).lo());
        assertTrue(a.exp(a.of(0)).isExact());
        assertTrue(a.log(a.of(1)).isExact());
        assertTrue(a.acos(a.of(1)).isExact());
        assertFalse(a.sqrt(a.of(2)).isExact());
        // at 15 digits exactness survives the double path too
        CertifiedDecimal ceiling = decimal(15, x -> x.divide(x.of(1), x.of(Rational.parse("0x1p-23"))));
        assertTrue(ceiling.exact());
        assertEquals("8388608", ceiling.text());
    }

    @Test
    void identities() {
        // acos(-1) = pi, 4 atan(1) = pi, cos(pi/3) = 1/2, sin(pi/6) = 1/2, log(exp(7/3)) = 7/3
        assertEquals(PI_50, decimal(50, a -> a.acos(a.of(-1))).text());
        assertEquals(PI_50, decimal(50, a -> a.multiply(a.of(4), a.atan(a.of(1)))).text());
        assertEquals("0.50000000000000000000000000000000000000000000000000",
                decimal(50, a -> a.cos(a.divide(a.pi(), a.of(3)))).text());
        assertEquals("0.50000000000000000000000000000000000000000000000000",
                decimal(50, a -> a.sin(a.divide(a.pi(), a.of(6)))).text());
        assertEquals("2.3333333333333333333333333333333333333333333333333",
                decimal(50, a -> a.log(a.exp(a.of(Rational.of(BigInteger.valueOf(7), BigInteger.valueOf(3)))))).text());
    }

    @Test
    void illConditionedArgumentsKeepTheirRelativePrecision() {
        // acos(1 - x) = sqrt(2x) (1 + x/12 + ...): for x = 1e-30, sqrt(2e-30) = 1.41421356237309504880...e-15
        assertEquals("1.41421356237309504880e-15", decimal(21, a -> a.acos(a.of(Rational.parse("0.999999999999999999999999999999")))).text());
        // log(1 + x) = x - x^2/2 + ...: for x = 1e-25 the first 25 digits are 9.999...95e-26
        assertEquals("9.99999999999999999999999950000e-26", decimal(30, a -> a.log(a.of(Rational.parse("1.0000000000000000000000001")))).text());
        // exp(-700): a tiny result keeps its relative precision (ln of it gives back -700)
        assertEquals("-700.000000000000000000", decimal(21, a -> a.log(a.exp(a.of(-700)))).text());
    }

    @Test
    void domainErrorsAreReported() {
        EnclosureArithmetic a = new EnclosureArithmetic(64);
        assertThrows(ArithmeticException.class, () -> a.log(a.of(0)));
        assertThrows(ArithmeticException.class, () -> a.acos(a.of(2)));
        assertThrows(ArithmeticException.class, () -> a.divide(a.of(1), a.of(0)));
        Enclosure straddling = Enclosure.of(Rational.parse("-1e-9"), Rational.parse("1e-9"));
        assertThrows(InsufficientPrecisionException.class, () -> a.log(straddling));
        assertThrows(InsufficientPrecisionException.class, () -> a.divide(a.of(1), straddling));
    }

    @Test
    void printingKeepsOnlyDecidedDigits() {
        // [1.2344, 1.2346] decides 1.234 (4 digits) but not a 5th
        Enclosure x = Enclosure.of(Rational.parse("1.23441"), Rational.parse("1.23446"));
        CertifiedDecimal d = CertifiedDecimal.best(x, 8);
        assertEquals("1.234", d.text());
        assertEquals(4, d.digits());
        assertFalse(d.complete());
        assertTrue(d.guarantee().contains("8 asked"));
        assertEquals("?", CertifiedDecimal.best(Enclosure.of(Rational.parse("-1"), Rational.parse("1")), 3).text());
        CertifiedDecimal exact = CertifiedDecimal.decide(Enclosure.exact(Rational.parse("1e30")), 3).get();
        assertEquals("1e+30", exact.text()); // exact: the digits it has, not padded to the 3 asked
        assertTrue(exact.exact());
        assertEquals("0.000125", CertifiedDecimal.decide(Enclosure.exact(Rational.parse("1.25e-4")), 6).get().text());
        assertEquals("1.33333e-7", CertifiedDecimal.decide(Enclosure.exact(Rational.of(BigInteger.valueOf(4), BigInteger.valueOf(30_000_000))), 6).get().text());
    }
}
