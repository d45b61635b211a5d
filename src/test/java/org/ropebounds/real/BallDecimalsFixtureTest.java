package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ropebounds.real.CertifiedDecimal.Direction;

/**
 * The ball's decimal decisions ({@code BallDecimals.rounded}, {@code CertifiedDecimal.decide(DoubleDoubleInterval,
 * ...)} and {@code decideByBall}) against fixtures/real/ball_decimals.txt: 6,300 balls on and next to n-digit
 * decimals, rounding midpoints and powers of ten (1 to 30 digits, both signs, every direction), decided in
 * exact rationals by src/test/python/gen_ball_decimal_fixtures.py as {@code CertifiedDecimal.decide(Enclosure,
 * ...)} defines it, value and BigDecimal scale included. Also {@code BallDecimals.decadeOf} against exact
 * decades.
 */
class BallDecimalsFixtureTest {
    private record Case(DoubleDoubleInterval ball, int n, Direction direction, Optional<BigDecimal> expected, String line) {
    }

    private static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = BallDecimalsFixtureTest.class.getResourceAsStream("/fixtures/real/ball_decimals.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                DoubleDoubleInterval ball = new DoubleDoubleInterval(Double.parseDouble(f[0]), Double.parseDouble(f[1]),
                        Double.parseDouble(f[2]), Optional.empty());
                Optional<BigDecimal> expected = Optional.empty();
                if (!f[5].equals("-")) {
                    String[] us = f[5].split(":");
                    expected = Optional.of(new BigDecimal(new BigInteger(us[0]), Integer.parseInt(us[1])));
                }
                cases.add(new Case(ball, Integer.parseInt(f[3]), Direction.valueOf(f[4]), expected, line));
            }
        }
        return cases;
    }

    @Test
    void ballDecisionsAreTheExactRationalDecisions() throws IOException {
        List<Case> cases = cases();
        assertEquals(6300, cases.size());
        int decidable = 0;
        int decidedByBall = 0;
        for (Case c : cases) {
            Optional<BigDecimal> ball = BallDecimals.rounded(c.ball(), c.n(), c.direction());
            if (ball.isPresent()) {
                decidedByBall++;
                // equals, not compareTo: the scale is part of the decision (1.5 is not 1.50)
                assertEquals(c.expected(), ball, c.line());
            }
            Optional<CertifiedDecimal> full = CertifiedDecimal.decide(c.ball(), c.n(), c.direction());
            assertEquals(c.expected(), full.flatMap(CertifiedDecimal::toBigDecimal), c.line());
            Optional<CertifiedDecimal> byBall = CertifiedDecimal.decideByBall(c.ball(), c.n(), c.direction());
            assertTrue(byBall.isEmpty() || byBall.equals(full), c.line());
            if (c.expected().isPresent()) {
                decidable++;
            }
        }
        // the fixture is near boundaries on purpose (the scaled ball is a little wider than the enclosure), yet more than
        // half the decidable balls are decided from the ball itself (1,758 of 3,207 when written)
        assertTrue(decidable > 2500, "decidable " + decidable);
        assertTrue(decidedByBall > decidable / 2, decidedByBall + " of " + decidable);
    }

    @Test
    void decadesAreExact() {
        // every power of ten the balls reach, its neighbouring doubles, and values in between: floor(log10 h),
        // derived by comparing with the exact 10^k; decadeOf may be one off only where the double nearest 10^k
        // sits on the other side of 10^k from h
        for (int k = -300; k <= 300; k++) {
            BigDecimal p = BigDecimal.ONE.scaleByPowerOfTen(k);
            double d = Double.parseDouble("1e" + k);
            for (double h : new double[] {d, Math.nextUp(d), Math.nextDown(d), d * 3.7, d * 9.99}) {
                if (!(h > 0 && Double.isFinite(h)) || h < Double.MIN_NORMAL) {
                    continue;
                }
                BigDecimal exact = new BigDecimal(h);
                int e = exact.compareTo(p) >= 0 ? k : k - 1;
                if (exact.compareTo(BigDecimal.ONE.scaleByPowerOfTen(e + 1)) >= 0) {
                    e++;
                }
                int got = BallDecimals.decadeOf(h);
                boolean roundedAcross = new BigDecimal(d).compareTo(p) != 0 && (h == d || h == Math.nextUp(d) || h == Math.nextDown(d));
                assertTrue(got == e || roundedAcross && Math.abs(got - e) == 1, h + ": " + got + " vs " + e);
            }
        }
    }
}
