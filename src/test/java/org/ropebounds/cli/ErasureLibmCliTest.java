package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ropebounds.cli.CliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code erasure --libm} and {@code phase --libm}: ranges over the pow envelope, their JSON, and bad input. */
class ErasureLibmCliTest {
    private static final String CONFIG = Paths.get("src/test/resources/fixtures/configs/llama-3.1-8b.json").toString();

    private static void assertValid(String schema, JsonNode node) throws Exception {
        var s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(new ObjectMapper().readTree(SchemaCommand.text(schema)));
        var errors = s.validate(node);
        assertTrue(errors.isEmpty(), errors::toString);
    }

    @Test
    void erasureRangesAreCertainAndPossibleAndValidate() throws Exception {
        CliTest.Result t = run("erasure", "-b", "500000", "-d", "16", "-L", "400", "-p", "bf16-all", "--libm", "faithful");
        assertEquals(0, t.code(), t.err());
        // the oracle test (ErasureEnvelopeTest) derives these: modes collide from 142 at the earliest, and every
        // implementation has collided by 150 (the correctly rounded one among them)
        assertTrue(t.out().contains("certain from 150; possible from 142"), t.out());
        assertTrue(t.out().contains("do not move phases or collision horizons"), t.out());
        CliTest.Result j = run("erasure", "-b", "500000", "-d", "16", "-L", "400", "-p", "bf16-all", "--libm", "faithful", "--json");
        JsonNode o = j.json();
        assertValid("erasure", o);
        JsonNode c = o.get("results").get(0).get("collision_horizon_envelope");
        assertEquals("142", c.get("possible_from").asText());
        assertEquals("150", c.get("certain_from").asText());
        assertEquals("faithful", o.get("libm").get("pow").asText());
        assertTrue(o.get("results").get(0).get("modes").get(1).get("inv_freq_candidates_hex").size() >= 1);
    }

    @Test
    void anExactPowPrintsSingleNumbers() throws Exception {
        CliTest.Result t = run("erasure", "-b", "4", "-d", "4", "-L", "1000", "-p", "bf16-all", "--libm", "faithful");
        assertEquals(0, t.code(), t.err());
        String row = t.out().lines().filter(l -> l.startsWith("bf16-all ")).findFirst().orElseThrow();
        assertFalse(row.contains("possible from") || row.contains("certain"), row);
        assertTrue(row.contains("257"), row);
        JsonNode c = run("erasure", "-b", "4", "-d", "4", "-L", "1000", "-p", "bf16-all", "--libm", "faithful", "--json").json()
                .get("results").get(0).get("collision_horizon_envelope");
        assertEquals("257", c.get("possible_from").asText()); // positions 256 and 257 are the same bf16 value
        assertEquals("257", c.get("certain_from").asText());
    }

    @Test
    void withoutLibmTheOutputHasNoEnvelope() throws Exception {
        JsonNode o = run("erasure", "-b", "500000", "-d", "16", "-L", "400", "-p", "bf16-all", "--json").json();
        assertFalse(o.has("libm"));
        assertFalse(o.get("results").get(0).has("collision_horizon_envelope"));
        assertTrue(o.get("model").asText().contains("correctly rounded"));
    }

    @Test
    void phaseRangesTheComputedPhaseAndItsError() throws Exception {
        CliTest.Result j = run("phase", "-b", "500000", "-d", "16", "-P", "131071", "-p", "hf", "--libm", "faithful", "--json");
        assertEquals(0, j.code(), j.err());
        JsonNode o = j.json();
        assertValid("phase", o);
        JsonNode modes = o.get("results").get(0).get("modes");
        JsonNode m0 = modes.get(0);
        assertEquals("0x1p+0", m0.get("inv_freq_envelope_hex").get(0).asText()); // pow(b, 0) = 1 in every libm
        assertEquals("0x1p+0", m0.get("inv_freq_envelope_hex").get(1).asText());
        boolean moved = false;
        for (JsonNode m : modes) {
            JsonNode e = m.get("phase_computed_envelope");
            moved |= !e.get("low_hex").asText().equals(e.get("high_hex").asText());
            // the correctly rounded implementation's phase lies in the range (decimal strings are exact binary values)
            assertTrue(new java.math.BigDecimal(e.get("low_decimal").asText()).compareTo(new java.math.BigDecimal(m.get("phase_computed_decimal").asText())) <= 0);
            assertTrue(new java.math.BigDecimal(m.get("phase_computed_decimal").asText()).compareTo(new java.math.BigDecimal(e.get("high_decimal").asText())) <= 0);
        }
        assertTrue(moved);
        CliTest.Result t = run("phase", "-b", "500000", "-d", "16", "-P", "131071", "-p", "hf", "--libm-cos", "ulps:4");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("cos and sin models do not move phases"), t.out());
    }

    @Test
    void aScaledModelsPowIsFollowedThroughItsOwnSteps() throws Exception {
        // llama3 scaling: a faithful pow gives each mode up to two pow values, each taken through the model's fp32 steps
        CliTest.Result e = run("erasure", "--config", CONFIG, "-L", "1k", "-p", "hf", "--libm", "faithful", "--json");
        assertEquals(0, e.code(), e.err());
        JsonNode modes = e.json().get("results").get(0).get("modes");
        boolean widened = false;
        for (JsonNode m : modes) {
            widened |= m.get("inv_freq_candidates_hex").size() > 1;
        }
        assertTrue(widened, "some mode has more than one storable inv_freq");
        CliTest.Result p = run("phase", "--config", CONFIG, "-P", "1000", "-p", "hf", "--libm-pow", "ulps:2");
        assertEquals(0, p.code(), p.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "erasure -b 500000 -d 16 -L 1k -p hf --libm ulps:40|at most 64 per mode",
        "erasure -b 500000 -d 16 -L 1k -p hf --libm-pow unbounded|unboundedly many",
        "erasure -b 500000 -d 16 -L 1k --libm ulps:x|ulps:x"})
    void badInputIsOneLineExitTwo(String line, String says) {
        CliTest.Result r = run(line.replace("CONFIG", CONFIG).split(" "));
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(says), r.err());
        assertEquals("", r.out());
    }
}
