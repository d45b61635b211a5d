package org.ropebounds.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ropebounds.InvalidInputException;
import org.ropebounds.claim.Claim.Verdict;

/** Work out of reach is refused before the costly step; the digit range; formats written in full. */
class ClaimReachTest {
    private static final Duration QUICKLY = Duration.ofSeconds(20);

    @ParameterizedTest
    @ValueSource(strings = {
        "sin(10^300000) < 2", "cos(2^1000000) <= 1", "sin(2^4097) < 2", "sin(-(2^5000)) < 2", "cos(2^4096 * 3) < 2",
        "theta(10^1000, 1, 10^1000) > 0", "(2^4000)^65535 > 1", "2^(2^21) > 1", "(1/2)^(2^21) > 0", "exp(10^10) > 1",
        "round(fp32, 3^(2^30)) > 0", "ulp(bf16, 10^(10^7)) > 0"})
    void outOfReachIsRefusedAtOnce(String claim) {
        Claim c = ClaimParser.parse(claim, Map.of());
        InvalidInputException e = assertTimeoutPreemptively(QUICKLY, () -> assertThrows(InvalidInputException.class, () -> c.check(30)));
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        // the limits are exact: |x| <= 2^20 for exp, |x| <= 2^4096 for cos and sin
        assertEquals(Verdict.TRUE, ClaimParser.parse("exp(-(2^20)) > 0", Map.of()).check(30).verdict());
        assertEquals(Verdict.TRUE, assertTimeoutPreemptively(QUICKLY, () -> ClaimParser.parse("cos(-(2^4096)) <= 1", Map.of()).check(30).verdict()));
        assertThrows(InvalidInputException.class, () -> ClaimParser.parse("exp(2^20 + 2^-100) > 0", Map.of()).check(30));
        assertThrows(InvalidInputException.class, () -> ClaimParser.parse("sin(2^4096 + 2^-100) > -2", Map.of()).check(30));
        // |sin| <= 1 everywhere; 2^1000000 = 2^(10^6) is below 2^(2^20) = 2^1048576
        assertEquals(Verdict.TRUE, assertTimeoutPreemptively(QUICKLY, () -> ClaimParser.parse("-1 <= sin(2^4096) <= 1", Map.of()).check(30).verdict()));
        assertEquals(Verdict.TRUE, ClaimParser.parse("2^1000000 > 10^300000", Map.of()).check(30).verdict());
        // 65535 = 2^16 - 1 is the largest exponent taken by repeated squaring; log2(3^65535) = 65535 * 1.58496... = 103870.5
        assertEquals(Verdict.TRUE, ClaimParser.parse("2^103870 < 3^65535 < 2^103871", Map.of()).check(30).verdict());
    }

    @Test
    void digitsOutsideTheRangeAreRefused() {
        Claim c = ClaimParser.parse("1 < 2", Map.of());
        for (int d : new int[] {0, -1, Claim.MAX_DIGITS + 1, 10_000}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> c.check(d));
            assertEquals("digits " + d + " is out of range; accepted: 1.." + Claim.MAX_DIGITS, e.getMessage());
        }
        assertEquals(Verdict.TRUE, c.check(Claim.MAX_DIGITS).verdict());
    }

    @Test
    void customFormatsKeepTheirCommas() {
        // p=11, emin=-14, emax=15 is fp16: 2^13 <= 15962 < 2^14, spacing 2^(13-10) = 8, 15962 = 1995*8 + 2 -> 15960
        assertEquals(Verdict.TRUE, ClaimParser.parse("round(p=11, emin=-14, emax=15, 15962) == 15960", Map.of()).check(30).verdict());
        assertEquals(Verdict.TRUE, ClaimParser.parse("ulp(p=11,emin=-14,emax=15,specials=ieee, 15962) == 8", Map.of()).check(30).verdict());
        // ceiling(p=8, ...) = 2^(p-1) = 128
        assertEquals(Verdict.TRUE, ClaimParser.parse("ceiling(p=8,emin=-126,emax=127) == 128", Map.of()).check(30).verdict());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ClaimParser.parse("round(p=-3,emin=-6,emax=8, 1) > 0", Map.of()));
        assertTrue(e.getMessage().contains("p=-3"), e.getMessage());
    }

    @Test
    void echoedClaimsArePrintableAndShort() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ClaimParser.parse("1 <\u001b[2J" + " ".repeat(5) + "2".repeat(500), Map.of()));
        assertTrue(e.getMessage().contains("claim '1 <\\e[2J 2222"), e.getMessage());
        assertTrue(e.getMessage().contains("(512 characters)"), e.getMessage()); // 3 + 1 + 3 + 5 + 500
        assertTrue(e.getMessage().chars().noneMatch(ch -> ch < 0x20), e.getMessage());
    }
}
