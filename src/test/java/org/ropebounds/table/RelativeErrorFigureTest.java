package org.ropebounds.table;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

/** The relative-error figure draws what it names, in both panels, and nothing it cannot. */
class RelativeErrorFigureTest {

    @Test
    void namesEveryPipelineOnceAndTheOneItCannotDraw() {
        GridSpec spec = GridSpec.defaults();
        JFreeChart chart = RelativeErrorFigure.chart(spec);
        String svg = new String(Plots.render(spec, ReferenceTables.all(spec)).get("relative-error.svg"), StandardCharsets.UTF_8);
        for (String pipeline : new String[] {"hf", "hf-bf16-inv-freq", "all fp32", "all bf16", "all fp16"}) {
            assertTrue(svg.contains(">" + pipeline + "<"), "relative-error.svg lacks " + pipeline);
        }
        // fp8-e4m3 has no infinity: the base 500000 > 448 becomes NaN, no phase is finite, and it is named as not drawn
        assertTrue(svg.contains("overflows): all fp8-e4m3<"), "fp8-e4m3 named as not drawn");
        var panels = ((CombinedDomainXYPlot) chart.getXYPlot()).getSubplots();
        XYSeriesCollection near = (XYSeriesCollection) ((XYPlot) panels.get(0)).getDataset();
        XYSeriesCollection far = (XYSeriesCollection) ((XYPlot) panels.get(1)).getDataset();
        assertTrue(near.getSeriesCount() == far.getSeriesCount() && near.getSeriesCount() >= 8, "series: " + near.getSeriesCount());
        for (int k = 0; k < near.getSeriesCount(); k++) {
            assertTrue(near.getSeriesKey(k).equals(far.getSeriesKey(k)), "series " + k);
        }
        // r = p pairs p with position 0: the hf pipeline's largest relative error there is its absolute phase error,
        // at most ulp-sized (below 1e-1 over 2^20 positions); at r = 1 mode 0 alone turns by exactly 1 radian
        var hf = far.getSeries("hf");
        assertTrue(hf.getItemCount() > 50 && hf.getMaxY() < 0.1, "hf at r = p: " + hf.getMaxY());
    }
}
