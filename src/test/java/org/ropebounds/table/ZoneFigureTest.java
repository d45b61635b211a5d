package org.ropebounds.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zone figure follows the grid it is given, and its model labels never overlap. */
class ZoneFigureTest {

    private static String zoneSvg(GridSpec spec) {
        return new String(Plots.render(spec, ReferenceTables.all(spec)).get("zone.svg"), StandardCharsets.UTF_8);
    }

    /** The text of every SVG text element, in document order. */
    private static List<String> texts(String svg) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(svg);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static GridSpec spec(Path dir, String json) throws IOException {
        Path f = dir.resolve("grid.json");
        Files.writeString(f, json);
        return GridSpec.read(f);
    }

    @Test
    void aGridOfOneDepthDrawsThatDepth(@TempDir Path dir) throws IOException {
        GridSpec g = spec(dir, "{\"contexts\": [\"4k\", \"32k\", \"128k\"], \"layers\": [61], \"tolerances\": [\"0.9\"], \"spectra\": [\"exact\"],"
                + " \"formats\": [\"fp32\", \"bf16\"], \"bases\": [\"500000\"], \"erasure_context\": \"4096\", \"case_study\": false}");
        List<String> texts = texts(zoneSvg(g));
        // the one depth of the grid, its tolerance and spectrum, and the shaded depth is that depth
        assertTrue(texts.contains("lower bound, N = 61"), texts.toString());
        assertFalse(texts.stream().anyMatch(t -> t.startsWith("lower bound, N = ") && !t.equals("lower bound, N = 61")), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("Goldilocks zone: eps=0.9 exact, d = 128 (shaded: the zone of each format at N = 61)")),
                texts.toString());
        // contexts 2^12, 2^15, 2^17: the axis runs 2^11.5..2^17.5, ticks at every integer exponent
        for (int k = 12; k <= 17; k++) {
            assertTrue(texts.contains("2^" + k), "tick 2^" + k + " in " + texts);
        }
        assertFalse(texts.contains("2^11") || texts.contains("2^18"), texts.toString());
        // no case study: no models, and the subtitle does not speak of them
        assertFalse(texts.stream().anyMatch(t -> t.contains("registry models")), texts.toString());
    }

    @Test
    void contextsFrom4kTo16MGetTheirOwnTicks(@TempDir Path dir) throws IOException {
        GridSpec g = spec(dir, "{\"contexts\": [\"4k\", \"64k\", \"1M\", \"16M\"], \"layers\": [1, 32], \"tolerances\": [\"0.5\"],"
                + " \"spectra\": [\"approx\"], \"formats\": [\"fp32\", \"bf16\"], \"bases\": [\"500000\"], \"erasure_context\": \"4096\","
                + " \"case_study\": false}");
        List<String> texts = texts(zoneSvg(g));
        // 2^12..2^24, padded by half an exponent: 13 integer exponents, at most 12 ticks, so every second: 2^12, 2^14, ..., 2^24
        List<String> ticks = texts.stream().filter(t -> t.matches("2\\^-?[0-9]+")).toList();
        assertEquals(List.of("2^12", "2^14", "2^16", "2^18", "2^20", "2^22", "2^24"), ticks);
        assertTrue(texts.contains("lower bound, N = 1") && texts.contains("lower bound, N = 32"), texts.toString());
        // base ticks are powers of ten: 4096/acos(0.5) = 3911.5 (N = 1) up to 2^24/acos(0.5^(1/32)) = 8.09e7, the bf16 ceiling 2^7 = 128
        // and fp32's 2^23 = 8.4e6 are inside the range; the axis runs 10^(log10 128 - 0.3) = 10^1.8 .. 10^(7.91 + 0.3) = 10^8.2
        List<String> yTicks = texts.stream().filter(t -> t.matches("10\\^-?[0-9]+")).toList();
        assertEquals(List.of("10^2", "10^3", "10^4", "10^5", "10^6", "10^7", "10^8"), yTicks);
    }

    @Test
    void aGridWithMoreThanTwelveDepthsDrawsTwelveEvenlySpread() {
        // 1..20: indices round(k * 19 / 11) for k = 0..11: 0, 2, 3, 5, 7, 9, 10, 12, 14, 16, 17, 19, i.e. depths index + 1
        List<Integer> layers = java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList();
        assertEquals(List.of(1, 3, 4, 6, 8, 10, 11, 13, 15, 17, 18, 20), ZoneFigure.drawnDepths(layers));
        // nearest 32: 30 and 34 tie, the smaller wins
        assertEquals(30, ZoneFigure.shadedDepth(List.of(34, 30, 100)));
        assertEquals(61, ZoneFigure.shadedDepth(List.of(61)));
    }

    @Test
    void noTwoModelLabelsOverlapForTheDefaultRegistry() {
        GridSpec spec = GridSpec.defaults();
        ZoneFigure f = ZoneFigure.of(spec, ReferenceTables.all(spec));
        assertEquals(spec.layers(), f.depths()); // the ten default depths, ascending
        assertEquals(32, f.shadedDepth());
        List<LabelLayout.Placed> placed = f.labels().placed();
        assertTrue(f.labels().unplaced().isEmpty(), () -> "unlabelled: " + f.labels().unplaced());
        assertTrue(placed.size() >= 30, "labels: " + placed.size());
        for (int i = 0; i < placed.size(); i++) {
            Rectangle2D a = placed.get(i).box();
            for (int j = i + 1; j < placed.size(); j++) {
                Rectangle2D b = placed.get(j).box();
                assertFalse(a.intersects(b), placed.get(i).anchor().lines() + " " + a + " overlaps " + placed.get(j).anchor().lines() + " " + b);
            }
            // and no label covers a model's marker
            for (LabelLayout.Placed other : placed) {
                Rectangle2D marker = new Rectangle2D.Double(other.anchor().x() - 3, other.anchor().y() - 3, 6, 6);
                assertFalse(a.intersects(marker), placed.get(i).anchor().lines() + " covers the point of " + other.anchor().lines());
            }
        }
    }
}
