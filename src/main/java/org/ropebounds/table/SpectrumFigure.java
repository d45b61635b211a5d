package org.ropebounds.table;

import static org.ropebounds.table.Plots.font;
import static org.ropebounds.table.Plots.machineIndependentText;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;
import org.ropebounds.model.ModelAnalysis;
import org.ropebounds.model.ModelConfig;
import org.ropebounds.model.RopeScaling;

/**
 * A model's effective spectrum as a figure (what {@code ropebounds model ID --plot} writes): the wavelength
 * 2 pi / theta of every mode, for plain RoPE with the model's base and as the scaling leaves it (the fp32 values
 * transformers stores), each scaled mode coloured by its role (kept, interpolated, blended, rescaled, ...), and the
 * original and analysed contexts as horizontal lines. Labels are placed by {@link LabelLayout} (no two overlap). Plots
 * are the one place doubles are enough: no number here is printed as a result.
 */
public final class SpectrumFigure {
    /** The figure's size in pixels. */
    static final int WIDTH = 1000;
    static final int HEIGHT = 650;
    private static final Map<String, Color> ROLE_COLOURS = Map.of("kept", new Color(31, 119, 180), "interpolated", new Color(214, 39, 40),
            "blended", new Color(255, 127, 14), "rescaled", new Color(148, 103, 189), "new base", new Color(44, 160, 44));

    /** The chart and the layout of its labels (plot coordinates), for tests of the layout. */
    record Drawn(JFreeChart chart, LabelLayout.Layout labels) {
    }

    private SpectrumFigure() {
    }

    /** The figure as an SVG document (UTF-8); deterministic for the same analysis. */
    public static byte[] svg(ModelAnalysis a) {
        return Plots.svg(of(a).chart(), WIDTH, HEIGHT);
    }

    /** The figure as PNG bytes. */
    public static byte[] png(ModelAnalysis a) {
        return Plots.png(of(a).chart(), WIDTH, HEIGHT);
    }

    static Drawn of(ModelAnalysis a) {
        System.setProperty("java.awt.headless", "true");
        ModelConfig m = a.config();
        int d = m.rotaryDim();
        double base = m.base().toDouble(RoundingMode.NEAREST_EVEN);
        XYSeries plain = new XYSeries("plain RoPE, base " + m.base().toCompactDecimalStringOrFraction() + ": 2\u03c0 b^(2i/d)");
        Map<String, XYSeries> byRole = new LinkedHashMap<>();
        Map<String, int[]> roleRange = new LinkedHashMap<>();
        Map<String, Double> roleFirstWavelength = new LinkedHashMap<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (ModelAnalysis.Mode mode : a.spectrum()) {
            int i = mode.i();
            double p = Math.log10(2 * Math.PI) + (2.0 * i / d) * Math.log10(base);
            double theta = mode.thetaFp32().value().toRational().toDouble(RoundingMode.NEAREST_EVEN);
            double w = Math.log10(2 * Math.PI / theta);
            plain.add(i, p);
            byRole.computeIfAbsent(mode.role(), r -> new XYSeries("scaled 2\u03c0/\u03b8'_i: " + r)).add(i, w);
            roleFirstWavelength.putIfAbsent(mode.role(), w);
            roleRange.merge(mode.role(), new int[] {i, i}, (x, y) -> new int[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])});
            lo = Math.min(lo, Math.min(p, w));
            hi = Math.max(hi, Math.max(p, w));
        }
        Map<String, Double> lines = new LinkedHashMap<>();
        originalContext(m.scaling()).ifPresent(o -> lines.put("original context " + o, Math.log10(o)));
        m.context().ifPresent(c -> lines.put("analysed context " + c + (m.contextDefaulted() ? " (a default)" : ""), Math.log10(c)));
        if (m.scaling() instanceof RopeScaling.Yarn y && y.factor().isPresent()) {
            Rational target = y.factor().get().multiply(Rational.of(y.originalContext()));
            if (m.context().map(c -> !Rational.of(c).equals(target)).orElse(true)) {
                lines.put("YaRN target " + target.toCompactDecimalStringOrFraction(), Math.log10(target.toDouble(RoundingMode.NEAREST_EVEN)));
            }
        }
        for (double v : lines.values()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        XYSeriesCollection plainSet = new XYSeriesCollection(plain);
        XYLineAndShapeRenderer plainRenderer = new XYLineAndShapeRenderer(true, false);
        plainRenderer.setSeriesPaint(0, new Color(120, 120, 120));
        plainRenderer.setSeriesStroke(0, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {5f, 3f}, 0f));
        NumberAxis x = new NumberAxis("mode i (0 = fastest; d = " + d + ", " + d / 2 + " modes)");
        x.setRange(-0.5, d / 2.0 - 0.5);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits(java.util.Locale.ROOT));
        NumberAxis y = ZoneFigure.exponentAxis("wavelength 2\u03c0/\u03b8 (positions)", 10, lo - 0.3, hi + 0.6);
        XYPlot plot = new XYPlot(plainSet, x, y, plainRenderer);
        XYSeriesCollection scaled = new XYSeriesCollection();
        XYLineAndShapeRenderer points = new XYLineAndShapeRenderer(false, true);
        int k = 0;
        for (Map.Entry<String, XYSeries> e : byRole.entrySet()) {
            scaled.addSeries(e.getValue());
            points.setSeriesPaint(k, ROLE_COLOURS.getOrDefault(e.getKey(), Color.BLACK));
            points.setSeriesShape(k, new Ellipse2D.Double(-3, -3, 6, 6));
            k++;
        }
        plot.setDataset(1, scaled);
        plot.setRenderer(1, points);
        Map<Point2D, List<String>> labels = new LinkedHashMap<>();
        for (Map.Entry<String, Double> line : lines.entrySet()) {
            plot.addRangeMarker(new ValueMarker(line.getValue(), new Color(60, 60, 60), new BasicStroke(1f)));
            labels.put(new Point2D.Double(d / 2.0 - 1, line.getValue()), List.of(line.getKey()));
        }
        for (Map.Entry<String, int[]> r : roleRange.entrySet()) {
            int first = r.getValue()[0];
            int last = r.getValue()[1];
            labels.put(new Point2D.Double(first, roleFirstWavelength.get(r.getKey())), List.of(r.getKey() + (first == last ? ": mode " + first : ": modes " + first + "-" + last)));
        }
        JFreeChart chart = new JFreeChart(m.name() + ": effective RoPE spectrum", font(Font.BOLD, 14), plot, true);
        List<String> note = new ArrayList<>();
        note.add("scaling: " + m.scaling().describe());
        m.localBase().ifPresent(b -> note.add("sliding-window layers (base " + b.toCompactDecimalStringOrFraction() + ") not drawn"));
        chart.addSubtitle(new TextTitle(String.join("; ", note), font(Font.PLAIN, 11)));
        machineIndependentText(chart);
        chart.setBackgroundPaint(Color.WHITE);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        return new Drawn(chart, ZoneFigure.labelPoints(chart, labels, WIDTH, HEIGHT));
    }

    private static Optional<Long> originalContext(RopeScaling s) {
        if (s instanceof RopeScaling.Yarn y) {
            return Optional.of(y.originalContext());
        }
        if (s instanceof RopeScaling.Llama3 l) {
            return Optional.of(l.originalContext());
        }
        if (s instanceof RopeScaling.LongRope lr) {
            return Optional.of(lr.originalContext());
        }
        return Optional.empty();
    }
}
