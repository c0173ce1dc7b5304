package dev.parley.twin.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightFitterTest {
    @Test
    void fit_recoversTheWeightsThatGeneratedTheLabels() {
        SplittableRandom random = new SplittableRandom(7);
        WeightFitter fitter = new WeightFitter(3);
        for (int i = 0; i < 40_000; i++) {
            double a = random.nextDouble() * 4 - 2;
            double b = random.nextGaussian() * 3 + 5;
            double eta = -1 + 1.5 * a - 0.5 * (b - 5);
            double label = random.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
            fitter.add(new double[] {a, b, 4.0, label});
        }
        double[] w = fitter.fit();
        assertEquals(1.5, w[0], 0.08);
        assertEquals(-0.5, w[1], 0.04);
        assertEquals(0.0, w[2], "a constant feature gets no weight");
    }

    @Test
    void solve_solvesASymmetricPositiveDefiniteSystem() {
        double[] a = {4, 2, 2, 3};
        double[] x = WeightFitter.solve(a, new double[] {2, 1}, 2);
        assertArrayEquals(new double[] {0.5, 0}, x, 1e-12);
    }
}
