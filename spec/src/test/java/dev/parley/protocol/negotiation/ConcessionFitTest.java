package dev.parley.protocol.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConcessionFitTest {

    /** Proposals at times 0, 0.05 … up to {@code until}, conceding from {@code start} toward {@code reach} as t^e. */
    private static double[][] series(double start, double reach, double e, double until) {
        int n = (int) Math.round(until / 0.05) + 1;
        double[][] s = new double[2][n];
        for (int i = 0; i < n; i++) {
            s[0][i] = i * 0.05;
            // Rounded to the cent of a 100.00 range, as prices are.
            s[1][i] = Math.floor((start + (reach - start) * Math.pow(s[0][i], e)) * 10_000) / 10_000;
        }
        return s;
    }

    @Test
    void aLinearConcession_isExtrapolatedToWhereItEnds() {
        double[][] s = series(0.0, 0.6, 1.0, 0.5);
        assertEquals(0.6, ConcessionFit.limit(s[0], s[1]).orElseThrow(), 0.01);
    }

    @Test
    void aConcederAndABoulware_areExtrapolatedOnceTheyHaveMoved() {
        double[][] conceder = series(0.1, 0.8, 1 / 3.0, 0.3);
        assertEquals(0.8, ConcessionFit.limit(conceder[0], conceder[1]).orElseThrow(), 0.03);
        double[][] boulware = series(0.0, 0.5, 5.0, 0.9);
        assertEquals(0.5, ConcessionFit.limit(boulware[0], boulware[1]).orElseThrow(), 0.03);
    }

    @Test
    void aSideThatDoesNotMove_orTooFewProposals_giveNoEstimate() {
        double[][] hardliner = series(0.2, 0.2, 1.0, 0.9);
        assertTrue(ConcessionFit.limit(hardliner[0], hardliner[1]).isEmpty());
        assertTrue(ConcessionFit.limit(new double[] {0, 0.5}, new double[] {0, 0.5}).isEmpty());
    }
}
