package org.ropebounds.table;

import static org.ropebounds.table.Plots.font;
import static org.ropebounds.table.Plots.machineIndependentText;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
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
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/**
 * The zone figure (zone.svg, zone.png): the lower-bound curves at the grid's depths, the shaded zone at one depth,
 * the format ceilings, exponent axes, and the registry models with labels placed by {@link LabelLayout}. A value of
 * this record is the zone chart and the layout of its model labels (plot coordinates), for tests of the layout.
 */
record ZoneFigure(JFreeChart chart, LabelLayout.Layout labels, List<Integer> depths, int shadedDepth) {

    /** The zone figure is larger than the other: room for the legend of every depth and a label for every model. */
    static final int WIDTH = 1200;
    static final int HEIGHT = 800;
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
    static ZoneFigure of(GridSpec spec, List<Table> tables) {
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
        LabelLayout.Layout layout = labelPoints(chart, labels, WIDTH, HEIGHT);
        return new ZoneFigure(chart, layout, depths, shaded);
    }

    /** A cell's logarithm to the base, or empty when the cell is not a positive number (undecided, empty). */
    static java.util.OptionalDouble logOf(String cell, double base) {
        try {
            double v = Double.parseDouble(cell);
            return v > 0 && Double.isFinite(v) ? java.util.OptionalDouble.of(Math.log(v) / Math.log(base)) : java.util.OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return java.util.OptionalDouble.empty();
        }
    }

    /** log2 of a context of digits, exact for powers of two (the bit length of 2^k is k + 1). */
    static double log2(String digits) {
        java.math.BigInteger l = new java.math.BigInteger(digits);
        return l.bitCount() == 1 ? l.bitLength() - 1 : Math.log(l.doubleValue()) / Math.log(2);
    }

    /** [min, max] of the x (or y) values of the datasets, NaN when they are empty. */
    static double[] range(List<XYSeriesCollection> data, boolean xValues) {
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
     * Places points' labels (the zone figure's models; {@link SpectrumFigure}'s) in the chart's data area (found by drawing it once off screen) and adds them, with
     * leader lines, as annotations; models without room are named in a subtitle and the layout is made again for
     * the smaller area (at most three times: the subtitle lists every model unlabelled in the last layout).
     */
    static LabelLayout.Layout labelPoints(JFreeChart chart, Map<Point2D, List<String>> labels, int width, int height) {
        XYPlot plot = chart.getXYPlot();
        Font labelFont = font(Font.PLAIN, 8);
        TextTitle unlabelled = null;
        LabelLayout.Layout layout = null;
        Rectangle2D area = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            area = dataArea(chart, width, height);
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

    /** The data area of the chart drawn at this size (the layout does not depend on the renderer). */
    private static Rectangle2D dataArea(JFreeChart chart, int width, int height) {
        BufferedImage scratch = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = scratch.createGraphics();
        try {
            ChartRenderingInfo info = new ChartRenderingInfo();
            chart.draw(g, new Rectangle(0, 0, width, height), info);
            return (Rectangle2D) info.getPlotInfo().getDataArea().clone();
        } finally {
            g.dispose();
        }
    }

    private static final Color[] PALETTE = {new Color(0, 0, 0), new Color(120, 120, 120), new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(23, 190, 207), new Color(188, 189, 34), new Color(0, 0, 128)};
}
