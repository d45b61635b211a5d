package org.ropebounds.table;

import static org.ropebounds.table.Plots.font;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.ropebounds.format.Rational;
import org.ropebounds.rope.PhaseScan;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.RelativeErrorAnalysis;
import org.ropebounds.rope.RopeEmulator;

/**
 * The relative-error figure (relative-error.svg, relative-error.png): the largest relative-position error over modes,
 * max_i |phase_i(p) - phase_i(p - r) - r theta_i|, against position p, at the short distance r = 1 (neighbouring
 * keys) and the long distance r = p (the key at position 0, where the error is the absolute phase error), for the
 * pipelines and the base of {@link PhaseErrorFigure}; upper bounds in doubles.
 */
final class RelativeErrorFigure {
    static final int WIDTH = 900;
    static final int HEIGHT = 900;

    private RelativeErrorFigure() {
    }

    static JFreeChart chart(GridSpec spec) {
        Rational base = PhaseErrorFigure.base(spec);
        List<Pipeline> pipelines = PhaseErrorFigure.pipelines(spec);
        XYSeriesCollection shortData = new XYSeriesCollection();
        XYSeriesCollection longData = new XYSeriesCollection();
        long last = Math.max(2, spec.erasureContext() - 1);
        List<String> undrawn = new java.util.ArrayList<>();
        for (Pipeline pipeline : pipelines) {
            RopeEmulator rope = new RopeEmulator(base, spec.rotaryDim(), pipeline);
            PhaseScan.Thetas thetas = PhaseScan.splitThetas(rope, 160);
            XYSeries near = new XYSeries(pipeline.name());
            XYSeries far = new XYSeries(pipeline.name());
            for (int k = 0; k <= 60; k++) {
                long p = Math.max(1, Math.round(Math.pow(last, k / 60.0)));
                add(near, p, RelativeErrorAnalysis.largestUpperBound(rope, p, 1, thetas));
                add(far, p, RelativeErrorAnalysis.largestUpperBound(rope, p, p, thetas));
            }
            if (near.getItemCount() + far.getItemCount() > 0) {
                shortData.addSeries(near); // both panels hold the same series in the same order, so one legend fits both
                longData.addSeries(far);
            } else {
                undrawn.add(pipeline.name());
            }
        }
        LogAxis x = new LogAxis("position p");
        x.setBase(2);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(12);
        XYPlot top = panel(shortData, "r = 1: max_i |e_i(p, 1)| (rad, upper bound)", spec);
        plot.add(top, 1);
        plot.add(panel(longData, "r = p: max_i |e_i(p, p)| (rad, upper bound)", spec), 1);
        plot.setFixedLegendItems(top.getLegendItems()); // both panels draw the same pipelines in the same styles
        JFreeChart chart = new JFreeChart("Relative-position error e_i(p, r) = phase_i(p) - phase_i(p - r) - r theta_i: b = "
                + base.toCompactDecimalStringOrFraction() + ", d = " + spec.rotaryDim(), font(Font.BOLD, 14), plot, true);
        Plots.machineIndependentAxis(x);
        chart.getLegend().setItemFont(font(Font.PLAIN, 11));
        if (!undrawn.isEmpty()) {
            chart.addSubtitle(new org.jfree.chart.title.TextTitle("not drawn, no finite phase at any position (the base or a position overflows): "
                    + String.join(", ", undrawn), font(Font.PLAIN, 11)));
        }
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static void add(XYSeries s, long p, double e) {
        if (Double.isFinite(e) && e > 0) {
            s.addOrUpdate(p, e);
        }
    }

    private static XYPlot panel(XYSeriesCollection data, String label, GridSpec spec) {
        LogAxis y = new LogAxis(label);
        y.setBase(10);
        y.setSmallestValue(1e-18);
        Plots.machineIndependentAxis(y);
        XYLineAndShapeRenderer lines = PhaseErrorFigure.lines(data);
        XYPlot p = new XYPlot(data, null, y, lines);
        p.addRangeMarker(Plots.deltaMarker(spec, "tolerance delta"));
        p.setBackgroundPaint(Color.WHITE);
        return p;
    }
}
