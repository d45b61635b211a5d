package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** ropebounds check: exit codes, text and the JSON contract. */
class CheckCliTest {

    @Test
    void exitCodesFollowTheVerdict() {
        assertEquals(0, CliTest.run("check", "round(bf16, 15962) == 15936").code());
        assertEquals(1, CliTest.run("check", "L/arccos(eps^(1/N)) <= 500000", "--set", "L=131072,eps=0.9,N=32").code());
        assertEquals(3, CliTest.run("check", "sqrt(2)^2 == 2").code());
        CliTest.assertUsageError(CliTest.run("check", "Export(\"x\") < 1"), "unknown function 'Export'");
        CliTest.assertUsageError(CliTest.run("check", "x < 1", "--set", "x=abc"), "ropebounds: --set x: 'abc'");
        CliTest.assertUsageError(CliTest.run("check", "1 < 2", "--digits", "0"), "--digits 0");
    }

    @Test
    void textShowsEverySideWithItsGuarantee() {
        CliTest.Result r = CliTest.run("check", "L/arccos(eps^(1/N)) <= 500000", "--set", "L=131072,eps=0.9,N=32");
        // mpmath, 40 digits: 1616104.056043270345338691663083392270767
        assertTrue(r.out().startsWith("FALSE  L/arccos(eps^(1/N)) <= 500000\n"), r.out());
        assertTrue(r.out().contains("L/arccos(eps^(1/N)) = 1616104.05604327034533869166308  (correctly rounded to 30 significant digits)"), r.out());
        assertTrue(r.out().contains("500000 = 5e+5  (exact)"), r.out());
    }

    @Test
    void jsonHasTheContractKeys() throws Exception {
        JsonNode j = CliTest.run("check", "1e7 > ceiling(fp32)", "--json").json();
        assertEquals("TRUE", j.get("verdict").asText());
        assertEquals(2, j.get("sides").size());
        JsonNode ceiling = j.get("sides").get(1);
        assertEquals("ceiling(fp32)", ceiling.get("expression").asText());
        assertEquals("8388608", ceiling.get("value").asText()); // 2^23
        assertTrue(ceiling.get("exact").asBoolean());
        assertEquals("[8388608, 8388608]", ceiling.get("enclosure").asText());
        assertEquals(">", j.get("relations").get(0).asText());

        JsonNode u = CliTest.run("check", "sqrt(2)^2 == 2", "--json").json();
        assertEquals("UNDECIDED", u.get("verdict").asText());
        assertFalse(u.get("sides").get(0).get("exact").asBoolean());
        assertTrue(u.get("sides").get(0).get("enclosure").asText().startsWith("[1.9999"), u.toString());
    }
}
