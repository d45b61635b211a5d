package org.ropebounds.table;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Places text labels beside points so that no two labels overlap: a greedy layout in plot (Java2D) coordinates.
 * Each point, in the order given, takes the first candidate box, nearest first (rings of growing distance, eight
 * directions each), that lies inside the area and meets neither a label already placed nor any point's marker; a
 * label set away from its point gets a leader line. A point for which no candidate is free stays unlabelled and is
 * returned as such, so that the figure can name it elsewhere. Deterministic: the same points, font and area give
 * the same layout.
 */
final class LabelLayout {
    /** The distances (pixels) from a point to its label box tried, nearest first. */
    private static final double[] RINGS = {5, 10, 17, 26, 38, 52, 70, 92, 120, 155, 200};
    /** Directions tried on each ring: E, W, NE, SE, NW, SW, N, S (unit steps). */
    private static final double[][] DIRECTIONS = {{1, 0}, {-1, 0}, {0.7, -0.7}, {0.7, 0.7}, {-0.7, -0.7}, {-0.7, 0.7}, {0, -1}, {0, 1}};
    /** Half the side of the square a point's marker occupies (the markers are 6-pixel circles), plus one pixel. */
    static final double MARKER_HALF = 4;
    /** Space kept around each label's text, so that glyphs whose metrics differ by a pixel between renderers still do not touch. */
    private static final double PADDING = 1;
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    private LabelLayout() {
    }

    /** A point to be labelled, at {@code (x, y)} in plot coordinates, with its label's lines (one or more). */
    record Anchor(double x, double y, List<String> lines) {
        Anchor {
            lines = List.copyOf(lines);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("a label needs at least one line");
            }
        }
    }

    /**
     * A label placed: its box (text plus padding) in plot coordinates, and the leader line's end on the box, if the
     * box is away from its point.
     */
    record Placed(Anchor anchor, Rectangle2D box, java.util.Optional<Point2D> leaderEnd) {
    }

    /** The layout: the labels placed, and the anchors left unlabelled (no free candidate), both in the order given. */
    record Layout(List<Placed> placed, List<Anchor> unplaced, double lineHeight) {
    }

    /**
     * The greedy layout of {@code anchors} in {@code area}, text set in {@code font}.
     *
     * @param area the plot's data area; every box placed lies inside it
     * @return boxes pairwise disjoint, none meeting a marker square (side 2 {@value #MARKER_HALF}) of any anchor
     */
    static Layout place(List<Anchor> anchors, Font font, Rectangle2D area) {
        double lineHeight = Math.ceil(font.getLineMetrics("Mg", FRC).getHeight());
        List<Rectangle2D> markers = anchors.stream()
                .map(a -> (Rectangle2D) new Rectangle2D.Double(a.x() - MARKER_HALF, a.y() - MARKER_HALF, 2 * MARKER_HALF, 2 * MARKER_HALF))
                .toList();
        List<Placed> placed = new ArrayList<>();
        List<Anchor> unplaced = new ArrayList<>();
        for (Anchor a : anchors) {
            double w = 2 * PADDING + a.lines().stream().mapToDouble(l -> font.getStringBounds(l, FRC).getWidth()).max().orElse(0);
            double h = 2 * PADDING + lineHeight * a.lines().size();
            Rectangle2D chosen = null;
            for (double r : RINGS) {
                for (double[] d : DIRECTIONS) {
                    Rectangle2D box = candidate(a, w, h, r, d);
                    if (area.contains(box) && markers.stream().noneMatch(box::intersects)
                            && placed.stream().noneMatch(p -> p.box().intersects(box))) {
                        chosen = box;
                        break;
                    }
                }
                if (chosen != null) {
                    break;
                }
            }
            if (chosen == null) {
                unplaced.add(a);
                continue;
            }
            Point2D end = new Point2D.Double(clamp(a.x(), chosen.getMinX(), chosen.getMaxX()), clamp(a.y(), chosen.getMinY(), chosen.getMaxY()));
            boolean away = end.distance(a.x(), a.y()) > MARKER_HALF + RINGS[0];
            placed.add(new Placed(a, chosen, away ? java.util.Optional.of(end) : java.util.Optional.empty()));
        }
        return new Layout(List.copyOf(placed), List.copyOf(unplaced), lineHeight);
    }

    /** The box of size w x h whose nearest side (or corner, diagonally) is r pixels from the point in direction d. */
    private static Rectangle2D candidate(Anchor a, double w, double h, double r, double[] d) {
        double gap = r + MARKER_HALF;
        double x = d[0] > 0 ? a.x() + gap * d[0] : d[0] < 0 ? a.x() + gap * d[0] - w : a.x() - w / 2;
        double y = d[1] > 0 ? a.y() + gap * d[1] : d[1] < 0 ? a.y() + gap * d[1] - h : a.y() - h / 2;
        return new Rectangle2D.Double(x, y, w, h);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
