package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** {@code criteria --decay-search first|full}: the first feasible base alone, the same number, a range for the rest. */
class CriteriaDecaySearchCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode decay(String search) throws Exception {
        CliTest.Result r = CliTest.run("criteria", "-L", "1024", "--digits", "6", "--decay-search", search, "--json");
        assertEquals(0, r.code(), r.err());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(MAPPER.readTree(SchemaCommand.text("criteria")));
        assertTrue(schema.validate(r.json()).isEmpty(), schema.validate(r.json()).toString());
        assertEquals(search, r.json().get("decay_search").asText());
        for (JsonNode c : r.json().get("criteria")) {
            if (c.get("id").asText().equals("decay")) {
                return c;
            }
        }
        throw new AssertionError("no decay criterion in " + r.out());
    }

    @Test
    void theFirstFeasibleBaseAloneIsTheFullSearchsAndTheRobustBoundBecomesARange() throws Exception {
        JsonNode first = decay("first");
        JsonNode full = decay("full");
        assertEquals(full.get("min_base").asText(), first.get("min_base").asText());
        assertEquals(full.get("witness_m").asText(), first.get("witness_m").asText());
        // mpmath's scan (gen_decay_fixtures.py; DecayCertificateTest): 4293 is infeasible and 4294 feasible at d = 128, L = 1024
        BigDecimal b = new BigDecimal(first.get("min_base").asText());
        assertTrue(b.compareTo(new BigDecimal("4293")) > 0 && b.compareTo(new BigDecimal("4294")) <= 0, b.toString());
        // the full search proves the robust bound (a number); the first-feasible search leaves it as a range
        assertTrue(!full.get("robust_min_base").asText().startsWith("in ["), full.toString());
        assertTrue(first.get("robust_min_base").asText().startsWith("in ["), first.toString());
        assertTrue(first.get("min_base_guarantee").asText().contains("stopped at the first feasible base"), first.toString());
        assertTrue(full.get("feasible_intervals").size() > first.get("feasible_intervals").size(), full + "\n" + first);
    }

    @Test
    void anUnknownSearchIsRefusedInOneLineNamingIt() {
        CliTest.Result r = CliTest.run("criteria", "-L", "1024", "--decay-search", "fast");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("'fast'") && r.err().contains("full") && r.err().contains("first") && r.err().contains("--decay-search"), r.err());
    }
}
