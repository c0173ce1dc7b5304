package dev.parley.twin.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * L2-regularized logistic regression by Newton's method (iteratively reweighted least squares)
 * on standardized features; the weights are returned on the original scale and without the
 * intercept, which shifts every candidate's score alike and so never changes a ranking. Not
 * thread-safe: rows are added from one thread.
 */
final class WeightFitter {
    private static final double RIDGE = 1.0;
    private static final int MAX_ITERATIONS = 25;

    private final int features;
    private final List<double[]> rows = new ArrayList<>();

    WeightFitter(int features) {
        this.features = features;
    }

    /** One example: {@code features} values then the label (0 or 1). */
    void add(double[] row) {
        if (row.length != features + 1) {
            throw new IllegalArgumentException("a row has " + features + " features and a label, not " + row.length + " values");
        }
        rows.add(row);
    }

    int size() {
        return rows.size();
    }

    double[] fit() {
        if (rows.isEmpty()) {
            throw new IllegalStateException("no examples to fit");
        }
        int d = features;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= rows.size();
        }
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sd[j] / rows.size());
        }
        // Standardized design with an intercept in the last column; constant features get no weight.
        int p = d + 1;
        double[] w = new double[p];
        double[] z = new double[p];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[p];
            double[] hessian = new double[p * p];
            for (double[] r : rows) {
                for (int j = 0; j < d; j++) {
                    z[j] = sd[j] > 0 ? (r[j] - mean[j]) / sd[j] : 0;
                }
                z[d] = 1;
                double eta = 0;
                for (int j = 0; j < p; j++) {
                    eta += w[j] * z[j];
                }
                double prob = 1 / (1 + Math.exp(-eta));
                double residual = prob - r[d];
                double weight = Math.max(prob * (1 - prob), 1e-9);
                for (int a = 0; a < p; a++) {
                    if (z[a] == 0) {
                        continue;
                    }
                    gradient[a] += residual * z[a];
                    double wa = weight * z[a];
                    int row = a * p;
                    for (int b = a; b < p; b++) {
                        hessian[row + b] += wa * z[b];
                    }
                }
            }
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < a; b++) {
                    hessian[a * p + b] = hessian[b * p + a];
                }
                if (a < d) {
                    gradient[a] += RIDGE * w[a];
                    hessian[a * p + a] += RIDGE;
                } else {
                    hessian[a * p + a] += 1e-9;
                }
            }
            double[] step = solve(hessian, gradient, p);
            double largest = 0;
            for (int j = 0; j < p; j++) {
                w[j] -= step[j];
                largest = Math.max(largest, Math.abs(step[j]));
            }
            if (largest < 1e-6) {
                break;
            }
        }
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            out[j] = sd[j] > 0 ? w[j] / sd[j] : 0;
        }
        return out;
    }

    /** Solves the symmetric positive definite system {@code a x = b} by Cholesky decomposition. */
    static double[] solve(double[] a, double[] b, int n) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                if (i == j) {
                    if (s <= 0) {
                        throw new ArithmeticException("the system is not positive definite");
                    }
                    l[i * n + i] = Math.sqrt(s);
                } else {
                    l[i * n + j] = s / l[j * n + j];
                }
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * n + k] * y[k];
            }
            y[i] = s / l[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * x[k];
            }
            x[i] = s / l[i * n + i];
        }
        return x;
    }
}
