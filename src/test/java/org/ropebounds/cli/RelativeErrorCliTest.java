package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code erasure --max-distance} and {@code phase --distance}. Expected values by hand: with d = 2 the only mode has
 * inv_freq = theta = 1, so phase(p) = T(p), the position as bf16 holds it (every integer up to 256, then steps of
 * 2, 4, ..., 16 from 2048 to 4096), and e(p, 1) = T(p) - T(p - 1) - 1: 0 up to p = 256, -1 at p = 257 (T(257) = 256),
 * and at most 16 - 1 = 15 below 4096 (T jumps by 16 once per 16 positions there).
 */
class RelativeErrorCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String... args) throws Exception {
        CliTest.Result r = CliTest.run(args);
        assertEquals(0, r.code(), r.err());
        JsonNode out = r.json();
        String name = args[0];
        Set<ValidationMessage> errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(MAPPER.readTree(SchemaCommand.text(name))).validate(out);
        assertTrue(errors.isEmpty(), errors.toString());
        return out;
    }

    @Test
    void neighboursInBf16StopBeingToldApartAt257() throws Exception {
        JsonNode out = json("erasure", "--base", "10000", "--head-dim", "2", "-L", "4096", "--pipeline", "bf16-all", "--max-distance", "1",
                "--json");
        assertEquals("1", out.get("max_distance").asText());
        JsonNode r = out.get("results").get(0);
        assertEquals("257", r.get("relative_horizon").asText());
        // six certified digits of 15 (the maximum is enclosed in doubles, so it is not printed as exact)
        assertEquals(0, new java.math.BigDecimal(r.get("max_relative_error").asText()).compareTo(java.math.BigDecimal.valueOf(15)));
        assertEquals("257", r.get("modes").get(0).get("relative_horizon").asText());
        assertTrue(r.get("relative_horizon_range").isNull());
        CliTest.Result text = CliTest.run("erasure", "--base", "10000", "--head-dim", "2", "-L", "4096", "--pipeline", "bf16-all",
                "--max-distance", "1");
        assertTrue(text.out().contains("  bf16-all: relative horizon 257, max |e| 15.0000 rad\n"), text.out());
    }

    @Test
    void everyDistanceByDefault() throws Exception {
        // r = p pairs p with 0: e(p, p) = T(p) - p, at most 8 below 4096 in bf16 (half a spacing of 16), first nonzero at 257
        JsonNode out = json("erasure", "--base", "10000", "--head-dim", "2", "-L", "4096", "--pipeline", "bf16-all", "--json");
        assertTrue(out.get("max_distance").isNull());
        JsonNode r = out.get("results").get(0);
        assertEquals("257", r.get("relative_horizon").asText());
        assertTrue(r.get("max_relative_error").isTextual());
    }

    @Test
    void phasePrintsTheErrorOfOnePair() throws Exception {
        JsonNode out = json("phase", "--base", "10000", "--head-dim", "2", "--position", "257", "--distance", "1", "--pipeline", "bf16-all",
                "--json");
        JsonNode m = out.get("results").get(0).get("modes").get(0);
        assertEquals("0", m.get("relative_turn_computed").asText());
        assertEquals("1", m.get("relative_turn_exact").asText());
        assertEquals("-1", m.get("relative_error").asText());
        CliTest.Result text = CliTest.run("phase", "--base", "10000", "--head-dim", "2", "--position", "257", "--distance", "1",
                "--pipeline", "bf16-all");
        assertTrue(text.out().contains("Relative-position error at P = 257, R = 1"), text.out());
        assertTrue(text.out().matches("(?s).*\n0 +0 +1 +-1\n.*"), text.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "erasure --base 10000 -L 100 --max-distance 0|--max-distance",
        "erasure --base 10000 -L 100 --max-distance abc|--max-distance",
        "erasure --base 10000 -L 100 --max-distance -3|--max-distance",
        "phase --base 10000 --distance 3|--distance needs --position",
        "phase --base 10000 --position 3 --distance 4|--distance 4",
        "phase --base 10000 --position 3 --distance 0|--distance '0'",
    })
    void badDistancesAreOneLineWithExitCode2(String commandLine, String named) {
        CliTest.assertUsageError(CliTest.run(commandLine.split(" ")), named);
    }
}
