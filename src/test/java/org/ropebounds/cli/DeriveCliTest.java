package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code ropebounds derive}: solved forms (derived by hand in proofs/depth-stability.md), formats, errors. */
class DeriveCliTest {

    @Test
    void depthStabilitySolvedForEveryVariable() throws Exception {
        CliTest.Result r = CliTest.run("derive", "depth_stability", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode d = r.json().get(0);
        assertEquals("L/ArcCos(eps^(1/N))", d.get("closed_form").get("symja").asText());
        // b = L/acos(eps^(1/N))  <=>  L = b acos(eps^(1/N))  <=>  eps = cos(L/b)^N  <=>  N = log(eps)/log(cos(L/b))
        assertEquals("b*ArcCos(eps^(1/N))", d.get("solved").get("L").get("symja").asText());
        assertEquals("Cos(L/b)^N", d.get("solved").get("eps").get("symja").asText());
        assertEquals("Log(eps)/Log(Cos(L/b))", d.get("solved").get("N").get("symja").asText());
        for (String v : new String[] {"L", "N", "eps"}) {
            assertEquals("positive", d.get("partials").get(v).get("sign").asText(), v);
        }
        assertTrue(d.get("closed_form").get("mathml").asText().startsWith("<math"));
    }

    @Test
    void texAndErrors() {
        CliTest.Result tex = CliTest.run("derive", "aliasing", "--tex");
        assertEquals(0, tex.code(), tex.err());
        assertTrue(tex.out().contains("\\frac{L}{2 \\cdot \\pi}"), tex.out());
        CliTest.Result bad = CliTest.run("derive", "nonsense");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("'nonsense'") && !bad.err().strip().contains("\n"), bad.err());
        CliTest.Result both = CliTest.run("derive", "aliasing", "--tex", "--mathml");
        assertEquals(2, both.code());
        assertFalse(both.err().contains("Exception"));
    }
}
