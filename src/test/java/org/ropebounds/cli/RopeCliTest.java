package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ropebounds phase} and {@code erasure}: the JSON contracts, facts derived by hand, bad input. */
class RopeCliTest {

    @Test
    void erasureJsonContract() throws Exception {
        CliTest.Result r = CliTest.run("erasure", "--base", "500000", "--head-dim", "128", "--context", "1M",
                "--pipeline", "hf,bf16-all", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = r.json();
        assertEquals("1048576", o.get("context").textValue()); // integers that can exceed 2^53 are strings
        JsonNode hf = o.get("results").get(0);
        assertEquals("hf", hf.get("pipeline").asText());
        // fp32 holds every position below 2^24 + 1 > 1M, so nothing is lost within 1M positions
        assertTrue(hf.get("position_horizon").isNull());
        assertTrue(hf.get("collision_horizon").isNull());
        assertTrue(hf.get("output_collision_horizon").isNull());
        assertTrue(hf.get("max_phase_error").isTextual());
        JsonNode bf16 = o.get("results").get(1);
        // bf16 holds integers up to 2^8 = 256; 257 is the first it cannot
        assertEquals("257", bf16.get("position_horizon").textValue());
        // 256 and 257 both round to 256: every mode's phases collide there, hence the outputs; a horizon
        // is the first position that fails, the pair's second position
        assertEquals("257", bf16.get("output_collision_horizon").textValue());
        assertTrue(Long.parseLong(bf16.get("collision_horizon").textValue()) <= 257);
        assertTrue(bf16.get("collision_mode").isInt());
        JsonNode modes = bf16.get("modes");
        assertEquals(64, modes.size());
        assertEquals("0x1p+0", modes.get(0).get("theta_stored_hex").asText()); // 1/b^0
        for (String key : new String[] {"i", "theta_stored_hex", "collision_horizon", "max_phase_error", "phase_error_horizon"}) {
            assertTrue(modes.get(3).has(key), key);
        }
    }

    @Test
    void stageOverrides() throws Exception {
        CliTest.Result r = CliTest.run("erasure", "--base", "500000", "--context", "1M", "--pipeline", "hf", "--phase-dtype", "bf16", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode hf = r.json().get("results").get(0);
        assertEquals("hf+phase=bf16", hf.get("pipeline").asText());
        // fp32 positions converted to a bf16 phase: 256 and 257 meet at 256 there; 257 is the first that fails
        assertEquals("257", hf.get("output_collision_horizon").textValue());
        assertTrue(hf.get("position_horizon").isNull()); // the position format itself is still fp32
    }

    @Test
    void phaseJsonContract() throws Exception {
        CliTest.Result r = CliTest.run("phase", "--base", "10000", "--head-dim", "4", "--position", "3", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode modes = r.json().get("results").get(0).get("modes");
        assertEquals(2, modes.size());
        // mode 0: theta = 1, stored exactly, phase 3 exactly
        assertEquals("1", modes.get(0).get("theta").asText());
        assertEquals("0x1p+0", modes.get(0).get("theta_stored_hex").asText());
        assertEquals("3", modes.get(0).get("phase_exact").asText());
        assertEquals("0x1.8p+1", modes.get(0).get("phase_computed_hex").asText());
        assertEquals("0", modes.get(0).get("error_radians").asText());
        // mode 1: theta = 10000^(-1/2) = 0.01 exactly; fp32 stores 0x1.47ae14p-7 (0.01 rounded to nearest)
        assertEquals("0.01", modes.get(1).get("theta").asText());
        assertEquals("0x1.47ae14p-7", modes.get(1).get("theta_stored_hex").asText());
        assertEquals("0.03", modes.get(1).get("phase_exact").asText());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "erasure --base 1 --context 4096                       | base 1",
        "erasure --base 500000 --context 0                     | '0'",
        "erasure --base 500000 --context 4096 --head-dim 7     | 7",
        "erasure --base 500000 --context 4096 --pipeline magic | 'magic'",
        "erasure --base 500000 --context 4096 --delta 0        | delta 0",
        "erasure --context 4096                                | --base",
        "phase --base 500000 --position -3                     | -3",
        "phase --base 500000 --dtype fp99                      | 'fp99'",
        "phase --base abc                                      | 'abc'",
    })
    void badInputIsOneLineWithExitCode2(String commandLine, String named) {
        CliTest.assertUsageError(CliTest.run(commandLine.trim().split("\\s+")), named);
    }
}
