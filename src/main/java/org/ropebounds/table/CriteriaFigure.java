package org.ropebounds.table;

import static org.ropebounds.table.Plots.font;
import static org.ropebounds.table.Plots.machineIndependentText;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.ropebounds.model.Registry;

/**
 * The criteria figure (criteria.svg, criteria.png): each criterion's minimum base against context, log-log, from the criteria
 * table, with Men et al.'s published Table 2 and the registry's models (their rope_theta at their context) as points, labelled by
 * {@link LabelLayout}. A value of this record is the chart and the layout of its labels, for tests of the layout.
 */
record CriteriaFigure(JFreeChart chart, LabelLayout.Layout labels, List<String> curves) {
    /** Drawn at the zone figure's size, so that {@link ZoneFigure#labelPoints} lays labels out in the area drawn. */
    static final int WIDTH = ZoneFigure.WIDTH;
    static final int HEIGHT = ZoneFigure.HEIGHT;

    /** The table columns drawn as curves (column index in {@link CriteriaTable#columns}) and the legend name of each. */
    private static final int[] CURVE_COLUMNS = {1, 2, 3, 4, 5, 7};

    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75)};

    /**
     * The figure for the grid's criteria table. Curves: aliasing, DC stability, depth stability, the decay bound's first feasible
     * base and robust bound, and Liu et al.'s fine-tuned extrapolation base (the pretrained-from-scratch column, astronomically
     * large, is named in the subtitle instead). Points: Men et al.'s Table 2 (when the grid has d = 128), and every registry model
     * with a base and a context. An undecided or missing cell is not drawn.
     */
    static CriteriaFigure of(GridSpec spec, List<Table> tables) {
        Table t = tables.stream().filter(x -> x.id().equals(CriteriaTable.ID)).findFirst().orElseThrow();
        XYSeriesCollection curves = new XYSeriesCollection();
        List<String> drawn = new ArrayList<>();
        for (int c : CURVE_COLUMNS) {
            XYSeries s = new XYSeries(t.columns().get(c));
            for (List<String> r : t.rows()) {
                OptionalDouble b = log10(r.get(c));
                if (b.isPresent()) {
                    s.add(log2(new BigInteger(r.get(0))), b.getAsDouble());
                }
            }
            if (s.getItemCount() > 0) {
                curves.addSeries(s);
                drawn.add(t.columns().get(c));
            }
        }
        XYSeriesCollection points = new XYSeriesCollection();
        XYSeries men = new XYSeries("Men et al. Table 2 (published, k = 1024)");
        XYSeries models = new XYSeries("published models (rope_theta at their context)", false);
        Map<Point2D, List<String>> labels = new TreeMap<>(Comparator.comparingDouble(Point2D::getX).thenComparingDouble(Point2D::getY));
        for (List<String> r : t.rows()) {
            OptionalDouble b = log10(r.get(8));
            if (b.isPresent()) {
                Point2D p = new Point2D.Double(log2(new BigInteger(r.get(0))), b.getAsDouble());
                men.add(p.getX(), p.getY());
                labels.computeIfAbsent(p, k -> new ArrayList<>()).add("Men et al. " + r.get(8)); // labelled, so no label covers it
            }
        }
        for (Registry.Entry e : Registry.entries()) {
            if (e.ropeTheta().isEmpty() || e.context().isEmpty() || e.context().get() < 1) {
                continue;
            }
            OptionalDouble b = log10(e.ropeTheta().get().toCompactDecimalString());
            if (b.isPresent()) {
                Point2D p = new Point2D.Double(log2(BigInteger.valueOf(e.context().get())), b.getAsDouble());
                models.add(p.getX(), p.getY());
                labels.computeIfAbsent(p, k -> new ArrayList<>()).add(e.id());
            }
        }
        if (men.getItemCount() > 0) {
            points.addSeries(men);
        }
        points.addSeries(models);
        double[] xs = ZoneFigure.range(List.of(curves, points), true); // never empty: the seed curves are always drawn
        double[] ys = ZoneFigure.range(List.of(curves, points), false);
        NumberAxis x = ZoneFigure.exponentAxis("context length L (positions)", 2, xs[0] - 0.5, xs[1] + 0.5);
        NumberAxis y = ZoneFigure.exponentAxis("minimum RoPE base b", 10, ys[0] - 0.3, ys[1] + 0.3);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        for (int k = 0; k < curves.getSeriesCount(); k++) {
            lines.setSeriesPaint(k, PALETTE[k % PALETTE.length]);
            lines.setSeriesStroke(k, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(curves, x, y, lines);
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        for (int k = 0; k < points.getSeriesCount(); k++) {
            boolean isMen = points.getSeriesKey(k).equals(men.getKey());
            dots.setSeriesPaint(k, isMen ? Color.BLACK : new Color(120, 120, 120));
            dots.setSeriesShape(k, isMen ? new Rectangle2D.Double(-3.5, -3.5, 7, 7) : new Ellipse2D.Double(-3, -3, 6, 6));
        }
        plot.setDataset(1, points);
        plot.setRenderer(1, dots);
        JFreeChart chart = new JFreeChart("Minimum RoPE base per published criterion, d = " + spec.rotaryDim(), font(Font.BOLD, 14), plot, true);
        chart.addSubtitle(new TextTitle("Seed bounds at N = " + spec.criteriaLayers() + ", eps = " + spec.criteriaTolerance()
                .toCompactDecimalStringOrFraction() + "; Liu et al.: fine-tuned from b = 10000 pretrained at T_train = " + spec.criteriaTrainContext()
                + " (from scratch: column '" + t.columns().get(6) + "' of the table)", font(Font.PLAIN, 11)));
        machineIndependentText(chart);
        chart.setBackgroundPaint(Color.WHITE);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        LabelLayout.Layout layout = ZoneFigure.labelPoints(chart, labels, WIDTH, HEIGHT);
        return new CriteriaFigure(chart, layout, List.copyOf(drawn));
    }

    private static OptionalDouble log10(String cell) {
        return ZoneFigure.logOf(cell, 10);
    }

    private static double log2(BigInteger l) {
        return ZoneFigure.log2(l.toString());
    }
}
