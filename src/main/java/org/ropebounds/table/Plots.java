package org.ropebounds.table;

import java.awt.Font;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.svg.SVGGraphics2D;

/**
 * The figures beside the tables (SVG and PNG), drawn with JFreeChart from the tables' certified values
 * (plots are the one place doubles are enough). Deterministic: fixed sizes, fonts and SVG ids. This class is the
 * entry point and what the figures share (the bundled typeface, machine-independent text, SVG and PNG encoding);
 * each figure is drawn by its own class ({@code ZoneFigure}, {@code PhaseErrorFigure}, {@code RelativeErrorFigure}).
 */
public final class Plots {
    /** Each figure's file stem and what it shows, in output order; each is written as .svg and .png. */
    public static final Map<String, String> FIGURES = Map.of(
            "zone", "Goldilocks zone: lower-bound curves, format ceilings and the published models",
            "criteria", "Minimum base per published criterion against context, with Men et al.'s Table 2 and the published models",
            "phase-error", "Phase error against position per format and transformers pipeline (upper bounds)",
            "relative-error", "Relative-position error at distances 1 and p against position, per format and pipeline (upper bounds)");

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

    static Font font(int style, int size) {
        return TYPEFACE.deriveFont(style, (float) size);
    }

    /**
     * The axes' and the legend's text in the bundled typeface (titles, markers and item labels are set
     * where they are made), and tick labels formatted in the root locale, not the machine's (a German
     * locale would write 2^{10,5}). Not a ChartTheme: applying one would also reset the series colours.
     */
    static void machineIndependentText(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        for (var axis : List.of(plot.getDomainAxis(), plot.getRangeAxis())) {
            machineIndependentAxis(axis);
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(font(Font.PLAIN, 11));
        }
    }

    /** One axis's text in the bundled typeface, its ticks formatted in the root locale (see {@link #machineIndependentText}). */
    static void machineIndependentAxis(org.jfree.chart.axis.ValueAxis axis) {
        axis.setLabelFont(font(Font.PLAIN, 13));
        axis.setTickLabelFont(font(Font.PLAIN, 10));
        if (axis instanceof LogAxis log) {
            log.setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createStandardTickUnits(java.util.Locale.ROOT));
            log.setBaseFormatter(new java.text.DecimalFormat("0", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)));
        }
    }

    /**
     * The horizontal line at the phase tolerance delta of a figure with a phase-error axis, labelled {@code label}
     * (a plot position: delta rounded to the nearest double is exact enough to draw).
     */
    static org.jfree.chart.plot.ValueMarker deltaMarker(GridSpec spec, String label) {
        org.jfree.chart.plot.ValueMarker delta = new org.jfree.chart.plot.ValueMarker(
                spec.delta().toDouble(org.ropebounds.format.RoundingMode.NEAREST_EVEN), java.awt.Color.GRAY, new java.awt.BasicStroke(1f));
        delta.setLabel(label);
        delta.setLabelFont(font(Font.PLAIN, 10));
        delta.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
        delta.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
        return delta;
    }

    /**
     * File name to content: zone.svg, zone.png, criteria.svg, criteria.png, phase-error.svg, phase-error.png,
     * relative-error.svg, relative-error.png. The four figures are computed and drawn at the same time (on the
     * common pool and the calling thread: most of a small table run's time); each is its own chart and its own
     * graphics, so its bytes are those a drawing alone would give, and the map's order is fixed.
     */
    public static Map<String, byte[]> render(GridSpec spec, List<Table> tables) {
        System.setProperty("java.awt.headless", "true");
        List<Figure> figures = List.of(
                new Figure("zone", () -> ZoneFigure.of(spec, tables).chart(), ZoneFigure.WIDTH, ZoneFigure.HEIGHT),
                new Figure("criteria", () -> CriteriaFigure.of(spec, tables).chart(), CriteriaFigure.WIDTH, CriteriaFigure.HEIGHT),
                new Figure("phase-error", () -> PhaseErrorFigure.chart(spec), PhaseErrorFigure.WIDTH, PhaseErrorFigure.HEIGHT),
                new Figure("relative-error", () -> RelativeErrorFigure.chart(spec), RelativeErrorFigure.WIDTH, RelativeErrorFigure.HEIGHT));
        List<byte[][]> drawn = figures.parallelStream().map(Figure::draw).toList();
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int k = 0; k < figures.size(); k++) {
            out.put(figures.get(k).stem() + ".svg", drawn.get(k)[0]);
            out.put(figures.get(k).stem() + ".png", drawn.get(k)[1]);
        }
        return out;
    }

    /** One figure: its file stem, how its chart is made, and its size in pixels. */
    private record Figure(String stem, Supplier<JFreeChart> chart, int width, int height) {
        /** The SVG and PNG bytes. */
        byte[][] draw() {
            JFreeChart c = chart.get();
            return new byte[][] {svg(c, width, height), png(c, width, height)};
        }
    }

    /** The chart as a deterministic SVG document (fixed ids), UTF-8. */
    static byte[] svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix("ropebounds");
        chart.draw(g, new Rectangle(0, 0, width, height));
        return (g.getSVGDocument() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The chart as PNG bytes. */
    static byte[] png(JFreeChart chart, int width, int height) {
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
