package org.ropebounds.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ropebounds.InvalidInputException;
import org.ropebounds.claim.Claim.Verdict;
import org.ropebounds.format.Rational;

/** Claims with verdicts worked out by hand (or by mpmath where said), and the whitelist's refusals. */
class ClaimTest {

    private static Verdict verdict(String claim, Map<String, Rational> parameters) {
        return ClaimParser.parse(claim, parameters).check(30).verdict();
    }

    private static Verdict verdict(String claim) {
        return verdict(claim, Map.of());
    }

    /** ../shared/reference/failures.md section B, the numeric claims. */
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = ';', value = {
        // candle #3520: "bf16 cannot represent integer positions above 256 exactly". bf16 has p = 8, so the
        // integers up to 2^8 = 256 are exact and 257 = 2^8 + 1 needs 9 bits (ties to even: 256).
        "round(bf16, 256) == 256; TRUE",
        "round(bf16, 257) != 257; TRUE",
        "round(bf16, 257) == 256; TRUE",
        // "position 15962 rounds to 15936 or 15968": 2^13 <= 15962 < 2^14, so ulp = 2^(13-7) = 64;
        // 15962 = 249*64 + 26 and 26 < 32, so it rounds down to 249*64 = 15936.
        "ulp(bf16, 15962) == 64; TRUE",
        "round(bf16, 15962) == 15936; TRUE",
        "round(bf16, 15962) == 15968; FALSE",
        "15936 <= round(bf16, 15962) <= 15968; TRUE",
        // AnchorAttention's 128K base 1e7 and the issue's "base 1e7 exceeds the fp32 safe range":
        // the fp32 ceiling is 2^(24-1) = 8388608 < 10^7.
        "1e7 > ceiling(fp32); TRUE",
        "ceiling(fp32) == 8388608; TRUE",
        // Llama 3's 500000 is inside it; bf16's ceiling 2^7 = 128 is far below
        "500000 < ceiling(fp32); TRUE",
        "ceiling(bf16) == 128; TRUE",
        "ceiling(fp16) == 1024; TRUE",
        // PR #29285, positions in bf16: at 2^12 the ulp is 2^(12-7) = 32, so 4097 is 1/32 of an ulp above
        // 4096 and rounds to it; likewise fp16 (p = 11) at 2^11 + 1 and fp32 (p = 24) at 2^24 + 1.
        "round(bf16, 4097) == 4096; TRUE",
        "round(fp16, 2049) == 2048; TRUE",
        "round(fp32, 16777217) == 16777216; TRUE",
    })
    void failuresSectionB(String claim, Verdict expected) {
        assertEquals(expected, verdict(claim));
    }

    @Test
    void theIssuesExampleIsFalse() {
        // L/arccos(eps^(1/N)) at L = 2^17, eps = 0.9, N = 32: 0.9^(1/32) = 1 - 0.003287..., arccos(1 - x) ~ sqrt(2x)
        // = 0.08108, so the threshold is about 131072/0.0811 = 1.616e6 > 500000 (mpmath, 40 digits:
        // 1616104.056043270345338691663083392270767).
        Map<String, Rational> p = Map.of("L", Rational.of(131072), "eps", Rational.parse("0.9"), "N", Rational.of(32));
        assertEquals(Verdict.FALSE, verdict("L/arccos(eps^(1/N)) <= 500000", p));
        assertEquals(Verdict.TRUE, verdict("1616104.0560432703453386916630 < L/arccos(eps^(1/N)) < 1616104.0560432703453386916631", p));
        // the binding lower bound is the depth one here (eps^(1/N) > eps, and L/(2 pi) is smaller still)
        assertEquals(Verdict.TRUE, verdict("1616104.05604327 < zone_lower(131072, 32, 0.9, 128) < 1616104.05604328"));
        assertEquals(Verdict.TRUE, verdict("zone_lower(131072, 1, 0.9, 128) > 131072 / (2*pi)"));
    }

    @Test
    void exactArithmeticDecidesEquality() {
        assertEquals(Verdict.TRUE, verdict("(-2)^3 == -8"));
        assertEquals(Verdict.TRUE, verdict("2^-2 == 0.25"));
        assertEquals(Verdict.TRUE, verdict("2^3^2 == 512")); // right-associative: 2^9
        assertEquals(Verdict.TRUE, verdict("-2^2 == -4")); // ^ binds tighter than unary minus
        assertEquals(Verdict.TRUE, verdict("1/3 + 1/6 == 0.5"));
        assertEquals(Verdict.TRUE, verdict("0x1.8p1 == 3"));
        assertEquals(Verdict.TRUE, verdict("min(2, 3) == 2 < max(2, 3) == 3"));
        assertEquals(Verdict.TRUE, verdict("abs(-7) == 7"));
    }

    @Test
    void chainsNeedEveryLink() {
        assertEquals(Verdict.TRUE, verdict("1 < 2 <= 2 < 3"));
        assertEquals(Verdict.FALSE, verdict("1 < 3 < 2"));
        assertEquals(Verdict.FALSE, verdict("sqrt(2)^2 == 2 < 1")); // the decided false link wins
    }

    @Test
    void irrationalsCloseToAnEqualityAreUndecided() {
        // sqrt(2)^2 is 2, but no enclosure of sqrt(2) is exact: like Arb, the checker cannot say TRUE
        assertEquals(Verdict.UNDECIDED, verdict("sqrt(2)^2 == 2"));
        assertEquals(Verdict.UNDECIDED, verdict("cos(pi) == -1"));
        // but it decides what differs: pi > 3.14159265358979323846 (pi = 3.14159265358979323846264...)
        assertEquals(Verdict.TRUE, verdict("pi > 3.14159265358979323846"));
        assertEquals(Verdict.TRUE, verdict("sqrt(2)^2 != 2.000000000000000000000000000000001"));
        assertEquals(Verdict.TRUE, verdict("exp(log(10)) < 10.0000000001"));
    }

    @Test
    void thetaIsBToTheMinus2IOverD() {
        // theta(10000, 128, 5) = 10000^(-10/128) = 10^(-5/16) (mpmath: 0.48696752516586311493529748503439657522)
        assertEquals(Verdict.TRUE, verdict("0.486967525165863114935297485034 < theta(10000, 128, 5) < 0.486967525165863114935297485035"));
        assertEquals(Verdict.TRUE, verdict("theta(10000, 128, 0) == 1"));
    }

    @ParameterizedTest(name = "refuses {0}")
    @CsvSource(delimiter = ';', value = {
        "Export(\"/tmp/x\", 1) < 1; unknown function 'Export'",
        "ReadString(\"/etc/passwd\") == 1; unknown function 'ReadString'",
        "Sin[1] < 1; '[' is not accepted",
        "sin[1] < 1; '[' is not accepted",
        "x = 1; unknown name 'x'",
        "1 = 1; '=' is not accepted",
        "2 + 2; has no comparison",
        "1 < ; expected a number",
        "round(fp7, 1) == 1; fp7",
        "1 < 2 extra; expected a comparison",
        "1 < 2 # comment; expected a comparison",
        "1 < $x; unexpected '$'",
        "zone_lower(1.5, 1, 0.5, 128) > 1; integer",
        "log(-1) < 1; domain",
        "round(bf16, 1e40) > 1; overflows",
        "1e5000 > 1; too large",
        "10^(10^1000) > 1; beyond 2^(2^20)",
        "theta(10, 1, -10^1000) > 1; beyond 2^(2^20)",
        "exp(exp(exp(exp(10)))) > 1; exp(x) with |x| beyond 2^20",
    })
    void refusesBeforeEvaluating(String claim, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> verdict(claim));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
        assertTrue(!e.getMessage().contains("--"), "library terms, no command-line option: " + e.getMessage());
    }

    @Test
    void theVerdictComesFromTheFirstDecidingLevelOrTheMostPrecise() {
        // at 30 digits Ziv's levels are 132 bits (ceil(30 * 3.32) + 32), doubling, then 4096 (its floor on the last level)
        Claim.Result easy = ClaimParser.parse("1 < 2", Map.of()).check(30);
        assertEquals(Verdict.TRUE, easy.verdict());
        assertEquals(132, easy.precisionBits());
        // sqrt(2)^2 == 2 holds, but no enclosure of sqrt(2)^2 is a point: undecided at the most precise level
        Claim.Result hard = ClaimParser.parse("sqrt(2)^2 == 2", Map.of()).check(30);
        assertEquals(Verdict.UNDECIDED, hard.verdict());
        assertEquals(4096, hard.precisionBits());
        assertTrue(hard.sides().get(0).contains(Rational.of(2)));
        // at 15 digits the first level is double intervals (53 bits)
        assertEquals(53, ClaimParser.parse("1 < 2", Map.of()).check(15).precisionBits());
    }

    @Test
    void refusesDeepNestingAndLongText() {
        String deep = "(".repeat(100) + "1" + ")".repeat(100) + " < 2";
        assertTrue(assertThrows(InvalidInputException.class, () -> verdict(deep)).getMessage().contains("nests deeper"));
        String unary = "-".repeat(100) + "1 < 2";
        assertTrue(assertThrows(InvalidInputException.class, () -> verdict(unary)).getMessage().contains("nests deeper"));
        String powers = "2" + "^2".repeat(100) + " > 1";
        assertTrue(assertThrows(InvalidInputException.class, () -> verdict(powers)).getMessage().contains("nests deeper"));
        String longText = "1" + " + 1".repeat(1000) + " > 1";
        assertTrue(assertThrows(InvalidInputException.class, () -> verdict(longText)).getMessage().contains("too long"));
        assertTrue(assertThrows(InvalidInputException.class, () -> verdict("pi > 1", Map.of("pi", Rational.ONE)))
                .getMessage().contains("parameter name 'pi'"));
        assertTrue(assertThrows(InvalidInputException.class, () -> verdict("1 > 0", Map.of("sqrt", Rational.ONE)))
                .getMessage().contains("parameter name 'sqrt'"));
    }
}
