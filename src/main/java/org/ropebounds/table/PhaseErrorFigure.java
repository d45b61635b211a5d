package org.ropebounds.table;

import static org.ropebounds.table.Plots.font;
import static org.ropebounds.table.Plots.machineIndependentText;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.rope.PhaseScan;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.RopeEmulator;

/**
 * The phase-error figure (phase-error.svg, phase-error.png): the largest phase error over modes against position,
 * per transformers pipeline and per format of the grid, with the phase tolerance delta marked.
 */
final class PhaseErrorFigure {
    /** The size of the phase-error figure. */
    static final int WIDTH = 900;
    static final int HEIGHT = 600;

    private PhaseErrorFigure() {
    }

    /**
     * The largest phase error over modes against position for the grid's second base: the transformers
     * pipelines (hf, hf-bf16-inv-freq) and, per format of the grid, every stage in that format.
     */
    static JFreeChart chart(GridSpec spec) {
        Rational base = base(spec);
        XYSeriesCollection data = new XYSeriesCollection();
        List<Pipeline> pipelines = pipelines(spec);
        List<String> undrawn = new java.util.ArrayList<>();
        for (Pipeline pipeline : pipelines) {
            RopeEmulator rope = new RopeEmulator(base, spec.rotaryDim(), pipeline);
            PhaseScan.Thetas thetas = PhaseScan.splitThetas(rope, 160);
            XYSeries s = new XYSeries(pipeline.name());
            long last = Math.max(2, spec.erasureContext() - 1);
            for (int k = 0; k <= 60; k++) {
                long p = Math.max(1, Math.round(Math.pow(last, k / 60.0)));
                double e = PhaseScan.maxErrorUpperBound(rope, p, thetas);
                if (Double.isFinite(e) && e > 0) {
                    s.addOrUpdate(p, e);
                }
            }
            if (s.getItemCount() > 0) {
                data.addSeries(s);
            } else {
                undrawn.add(pipeline.name());
            }
        }
        LogAxis x = new LogAxis("position p");
        x.setBase(2);
        LogAxis y = new LogAxis("largest |phase_i(p) - p theta_i| over modes (rad, upper bound)");
        y.setBase(10);
        y.setSmallestValue(1e-18);
        XYLineAndShapeRenderer lines = lines(data);
        XYPlot plot = new XYPlot(data, x, y, lines);
        plot.addRangeMarker(Plots.deltaMarker(spec, "phase tolerance delta"));
        JFreeChart chart = new JFreeChart("Phase error by format and pipeline: b = " + base.toCompactDecimalStringOrFraction() + ", d = " + spec.rotaryDim(),
                font(Font.BOLD, 14), plot, true);
        machineIndependentText(chart);
        if (!undrawn.isEmpty()) {
            chart.addSubtitle(new org.jfree.chart.title.TextTitle("not drawn, no finite phase at any position (the base or a position overflows): "
                    + String.join(", ", undrawn), font(Font.PLAIN, 11)));
        }
        chart.setBackgroundPaint(Color.WHITE);
        plot.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** The grid's second base (its first when it has one): the base both position figures draw. */
    static Rational base(GridSpec spec) {
        return spec.bases().get(Math.min(1, spec.bases().size() - 1));
    }

    /** The two transformers pipelines, then every stage in each of the grid's formats ("all F"). */
    static List<Pipeline> pipelines(GridSpec spec) {
        List<Pipeline> pipelines = new java.util.ArrayList<>(List.of(Pipeline.preset("hf", Format.BF16), Pipeline.preset("hf-bf16-inv-freq", Format.BF16)));
        for (Format f : spec.formats()) {
            pipelines.add(Pipeline.uniform("all " + f.name(), f));
        }
        return pipelines;
    }

    /** One colour per series in order; the transformers pipelines solid, the uniform ones ("all F") dashed. */
    static XYLineAndShapeRenderer lines(XYSeriesCollection data) {
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        Color[] palette = {new Color(0, 0, 0), new Color(120, 120, 120), new Color(31, 119, 180), new Color(255, 127, 14),
            new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
            new Color(23, 190, 207)};
        for (int k = 0; k < data.getSeriesCount(); k++) {
            lines.setSeriesPaint(k, palette[k % palette.length]);
            boolean uniform = ((String) data.getSeriesKey(k)).startsWith("all ");
            // uniform pipelines dashed: "all fp32" lies on hf, and two formats can share a line
            lines.setSeriesStroke(k, uniform ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 3f}, 0f)
                    : new BasicStroke(2.5f));
        }
        return lines;
    }
}
