package org.ropebounds.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;
import org.ropebounds.model.ModelAnalysis;
import org.ropebounds.model.Registry;

/** The effective-spectrum figure: what it labels, and that no two labels overlap (their boxes computed by the layout). */
class SpectrumFigureTest {

    private static ModelAnalysis analysis(String id) {
        return ModelAnalysis.of(Registry.byId(id).toConfig(), Rational.parse("0.5"), 6);
    }

    @Test
    void labelsNeverOverlapAndNameEachRoleAndContext() {
        for (String id : List.of("llama-3.1-8b", "deepseek-v3", "qwen2.5-7b-instruct", "llama-2-7b")) {
            if (Registry.find(id).isEmpty()) {
                continue;
            }
            SpectrumFigure.Drawn d = SpectrumFigure.of(analysis(id));
            List<LabelLayout.Placed> placed = d.labels().placed();
            assertTrue(d.labels().unplaced().isEmpty(), id + ": unplaced " + d.labels().unplaced());
            for (int i = 0; i < placed.size(); i++) {
                for (int j = i + 1; j < placed.size(); j++) {
                    Rectangle2D a = placed.get(i).box();
                    Rectangle2D b = placed.get(j).box();
                    assertFalse(a.intersects(b), id + ": " + placed.get(i).anchor().lines() + " meets " + placed.get(j).anchor().lines());
                }
            }
        }
        // llama 3.1: kept fast modes, blended, interpolated slow ones; the original (8192) and analysed (131072) contexts
        List<String> texts = SpectrumFigure.of(analysis("llama-3.1-8b")).labels().placed().stream()
                .flatMap(p -> p.anchor().lines().stream()).toList();
        assertEquals(5, texts.size(), texts.toString());
        assertTrue(texts.contains("original context 8192") && texts.contains("analysed context 131072"), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("kept: modes 0-")), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("blended: modes ")), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("interpolated: modes ") && t.endsWith("-63")), texts.toString());
    }

    @Test
    void theSvgIsDeterministic() {
        ModelAnalysis a = analysis("llama-3.1-8b");
        String one = new String(SpectrumFigure.svg(a), StandardCharsets.UTF_8);
        assertEquals(one, new String(SpectrumFigure.svg(a), StandardCharsets.UTF_8));
        assertTrue(one.contains("effective RoPE spectrum"));
    }
}
