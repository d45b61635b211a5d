package org.ropebounds.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Format;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;

/**
 * Effective spectra against transformers 5.18.0's own ROPE_INIT_FUNCTIONS (torch CPU) and a float64
 * transcription of the formulas: src/test/python/gen_scaling_fixtures.py and the README beside the
 * fixtures. The fp32 emulation repeats transformers' float32 steps with correctly rounded pow; torch's
 * pow (Sleef) is not correctly rounded, so a few entries may differ by a few ulps, and the test says how
 * many. The exact spectrum must agree with the float64 transcription to its own accuracy (1e-12).
 * Skipped, and said so: "proportional" (not a type this tool models) and the dynamic cases run through a
 * model's forward pass (there torch computes the new base in float32, not in Python doubles).
 */
class ScalingFixtureTest {

    @Test
    void everyCase() throws IOException {
        ObjectMapper json = new ObjectMapper();
        int cases = 0;
        int entries = 0;
        int exactFp32 = 0;
        for (Map<String, String> c : org.ropebounds.Fixtures.records("scaling/cases.csv")) {
            String name = c.get("case");
            if (name.startsWith("proportional") || (name.startsWith("dynamic") && name.contains("forward"))) {
                continue;
            }
            ObjectNode params = (ObjectNode) json.readTree(c.get("params_json"));
            params.remove("partial_rotary_factor"); // the case's dim is already the rotated dimension
            ObjectNode root = json.createObjectNode();
            root.put("head_dim", Integer.parseInt(c.get("dim")));
            root.put("max_position_embeddings", Long.parseLong(c.get("max_position_embeddings")));
            if (!c.get("original_max_position_embeddings").isBlank() && !params.has("original_max_position_embeddings")) {
                params.put("original_max_position_embeddings", Long.parseLong(c.get("original_max_position_embeddings")));
            }
            root.set("rope_parameters", params);
            ModelConfig m = ConfigReader.parse(root.toString(), name);
            long seqLen = c.get("seq_len").isBlank() ? 0 : Long.parseLong(c.get("seq_len"));
            EffectiveSpectrum s = new EffectiveSpectrum(m, seqLen);
            List<String[]> rows = org.ropebounds.Fixtures.rows("scaling/" + name + ".csv");
            assertEquals(s.modes(), rows.size(), name);
            EnclosureArithmetic a = new EnclosureArithmetic(120);
            for (String[] r : rows) {
                int i = Integer.parseInt(r[0]);
                FloatValue theirs = Format.FP32.round(Rational.parse(r[1]), RoundingMode.NEAREST_EVEN).value();
                FloatValue ours = s.fp32(i);
                long ulps = Math.abs(ours.bits().longValue() - theirs.bits().longValue());
                assertTrue(ulps <= 8, name + " mode " + i + ": ours " + ours + ", transformers " + theirs);
                exactFp32 += ulps == 0 ? 1 : 0;
                Enclosure exact = s.theta(i).enclose(a);
                Rational f64 = Rational.parse(r[2]);
                Rational relative = exact.midpoint().subtract(f64).abs().divide(f64.abs().max(Rational.parse("1e-300")));
                assertTrue(relative.compareTo(Rational.parse("1e-12")) < 0, name + " mode " + i + ": exact " + exact + " vs float64 " + r[2]);
                entries++;
            }
            Enclosure factor = s.attentionFactor().enclose(a);
            Rational theirs = Rational.parse(c.get("attention_factor_hex"));
            assertTrue(factor.midpoint().subtract(theirs).abs().compareTo(Rational.parse("1e-14")) < 0,
                    name + ": attention factor " + factor + " vs " + c.get("attention_factor_hex"));
            cases++;
        }
        assertTrue(cases >= 18, "cases " + cases);
        assertTrue(exactFp32 >= entries * 9 / 10, "bit-exact fp32 entries: " + exactFp32 + " of " + entries);
    }



}
