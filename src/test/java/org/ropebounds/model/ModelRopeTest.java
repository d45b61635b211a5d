package org.ropebounds.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ropebounds.Fixtures;
import org.ropebounds.format.FloatValue;
import org.ropebounds.rope.Frequencies;

/**
 * ModelRope against what transformers computed for the committed configs ({@code fixtures/configs/expected.csv},
 * by {@code gen_scaling_fixtures.py}): the attention factor as Python computes it, bit for bit, and none
 * where transformers' is exactly 1 (DeepSeek's mscale equal to mscale_all_dim, plain and llama3 types).
 */
class ModelRopeTest {
    @Test
    void theAttentionFactorIsTransformersPythonDouble() throws Exception {
        int scaled = 0;
        for (Map<String, String> row : Fixtures.records("configs/expected.csv")) {
            String file = row.get("file");
            if (row.get("attention_factor_hex").isEmpty() || row.get("spectrum").equals("longrope_short")) {
                continue;
            }
            ModelConfig m = ConfigReader.read(Paths.get("src/test/resources/fixtures/configs", file));
            Frequencies f = ModelRope.of(m, "config " + file).frequencies();
            double transformers = Double.parseDouble(row.get("attention_factor_hex"));
            Optional<FloatValue> ours = f.attentionFactor().map(Frequencies.AttentionFactor::computed);
            if (transformers == 1.0) {
                assertTrue(ours.isEmpty(), file + ": " + ours);
            } else {
                scaled++;
                FloatValue v = ours.orElseThrow(() -> new AssertionError(file + ": no attention factor"));
                assertEquals(transformers, v.format().toDouble(v.bits().longValue()), file);
            }
            assertEquals(m.rotaryDim(), f.rotaryDim(), file);
            assertTrue(f.source().startsWith("config " + file + ": " + (m.scaling().type().equals("none") ? "no" : m.scaling().type())), f.source());
        }
        assertTrue(scaled >= 2, "YaRN and LongRoPE rows: " + scaled);
    }
}
