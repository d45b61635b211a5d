package org.ropebounds.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The proof-file format and its runner, including that a wrong Out is reported. */
class ProofScriptTest {

    private static SymbolicEngine engine;

    @BeforeAll
    static void start() {
        engine = SymbolicEngine.create();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static final String GOOD = String.join("\n",
            "# A proof",
            "",
            "```symja",
            "In:  Solve(L/b == ArcCos(eps^(1/N)), b)",
            "Out: {{b->L/ArcCos(eps^(1/N))}}",
            "",
            "In:  D(L/ArcCos(eps^(1/N)), N)",
            "Out: (-eps^(1/N)*L*Log(eps))/(Sqrt(1-eps^(2/N))*N^2*ArcCos(eps^(1/N))^2)",
            "Sign: positive",
            "```",
            "",
            "```java",
            "In: this is not a symja block",
            "```",
            "",
            "```symja",
            "In:  nmax = Log(eps)/Log(Cos(L/b))",
            "Out: Log(eps)/Log(Cos(L/b))",
            "Sign: positive [quarter-turn]",
            "In:  D(nmax, L)",
            "Out: (Log(eps)*Tan(L/b))/(b*Log(Cos(L/b))^2)",
            "Sign: negative [quarter-turn]",
            "```",
            "");

    @Test
    void parsesStepsWithLinesAndSigns() {
        ProofScript script = ProofScript.parse("good.md", GOOD);
        List<ProofScript.Step> steps = script.steps();
        assertEquals(4, steps.size());
        assertEquals(4, steps.get(0).line());
        assertEquals("Solve(L/b == ArcCos(eps^(1/N)), b)", steps.get(0).input());
        assertEquals(Optional.empty(), steps.get(0).signClaim());
        // GOOD's line 9 is "Sign: positive", lines 19 and 22 the two quarter-turn claims
        assertEquals(Optional.of(new ProofScript.SignClaim(Sign.POSITIVE, Assumptions.STANDARD, 9)), steps.get(1).signClaim());
        assertEquals(Optional.of(new ProofScript.SignClaim(Sign.POSITIVE, Assumptions.WITHIN_QUARTER_TURN, 19)),
                steps.get(2).signClaim());
        assertEquals(Optional.of(new ProofScript.SignClaim(Sign.NEGATIVE, Assumptions.WITHIN_QUARTER_TURN, 22)),
                steps.get(3).signClaim());
    }

    @Test
    void aCorrectScriptPasses() {
        assertEquals(List.of(), ProofScript.parse("good.md", GOOD).check(engine));
    }

    @Test
    void aWrongOutIsReportedWithFileLineExpectedAndActual() {
        String wrong = GOOD.replace("Out: {{b->L/ArcCos(eps^(1/N))}}", "Out: {{b->L/ArcCos(eps^(1/N))+1}}");
        List<ProofScript.Failure> failures = ProofScript.parse("wrong.md", wrong).check(engine);
        assertEquals(1, failures.size());
        ProofScript.Failure f = failures.get(0);
        assertEquals("wrong.md", f.file());
        assertEquals(4, f.line());
        assertEquals("{{b->L/ArcCos(eps^(1/N))+1}}", f.expected());
        assertEquals("{{b->L/ArcCos(eps^(1/N))}}", f.actual());
        assertTrue(f.message().startsWith("wrong.md:4: In: Solve(L/b == ArcCos(eps^(1/N)), b)"), f.message());
    }

    @Test
    void aWrongSignClaimIsReported() {
        String wrong = GOOD.replace("Sign: negative [quarter-turn]", "Sign: positive [quarter-turn]")
                .replace("Sign: positive\n", "Sign: negative\n");
        List<ProofScript.Failure> failures = ProofScript.parse("sign.md", wrong).check(engine);
        assertEquals(2, failures.size(), failures.toString());
        assertEquals(9, failures.get(0).line());
        assertEquals("negative", failures.get(0).expected());
        assertEquals("positive", failures.get(0).actual());
        assertEquals("negative [quarter-turn]", failures.get(1).actual());
    }

    @Test
    void anUndecidableSignIsAFailureNotAPass() {
        String md = "```symja\nIn: L - b\nOut: -b+L\nSign: positive\n```\n";
        List<ProofScript.Failure> failures = ProofScript.parse("u.md", md).check(engine);
        assertEquals(1, failures.size());
        assertEquals("unknown", failures.get(0).actual());
    }

    @Test
    void anEvaluationErrorIsAFailure() {
        String md = "```symja\nIn: L/(\nOut: L\n```\n";
        List<ProofScript.Failure> failures = ProofScript.parse("e.md", md).check(engine);
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).actual().startsWith("error: "), failures.get(0).actual());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "```symja\nIn: 1+1\n```\n",                   // In without Out
        "```symja\nOut: 2\n```\n",                    // Out without In
        "```symja\nIn: 1+1\nIn: 2+2\nOut: 4\n```\n",  // In without Out
        "```symja\nSign: positive\n```\n",            // Sign without step
        "```symja\nIn: 1\nOut: 1\nSign: big\n```\n",  // unknown sign
        "```symja\nIn: 1\nOut: 1\nSign: positive\nSign: positive\n```\n",
        "```symja\nIn: 1\nOut: 1\nSign: unknown\n```\n",
        "```symja\nIn: 1\nOut: 1\nhello\n```\n",      // stray line
        "```symja\nIn: 1\nOut: 1\n",                  // unclosed
        "```symja\nIn:\nOut: 1\n```\n",               // empty In
    })
    void malformedBlocksAreRejectedWithTheirLine(String md) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProofScript.parse("bad.md", md));
        assertTrue(e.getMessage().matches("bad\\.md:\\d+: .*"), e.getMessage());
    }

    @Test
    void aSignClaimIsDecided() {
        assertThrows(IllegalArgumentException.class,
                () -> new ProofScript.SignClaim(Sign.UNKNOWN, Assumptions.STANDARD, 1));
    }
}
