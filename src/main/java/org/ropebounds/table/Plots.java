package org.ropebounds.table;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
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
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDifferenceRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
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
        JFreeChart zone = zoneFigure(spec, tables).chart();
        out.put("zone.svg", svg(zone, ZONE_WIDTH, ZONE_HEIGHT));
        out.put("zone.png", png(zone, ZONE_WIDTH, ZONE_HEIGHT));
        JFreeChart errors = phaseErrorChart(spec);
        out.put("phase-error.svg", svg(errors, WIDTH, HEIGHT));
        out.put("phase-error.png", png(errors, WIDTH, HEIGHT));
        return out;
    }

    /** The zone figure is larger than the other: room for the legend of every depth and a label for every model. */
    static final int ZONE_WIDTH = 1200;
    static final int ZONE_HEIGHT = 800;
    /** The most depth curves drawn; a grid with more depths gets this many, evenly spread from its first to its last. */
    static final int MAX_CURVES = 12;
    /** The depth whose zone is shaded: the grid's depth nearest this one (the smaller on a tie), as in 7B-8B models. */
    private static final int SHADED_DEPTH = 32;
    /** Most ticks per axis. */
    private static final int MAX_TICKS = 12;

    /** The approx-spectrum precision ceiling of f under the tables' convention (eps_mach: 2^(p-1)), exact in a double. */
    private static double ceiling(Format f) {
        return Math.scalb(1.0, org.ropebounds.bounds.EpsilonConvention.MACHINE.ceilingExponent(f.precision()));
    }

    /** The zone chart and the layout of its model labels (plot coordinates), for tests of the layout. */
    record ZoneFigure(JFreeChart chart, LabelLayout.Layout labels, List<Integer> depths, int shadedDepth) {
    }

    /** The depths drawn: the grid's, ascending, or {@value #MAX_CURVES} of them evenly spread when it has more. */
    static List<Integer> drawnDepths(List<Integer> layers) {
        List<Integer> sorted = layers.stream().sorted().toList();
        if (sorted.size() <= MAX_CURVES) {
            return sorted;
        }
        java.util.TreeSet<Integer> picked = new java.util.TreeSet<>();
        for (int k = 0; k < MAX_CURVES; k++) {
            picked.add(sorted.get((int) Math.round(k * (sorted.size() - 1) / (double) (MAX_CURVES - 1))));
        }
        return List.copyOf(picked);
    }

    /** The grid depth nearest {@value #SHADED_DEPTH}, the smaller of two as near. */
    static int shadedDepth(List<Integer> layers) {
        return layers.stream().sorted().min(java.util.Comparator.comparingInt(n -> Math.abs(n - SHADED_DEPTH))).orElseThrow();
    }

    /**
     * Base against context (log-log) for the grid it is given. The tolerance is the case study's when the grid lists
     * it (so that the models' verdicts and the curves speak of the same eps), else the grid's first; the spectrum is
     * the grid's first. Curves: the binding lower bound at each depth of the grid ({@link #drawnDepths}). Shaded: the
     * zone [lower bound, ceiling) at the grid depth nearest 32 for each of the grid's formats whose ceiling is on the
     * axis (nested: darker where more formats fit). Dashed lines: the ceilings. Points: the registry models at their own
     * context and depth, coloured by their fp32 verdict, labelled by {@link LabelLayout} (no two labels overlap; leader
     * lines; models at one point share a label of several lines). Axes: ticks at integer powers of 2 (context) and 10
     * (base), spread to at most {@value #MAX_TICKS}, over the range of the curves, the models and the ceilings within a
     * factor 100 of them; the ceilings outside it are named in the subtitle.
     */
    static ZoneFigure zoneFigure(GridSpec spec, List<Table> tables) {
        Table minBase = tables.stream().filter(t -> t.id().equals("min-base")).findFirst().orElseThrow();
        Rational eps = spec.tolerances().contains(spec.caseStudyTolerance()) ? spec.caseStudyTolerance() : spec.tolerances().get(0);
        org.ropebounds.bounds.Spectrum spectrum = spec.spectra().get(0);
        String column = "eps=" + eps.toCompactDecimalStringOrFraction() + " " + spectrum.label();
        int col = minBase.columns().indexOf(column);
        List<Integer> depths = drawnDepths(spec.layers());
        int shaded = shadedDepth(spec.layers());
        XYSeriesCollection curves = new XYSeriesCollection();
        Map<Integer, XYSeries> byDepth = new LinkedHashMap<>();
        for (int n : depths) {
            byDepth.put(n, new XYSeries("lower bound, N = " + n));
        }
        XYSeries shadedLower = new XYSeries("lower bound at the shaded depth");
        for (List<String> r : minBase.rows()) {
            int n = Integer.parseInt(r.get(1));
            java.util.OptionalDouble b = logOf(r.get(col), 10);
            if (b.isEmpty()) {
                continue; // an undecided cell is not drawn
            }
            double x = log2(r.get(0));
            if (byDepth.containsKey(n)) {
                byDepth.get(n).add(x, b.getAsDouble());
            }
            if (n == shaded) {
                shadedLower.add(x, b.getAsDouble());
            }
        }
        byDepth.values().forEach(curves::addSeries);
        // registry models, by their fp32 verdict; models at one point share a label
        XYSeriesCollection models = new XYSeriesCollection();
        Map<String, XYSeries> byVerdict = new LinkedHashMap<>();
        for (String v : List.of("inside", "below", "above", "below and above")) {
            byVerdict.put(v, new XYSeries("model (its own depth), fp32 verdict " + v, false));
        }
        Map<Point2D, List<String>> labels = new java.util.TreeMap<>(java.util.Comparator.comparingDouble(Point2D::getX).thenComparingDouble(Point2D::getY));
        tables.stream().filter(t -> t.id().equals("case-study")).findFirst().ifPresent(study -> {
            for (List<String> r : study.rows()) {
                XYSeries s = byVerdict.get(r.get(7));
                java.util.OptionalDouble b = logOf(r.get(2), 10);
                if (s != null && b.isPresent() && !r.get(3).isEmpty()) {
                    Point2D p = new Point2D.Double(log2(r.get(3)), b.getAsDouble());
                    s.add(p.getX(), p.getY());
                    labels.computeIfAbsent(p, k -> new java.util.ArrayList<>()).add(r.get(0));
                }
            }
        });
        // "below and above" gets a legend entry only when a model has it
        byVerdict.values().stream().filter(series -> !series.getKey().toString().endsWith("below and above") || series.getItemCount() > 0)
                .forEach(models::addSeries);
        // axis ranges: the curves and models, and the ceilings within a factor 100 of them
        double[] xs = range(List.of(curves, models), true);
        double[] ys = range(List.of(curves, models), false);
        Map<Double, String> ceilings = new java.util.TreeMap<>();
        Map<Double, Integer> exponents = new LinkedHashMap<>();
        for (Format f : spec.formats()) {
            ceilings.merge(Math.log10(ceiling(f)), f.name(), (a, b) -> a + ", " + b);
            exponents.put(Math.log10(ceiling(f)), org.ropebounds.bounds.EpsilonConvention.MACHINE.ceilingExponent(f.precision()));
        }
        Map<Double, String> onAxis = new java.util.TreeMap<>();
        List<String> offAxis = new java.util.ArrayList<>();
        for (Map.Entry<Double, String> c : ceilings.entrySet()) {
            if (Double.isNaN(ys[0]) || c.getKey() >= ys[0] - 2 && c.getKey() <= ys[1] + 2) {
                onAxis.put(c.getKey(), c.getValue());
            } else {
                offAxis.add(c.getValue() + " 2^" + exponents.get(c.getKey()));
            }
        }
        if (Double.isNaN(ys[0])) { // nothing to draw: the ceilings alone set the range
            ys = new double[] {onAxis.keySet().stream().min(Double::compare).orElse(1.0), onAxis.keySet().stream().max(Double::compare).orElse(10.0)};
        } else {
            for (double c : onAxis.keySet()) {
                ys[0] = Math.min(ys[0], c);
                ys[1] = Math.max(ys[1], c);
            }
        }
        if (Double.isNaN(xs[0])) {
            xs = new double[] {Math.log(spec.contexts().get(0).doubleValue()) / Math.log(2), Math.log(spec.contexts().get(0).doubleValue()) / Math.log(2)};
        }
        NumberAxis x = exponentAxis("context length L (positions)", 2, xs[0] - 0.5, xs[1] + 0.5);
        NumberAxis y = exponentAxis("RoPE base b", 10, ys[0] - 0.3, ys[1] + 0.3);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        for (int k = 0; k < curves.getSeriesCount(); k++) {
            lines.setSeriesPaint(k, PALETTE[k % PALETTE.length]);
            lines.setSeriesStroke(k, new BasicStroke(1.5f));
        }
        XYPlot plot = new XYPlot(curves, x, y, lines);
        XYLineAndShapeRenderer points = new XYLineAndShapeRenderer(false, true);
        Color[] colours = {new Color(0, 140, 0), new Color(200, 0, 0), new Color(230, 140, 0), new Color(120, 0, 160)};
        for (int k = 0; k < models.getSeriesCount(); k++) {
            points.setSeriesPaint(k, colours[k]);
            points.setSeriesShape(k, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        plot.setDataset(1, models);
        plot.setRenderer(1, points);
        // the zone at the shaded depth, one band per ceiling on the axis: between the lower bound and the ceiling
        int band = 2;
        for (double c : onAxis.keySet()) {
            XYSeriesCollection zone = new XYSeriesCollection();
            XYSeries top = new XYSeries("ceiling " + onAxis.get(c));
            for (int i = 0; i < shadedLower.getItemCount(); i++) {
                top.add(shadedLower.getX(i), c);
            }
            zone.addSeries(top);
            zone.addSeries(shadedLower);
            XYDifferenceRenderer shade = new XYDifferenceRenderer(new Color(120, 200, 120, 45), new Color(0, 0, 0, 0), false);
            shade.setSeriesPaint(0, new Color(0, 0, 0, 0));
            shade.setSeriesPaint(1, new Color(0, 0, 0, 0));
            shade.setSeriesVisibleInLegend(0, false);
            shade.setSeriesVisibleInLegend(1, false);
            plot.setDataset(band, zone);
            plot.setRenderer(band, shade);
            band++;
        }
        onAxis.forEach((value, names) -> {
            ValueMarker m = new ValueMarker(value, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                    new float[] {4f, 4f}, 0f));
            m.setLabel("ceiling " + names);
            m.setLabelFont(font(Font.PLAIN, 10));
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(m);
        });
        String title = "Goldilocks zone: " + column + ", d = " + spec.rotaryDim() + " (shaded: the zone of each format at N = " + shaded + ")";
        JFreeChart chart = new JFreeChart(title, font(Font.BOLD, 14), plot, true);
        StringBuilder note = new StringBuilder("Curves: the binding lower bound at ").append(depths.size() == spec.layers().size()
                ? "each depth of the grid" : depths.size() + " of the grid's " + spec.layers().size() + " depths")
                .append("; shaded: [lower bound, ceiling) at N = ").append(shaded).append(", darker where more formats fit");
        if (!labels.isEmpty()) {
            note.append("; points: the registry models at their own context and depth (approx spectrum, eps = ")
                    .append(spec.caseStudyTolerance().toCompactDecimalStringOrFraction()).append(")");
        }
        if (!offAxis.isEmpty()) {
            note.append("; ceilings off the axis: ").append(String.join(", ", offAxis));
        }
        chart.addSubtitle(new TextTitle(note.toString(), font(Font.PLAIN, 11)));
        machineIndependentText(chart);
        chart.setBackgroundPaint(Color.WHITE);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        LabelLayout.Layout layout = labelModels(chart, labels);
        return new ZoneFigure(chart, layout, depths, shaded);
    }

    /** A cell's logarithm to the base, or empty when the cell is not a positive number (undecided, empty). */
    private static java.util.OptionalDouble logOf(String cell, double base) {
        try {
            double v = Double.parseDouble(cell);
            return v > 0 && Double.isFinite(v) ? java.util.OptionalDouble.of(Math.log(v) / Math.log(base)) : java.util.OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return java.util.OptionalDouble.empty();
        }
    }

    /** log2 of a context of digits, exact for powers of two (the bit length of 2^k is k + 1). */
    private static double log2(String digits) {
        java.math.BigInteger l = new java.math.BigInteger(digits);
        return l.bitCount() == 1 ? l.bitLength() - 1 : Math.log(l.doubleValue()) / Math.log(2);
    }

    /** [min, max] of the x (or y) values of the datasets, NaN when they are empty. */
    private static double[] range(List<XYSeriesCollection> data, boolean xValues) {
        double lo = Double.NaN;
        double hi = Double.NaN;
        for (XYSeriesCollection d : data) {
            for (int s = 0; s < d.getSeriesCount(); s++) {
                for (int i = 0; i < d.getItemCount(s); i++) {
                    double v = xValues ? d.getXValue(s, i) : d.getYValue(s, i);
                    lo = Double.isNaN(lo) ? v : Math.min(lo, v);
                    hi = Double.isNaN(hi) ? v : Math.max(hi, v);
                }
            }
        }
        return new double[] {lo, hi};
    }

    /**
     * An axis of exponents (the data are logarithms to {@code base}) with ticks at integers, every 1, 2, 5, 10, ...
     * so that at most {@value #MAX_TICKS} fall in range, labelled {@code base^k}; the range is widened to at least 1.
     */
    static NumberAxis exponentAxis(String label, int base, double lo, double hi) {
        if (hi - lo < 1) {
            double mid = (lo + hi) / 2;
            lo = mid - 0.5;
            hi = mid + 0.5;
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(lo, hi);
        long step = 1;
        for (int k = 0; (hi - lo) / step > MAX_TICKS; k++) {
            step = (long) (new int[] {2, 5, 10}[k % 3] * Math.pow(10, k / 3));
        }
        axis.setTickUnit(new NumberTickUnit(step, new ExponentFormat(base)));
        axis.setAutoTickUnitSelection(false);
        axis.setMinorTickMarksVisible(false);
        return axis;
    }

    /** Formats an integer exponent k as "base^k" (root locale digits); a tick is always at an integer. */
    private static final class ExponentFormat extends java.text.NumberFormat {
        private final int base;

        ExponentFormat(int base) {
            this.base = base;
        }

        @Override
        public StringBuffer format(double number, StringBuffer to, java.text.FieldPosition pos) {
            return format(Math.round(number), to, pos);
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, java.text.FieldPosition pos) {
            return to.append(base).append('^').append(number);
        }

        @Override
        public Number parse(String source, java.text.ParsePosition pos) {
            throw new UnsupportedOperationException("tick labels are not parsed");
        }
    }

    /**
     * Places the models' labels in the chart's data area (found by drawing it once off screen) and adds them, with
     * leader lines, as annotations; models without room are named in a subtitle and the layout is made again for
     * the smaller area (at most three times: the subtitle lists every model unlabelled in the last layout).
     */
    private static LabelLayout.Layout labelModels(JFreeChart chart, Map<Point2D, List<String>> labels) {
        XYPlot plot = chart.getXYPlot();
        Font labelFont = font(Font.PLAIN, 8);
        TextTitle unlabelled = null;
        LabelLayout.Layout layout = null;
        Rectangle2D area = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            area = dataArea(chart);
            List<LabelLayout.Anchor> anchors = new java.util.ArrayList<>();
            for (Map.Entry<Point2D, List<String>> e : labels.entrySet()) {
                anchors.add(new LabelLayout.Anchor(plot.getDomainAxis().valueToJava2D(e.getKey().getX(), area, RectangleEdge.BOTTOM),
                        plot.getRangeAxis().valueToJava2D(e.getKey().getY(), area, RectangleEdge.LEFT), e.getValue()));
            }
            layout = LabelLayout.place(anchors, labelFont, area);
            if (layout.unplaced().isEmpty()) {
                break;
            }
            String text = "not labelled for lack of room: " + String.join(", ", layout.unplaced().stream().flatMap(a -> a.lines().stream()).toList());
            if (unlabelled == null) {
                unlabelled = new TextTitle(text, font(Font.PLAIN, 10));
                chart.addSubtitle(unlabelled);
            } else {
                unlabelled.setText(text);
            }
        }
        for (LabelLayout.Placed p : layout.placed()) {
            Rectangle2D box = p.box();
            for (int i = 0; i < p.anchor().lines().size(); i++) {
                double px = box.getMinX() + 1;
                double py = box.getMinY() + 1 + i * layout.lineHeight();
                XYTextAnnotation t = new XYTextAnnotation(p.anchor().lines().get(i), plot.getDomainAxis().java2DToValue(px, area, RectangleEdge.BOTTOM),
                        plot.getRangeAxis().java2DToValue(py, area, RectangleEdge.LEFT));
                t.setFont(labelFont);
                t.setTextAnchor(TextAnchor.TOP_LEFT);
                t.setPaint(new Color(40, 40, 40));
                plot.addAnnotation(t, false);
            }
            final Rectangle2D where = area;
            p.leaderEnd().ifPresent(end -> plot.addAnnotation(new XYLineAnnotation(
                    plot.getDomainAxis().java2DToValue(p.anchor().x(), where, RectangleEdge.BOTTOM),
                    plot.getRangeAxis().java2DToValue(p.anchor().y(), where, RectangleEdge.LEFT),
                    plot.getDomainAxis().java2DToValue(end.getX(), where, RectangleEdge.BOTTOM),
                    plot.getRangeAxis().java2DToValue(end.getY(), where, RectangleEdge.LEFT),
                    new BasicStroke(0.5f), new Color(150, 150, 150)), false));
        }
        return layout;
    }

    /** The data area of the chart drawn at the zone figure's size (the layout does not depend on the renderer). */
    private static Rectangle2D dataArea(JFreeChart chart) {
        BufferedImage scratch = new BufferedImage(ZONE_WIDTH, ZONE_HEIGHT, BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = scratch.createGraphics();
        try {
            ChartRenderingInfo info = new ChartRenderingInfo();
            chart.draw(g, new Rectangle(0, 0, ZONE_WIDTH, ZONE_HEIGHT), info);
            return (Rectangle2D) info.getPlotInfo().getDataArea().clone();
        } finally {
            g.dispose();
        }
    }

    private static final Color[] PALETTE = {new Color(0, 0, 0), new Color(120, 120, 120), new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(23, 190, 207), new Color(188, 189, 34), new Color(0, 0, 128)};

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

    private static byte[] svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix("ropebounds");
        chart.draw(g, new Rectangle(0, 0, width, height));
        return (g.getSVGDocument() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] png(JFreeChart chart, int width, int height) {
        BufferedImage image = chart.createBufferedImage(width, height);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
