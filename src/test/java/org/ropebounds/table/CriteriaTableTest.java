package org.ropebounds.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ropebounds.Fixtures;
import org.ropebounds.InvalidInputException;

/** The criteria table and figure: Men et al.'s Table 2 and its certified status, the grid keys, and labels that never overlap. */
class CriteriaTableTest {

    private static Table criteria(GridSpec g) {
        TableSpec t = CriteriaTable.spec(g);
        return t.assemble(t.compute(r -> true, () -> { }));
    }

    @Test
    void theDefaultTableCoversMenEtAlsContextsAndTheirPublishedNumbers() {
        Table t = criteria(GridSpec.defaults());
        assertEquals(11, t.rows().size());
        assertEquals("1024", t.rows().get(0).get(0));
        assertEquals("1048576", t.rows().get(10).get(0));
        // the published column is the paper's, read with k = 1024
        assertEquals("4.3e3", t.rows().get(0).get(8));
        assertEquals("5.1e8", t.rows().get(10).get(8));
        // aliasing at L = 1024 by hand: 1024 / (2 pi) = 162.97466...; rounded up to the grid's 6 digits
        assertEquals("162.975", t.rows().get(0).get(1));
        // decay bounds are searched only up to criteria_decay_max_context, absent by default
        assertEquals("not computed", t.rows().get(0).get(4));
        assertTrue(t.caption().contains("k = 1024"), t.caption());
    }

    @Test
    void thePublishedStatusMatchesADirectMpmathScan() throws Exception {
        Table t = criteria(GridSpec.defaults());
        List<String[]> expected = Fixtures.rows("criteria/men-table2-status.csv");
        assertEquals(4, expected.size());
        for (String[] e : expected) {
            List<String> row = t.rows().stream().filter(r -> r.get(0).equals(e[0])).findFirst().orElseThrow();
            assertEquals(e[1], row.get(8));
            String status = row.get(9);
            if (e[2].equals("feasible")) {
                assertTrue(status.startsWith("feasible"), e[0] + ": " + status);
            } else {
                assertTrue(status.startsWith("infeasible: B_m < 0 at m = " + e[2]), e[0] + ": " + status);
            }
        }
    }

    @Test
    void aSpecCanSearchTheDecayBoundForSmallContexts(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("grid.json");
        Files.writeString(spec, "{\"criteria_contexts\": [16, 32], \"criteria_decay_max_context\": 16, \"criteria_train_context\": 8192}");
        GridSpec g = GridSpec.read(spec);
        assertEquals(Optional.of(BigInteger.valueOf(16)), g.criteriaDecayMaxContext());
        Table t = criteria(g);
        assertFalse(t.rows().get(0).get(4).startsWith("not computed"), t.rows().get(0).toString());
        assertEquals("not computed", t.rows().get(1).get(4));
        assertTrue(t.columns().contains("extrapolation T_train=8192"), t.columns().toString());
        Files.writeString(spec, "{\"criteria_decay_max_context\": \"none\"}");
        assertEquals(Optional.empty(), GridSpec.read(spec).criteriaDecayMaxContext());
    }

    @Test
    void badCriteriaKeysAreRefusedNamingTheKey(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("grid.json");
        for (String[] c : new String[][] {{"{\"criteria_layers\": 0}", "criteria_layers"}, {"{\"criteria_tolerance\": \"1\"}", "criteria_tolerance"},
            {"{\"criteria_train_context\": 6}", "criteria_train_context"}, {"{\"criteria_contexts\": []}", "criteria_contexts"},
            {"{\"criteria_decay_max_context\": \"lots\"}", "criteria_decay_max_context"}}) {
            Files.writeString(spec, c[0]);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> GridSpec.read(spec), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }

    @Test
    void noTwoLabelsOfTheCriteriaFigureOverlapNorCoverAPoint() {
        GridSpec g = GridSpec.defaults();
        CriteriaFigure f = CriteriaFigure.of(g, List.of(criteria(g)));
        assertTrue(f.curves().containsAll(List.of("aliasing", "dc_stability eps=0.5", "depth_stability N=32 eps=0.5", "extrapolation fine-tuned")),
                f.curves().toString());
        assertTrue(f.labels().unplaced().isEmpty(), () -> "unlabelled: " + f.labels().unplaced());
        List<LabelLayout.Placed> placed = f.labels().placed();
        assertTrue(placed.stream().anyMatch(p -> p.anchor().lines().contains("Men et al. 5.1e8")), "Men et al.'s points are labelled");
        assertTrue(placed.size() >= 30, "labels: " + placed.size());
        for (int i = 0; i < placed.size(); i++) {
            Rectangle2D a = placed.get(i).box();
            for (int j = i + 1; j < placed.size(); j++) {
                assertFalse(a.intersects(placed.get(j).box()), placed.get(i).anchor().lines() + " overlaps " + placed.get(j).anchor().lines());
            }
            for (LabelLayout.Placed other : placed) {
                Rectangle2D marker = new Rectangle2D.Double(other.anchor().x() - 3, other.anchor().y() - 3, 6, 6);
                assertFalse(a.intersects(marker), placed.get(i).anchor().lines() + " covers the point of " + other.anchor().lines());
            }
        }
    }
}
