package org.ropebounds.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ropebounds.model.Registry;

/** The figures carry what they claim to draw, and are the same bytes every time. */
class PlotsTest {

    @Test
    void figuresNameEveryModelCeilingAndPipelineAndAreDeterministic() {
        GridSpec spec = GridSpec.defaults();
        List<Table> tables = ReferenceTables.all(spec);
        Map<String, byte[]> first = Plots.render(spec, tables);
        Map<String, byte[]> second = Plots.render(spec, tables);
        assertEquals(List.of("zone.svg", "zone.png", "criteria.svg", "criteria.png", "phase-error.svg", "phase-error.png", "relative-error.svg",
                "relative-error.png"), List.copyOf(first.keySet()));
        first.forEach((name, bytes) -> assertArrayEquals(bytes, second.get(name), name));

        String zone = new String(first.get("zone.svg"), StandardCharsets.UTF_8);
        Table study = tables.stream().filter(t -> t.id().equals("case-study")).findFirst().orElseThrow();
        int drawn = 0;
        for (List<String> row : study.rows()) {
            if (List.of("inside", "below", "above", "below and above").contains(row.get(7))) {
                drawn++;
                assertTrue(zone.contains(">" + row.get(0) + "<"), () -> "zone.svg lacks the model " + row.get(0));
            }
        }
        // the registry's 61 models less the few without a theta or with per-mode lists (Phi-3's LongRoPE)
        assertTrue(drawn >= 55 && drawn <= Registry.entries().size(), "models drawn: " + drawn);
        for (String ceiling : List.of("ceiling fp32", "ceiling bf16")) {
            assertTrue(zone.contains(ceiling), () -> "zone.svg lacks " + ceiling);
        }
        String errors = new String(first.get("phase-error.svg"), StandardCharsets.UTF_8);
        for (String pipeline : List.of("hf", "hf-bf16-inv-freq")) {
            assertTrue(errors.contains(">" + pipeline + "<"), () -> "phase-error.svg lacks the pipeline " + pipeline);
        }
        // every format is either a line in the legend or named as not drawn; fp8-e4m3 has no infinity and
        // the base 500000 > 448 overflows to NaN, so it cannot be drawn
        for (var f : spec.formats()) {
            assertTrue(errors.contains(">all " + f.name() + "<") || errors.contains("not drawn") && errors.contains(f.name() + "<"),
                    () -> "phase-error.svg says nothing of " + f.name());
        }
        assertTrue(errors.contains("overflows): all fp8-e4m3<"), "fp8-e4m3 named as not drawn");
        byte[] png = first.get("zone.png");
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
    }

    @Test
    void theMachinesLocaleDoesNotChangeAByte() {
        // a German locale writes decimal commas, Arabic its own digits: the figures must not follow it
        GridSpec spec = GridSpec.defaults();
        List<Table> tables = ReferenceTables.all(spec);
        java.util.Locale saved = java.util.Locale.getDefault();
        Map<String, byte[]> root;
        Map<String, byte[]> german;
        Map<String, byte[]> arabic;
        try {
            java.util.Locale.setDefault(java.util.Locale.ROOT);
            root = Plots.render(spec, tables);
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            german = Plots.render(spec, tables);
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("ar-EG-u-nu-arab"));
            arabic = Plots.render(spec, tables);
        } finally {
            java.util.Locale.setDefault(saved);
        }
        for (String name : root.keySet()) {
            assertArrayEquals(root.get(name), german.get(name), name + " under de-DE");
            assertArrayEquals(root.get(name), arabic.get(name), name + " under ar-EG");
        }
    }
}
