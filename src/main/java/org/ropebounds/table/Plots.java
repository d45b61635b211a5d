package org.ropebounds.table;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.labels.XYItemLabelGenerator;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDifferenceRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Enclosure;
import org.ropebounds.rope.PhaseScan;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.RopeEmulator;

/**
 * The figures beside the tables (SVG and PNG), drawn with JFreeChart from the tables' certified values
 * (plots are the one place doubles are enough). Deterministic: fixed sizes, fonts and SVG ids.
 */
public final class Plots {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;

    /** Each figure's file stem and what it shows, in output order; each is written as .svg and .png. */
    public static final Map<String, String> FIGURES = Map.of(
            "zone", "Goldilocks zone: lower-bound curves, format ceilings and the published models",
            "phase-error", "Phase error against position per format and transformers pipeline (upper bounds)");

    /** DejaVu Sans, shipped in the jar: text metrics, and so the bytes, do not depend on the machine's fonts. */
    private static final Font TYPEFACE = loadTypeface();

    private Plots() {
    }

    private static Font loadTypeface() {
        try (java.io.InputStream in = Plots.class.getResourceAsStream("fonts/DejaVuSans.ttf")) {
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException | java.awt.FontFormatException e) {
            throw new IllegalStateException("the bundled font fonts/DejaVuSans.ttf cannot be read", e);
        }
    }

    private static Font font(int style, int size) {
        return TYPEFACE.deriveFont(style, (float) size);
    }

    /**
     * The axes' and the legend's text in the bundled typeface (titles, markers and item labels are set
     * where they are made), and tick labels formatted in the root locale, not the machine's (a German
     * locale would write 2^{10,5}). Not a ChartTheme: applying one would also reset the series colours.
     */
    private static void machineIndependentText(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        for (var axis : List.of(plot.getDomainAxis(), plot.getRangeAxis())) {
            axis.setLabelFont(font(Font.PLAIN, 13));
            axis.setTickLabelFont(font(Font.PLAIN, 10));
            if (axis instanceof LogAxis log) {
                log.setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createStandardTickUnits(java.util.Locale.ROOT));
                log.setBaseFormatter(new java.text.DecimalFormat("0", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)));
            }
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(font(Font.PLAIN, 11));
        }
    }

    /** File name to content: zone.svg, zone.png, phase-error.svg, phase-error.png. */
    public static Map<String, byte[]> render(GridSpec spec, List<Table> tables) {
        System.setProperty("java.awt.headless", "true");
        Map<String, byte[]> out = new LinkedHashMap<>();
        JFreeChart zone = zoneChart(spec, tables);
        out.put("zone.svg", svg(zone));
        out.put("zone.png", png(zone));
        JFreeChart errors = phaseErrorChart(spec);
        out.put("phase-error.svg", svg(errors));
        out.put("phase-error.png", png(errors));
        return out;
    }

    /** The approx-spectrum precision ceiling of f under the tables' convention (eps_mach: 2^(p-1)), exact in a double. */
    private static double ceiling(Format f) {
        return Math.scalb(1.0, org.ropebounds.bounds.EpsilonConvention.MACHINE.ceilingExponent(f.precision()));
    }

    /** Base against context (log-log): lower-bound curves, format ceilings, the feasible region, registry models. */
    static JFreeChart zoneChart(GridSpec spec, List<Table> tables) {
        Table minBase = tables.stream().filter(t -> t.id().equals("min-base")).findFirst().orElseThrow();
        // the case study's tolerance, so that the models' verdicts and the curves speak of the same eps
        String column = "eps=" + spec.caseStudyTolerance().toCompactDecimalStringOrFraction() + " approx";
        if (!minBase.columns().contains(column)) {
            column = "eps=" + spec.tolerances().get(0).toCompactDecimalStringOrFraction() + " approx";
        }
        int col = minBase.columns().indexOf(column);
        XYSeriesCollection curves = new XYSeriesCollection();
        for (int n : spec.layers().stream().filter(n -> n == 1 || n == 32 || n == 80 || n == 126).toList()) {
            XYSeries s = new XYSeries("lower bound, N = " + n);
            for (List<String> r : minBase.rows()) {
                if (Integer.parseInt(r.get(1)) == n && col >= 0) {
                    s.add(Double.parseDouble(r.get(0)), Double.parseDouble(r.get(col)));
                }
            }
            curves.addSeries(s);
        }
        LogAxis x = new LogAxis("context length L (positions)");
        x.setBase(2);
        x.setSmallestValue(1);
        LogAxis y = new LogAxis("RoPE base b");
        y.setBase(10);
        y.setRange(Math.pow(10, 1.5), 1e10); // shows the bf16, fp16/tf32 and fp32 ceilings
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        XYPlot plot = new XYPlot(curves, x, y, lines);
        // the feasible region for fp32 at N = 32: between the lower bound and the fp32 ceiling
        XYSeriesCollection band = new XYSeriesCollection();
        XYSeries ceilingLine = new XYSeries("fp32 ceiling 2^23");
        XYSeries lower = new XYSeries("N = 32 lower bound");
        for (List<String> r : minBase.rows()) {
            if (Integer.parseInt(r.get(1)) == 32 && col >= 0) {
                double l = Double.parseDouble(r.get(0));
                ceilingLine.add(l, ceiling(Format.FP32));
                lower.add(l, Double.parseDouble(r.get(col)));
            }
        }
        band.addSeries(ceilingLine);
        band.addSeries(lower);
        XYDifferenceRenderer shade = new XYDifferenceRenderer(new Color(120, 200, 120, 90), new Color(0, 0, 0, 0), false);
        shade.setSeriesPaint(0, new Color(0, 0, 0, 0));
        shade.setSeriesPaint(1, new Color(0, 0, 0, 0));
        shade.setSeriesVisibleInLegend(0, false);
        shade.setSeriesVisibleInLegend(1, false);
        plot.setDataset(1, band);
        plot.setRenderer(1, shade);
        // format ceilings
        Map<Double, String> ceilings = new LinkedHashMap<>();
        for (Format f : spec.formats()) {
            ceilings.merge(ceiling(f), f.name(), (a, b) -> a + ", " + b);
        }
        ceilings.forEach((value, names) -> {
            ValueMarker m = new ValueMarker(value, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                    new float[] {4f, 4f}, 0f));
            m.setLabel("ceiling " + names);
            m.setLabelFont(font(Font.PLAIN, 10));
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(m);
        });
        // registry models, coloured by their fp32 verdict
        tables.stream().filter(t -> t.id().equals("case-study")).findFirst().ifPresent(study -> {
            XYSeriesCollection models = new XYSeriesCollection();
            Map<String, XYSeries> byVerdict = new LinkedHashMap<>();
            for (String v : List.of("inside", "below", "above", "below and above")) {
                byVerdict.put(v, new XYSeries("model (its own depth), fp32 verdict " + v, false));
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (List<String> r : study.rows()) {
                XYSeries s = byVerdict.get(r.get(7));
                if (s != null && !r.get(2).isEmpty() && !r.get(3).isEmpty()) {
                    s.add(Double.parseDouble(r.get(3)), Double.parseDouble(r.get(2)));
                    labels.put(s.getKey() + "/" + (s.getItemCount() - 1), r.get(0));
                }
            }
            // "below and above" (below the lower bound and at or above the ceiling) gets a legend entry only when a model has it
            byVerdict.values().stream().filter(series -> !series.getKey().toString().endsWith("below and above") || series.getItemCount() > 0)
                    .forEach(models::addSeries);
            XYLineAndShapeRenderer points = new XYLineAndShapeRenderer(false, true);
            Color[] colours = {new Color(0, 140, 0), new Color(200, 0, 0), new Color(230, 140, 0), new Color(120, 0, 160)};
            for (int k = 0; k < models.getSeriesCount(); k++) {
                points.setSeriesPaint(k, colours[k]);
                points.setSeriesShape(k, new Ellipse2D.Double(-3, -3, 6, 6));
            }
            XYItemLabelGenerator gen = (dataset, series, item) -> labels.get(dataset.getSeriesKey(series) + "/" + item);
            points.setDefaultItemLabelGenerator(gen);
            points.setDefaultItemLabelsVisible(true);
            points.setDefaultItemLabelFont(font(Font.PLAIN, 7));
            plot.setDataset(2, models);
            plot.setRenderer(2, points);
        });
        JFreeChart chart = new JFreeChart("Goldilocks zone: " + column + ", d = " + spec.rotaryDim() + " (shaded: fp32 at N = 32)",
                font(Font.BOLD, 14), plot, true);
        machineIndependentText(chart);
        chart.setBackgroundPaint(Color.WHITE);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        return chart;
    }

    /**
     * The largest phase error over modes against position for the grid's second base: the transformers
     * pipelines (hf, hf-bf16-inv-freq) and, per format of the grid, every stage in that format.
     */
    static JFreeChart phaseErrorChart(GridSpec spec) {
        Rational base = spec.bases().get(Math.min(1, spec.bases().size() - 1));
        XYSeriesCollection data = new XYSeriesCollection();
        // the two transformers pipelines, then every stage in each of the grid's formats
        List<Pipeline> pipelines = new java.util.ArrayList<>(List.of(Pipeline.preset("hf", Format.BF16), Pipeline.preset("hf-bf16-inv-freq", Format.BF16)));
        for (Format f : spec.formats()) {
            pipelines.add(Pipeline.uniform("all " + f.name(), f));
        }
        List<String> undrawn = new java.util.ArrayList<>();
        for (Pipeline pipeline : pipelines) {
            RopeEmulator rope = new RopeEmulator(base, spec.rotaryDim(), pipeline);
            Enclosure[] thetas = PhaseScan.thetas(rope, 160);
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
        XYPlot plot = new XYPlot(data, x, y, lines);
        ValueMarker delta = new ValueMarker(spec.delta().numerator().doubleValue() / spec.delta().denominator().doubleValue(), Color.GRAY,
                new BasicStroke(1f));
        delta.setLabel("phase tolerance delta");
        delta.setLabelFont(font(Font.PLAIN, 10));
        delta.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        delta.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addRangeMarker(delta);
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

    private static byte[] svg(JFreeChart chart) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        g.setDefsKeyPrefix("ropebounds");
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        return (g.getSVGDocument() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] png(JFreeChart chart) {
        BufferedImage image = chart.createBufferedImage(WIDTH, HEIGHT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
