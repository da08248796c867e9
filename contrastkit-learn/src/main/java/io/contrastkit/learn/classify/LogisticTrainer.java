package io.contrastkit.learn.classify;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealVector;

/** Trains L2-penalised logistic regression classifiers (binary or softmax) with the solver its options name. */
public final class LogisticTrainer implements ClassifierTrainer {

    private final LogisticOptions options;

    /** A trainer with the given options. */
    public LogisticTrainer(LogisticOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
    }

    /** The options it trains with. */
    public LogisticOptions options() {
        return options;
    }

    @Override
    public Classifier fit(double[][] rows, int[] labels) {
        TrainingSet train = TrainingSet.of(rows, labels, options.standardise());
        int classCount = train.classes.length;
        int d = train.columns();
        if (classCount == 1) {
            return new LogisticClassifier(train.classes, d, train.standardisation, new double[0], 0,
                    LogisticClassifier.Decision.SCORES);
        }
        if (options.solver() == LogisticOptions.Solver.NEWTON) {
            int outputs = classCount == 2 ? 1 : classCount;
            double[] w = newton(train.rows, train.classIndex, outputs, options.inverseRegularisation(),
                    options.maxIterations());
            return new LogisticClassifier(train.classes, d, train.standardisation, w, outputs,
                    LogisticClassifier.Decision.SCORES);
        }
        double[] w = gradientDescent(train.rows, train.classIndex, classCount, options.inverseRegularisation(),
                options.maxIterations());
        return new LogisticClassifier(train.classes, d, train.standardisation, w, classCount,
                LogisticClassifier.Decision.PROBABILITIES);
    }

    /**
     * Damped Newton steps on the penalised log-loss; the optimum is unique, so any convergent solver reaches
     * the same model. Weights per output: d coefficients then the intercept.
     */
    private static double[] newton(double[][] train, int[] trainClass, int outputs, double c, int maxIterations) {
        int d = train[0].length;
        int width = d + 1;
        int p = outputs * width;
        double[] w = new double[p];
        double lambda = 1.0 / c;
        double f = objective(train, trainClass, outputs, w, lambda, null, null);
        for (int iter = 0; iter < maxIterations; iter++) {
            double[] grad = new double[p];
            double[][] hess = new double[p][p];
            objective(train, trainClass, outputs, w, lambda, grad, hess);
            double gmax = 0;
            for (double g : grad) {
                gmax = Math.max(gmax, Math.abs(g));
            }
            if (gmax < 1e-10 * train.length) {
                break;
            }
            // the softmax is unchanged by a common shift of all intercepts: a tiny ridge makes that flat
            // direction solvable without moving the optimum (the gradient along it is zero)
            for (int k = 0; k < p; k++) {
                hess[k][k] += 1e-10;
            }
            RealVector step = new LUDecomposition(new Array2DRowRealMatrix(hess, false)).getSolver()
                    .solve(new ArrayRealVector(grad, false));
            double slope = 0;
            for (int k = 0; k < p; k++) {
                slope += grad[k] * step.getEntry(k);
            }
            double t = 1;
            double[] next = new double[p];
            double fNext;
            do {
                for (int k = 0; k < p; k++) {
                    next[k] = w[k] - t * step.getEntry(k);
                }
                fNext = objective(train, trainClass, outputs, next, lambda, null, null);
                t /= 2;
            } while (fNext > f - 1e-4 * 2 * t * slope && t > 1e-12);
            boolean done = f - fNext <= 1e-15 * Math.max(1, Math.abs(f));
            System.arraycopy(next, 0, w, 0, p);
            f = Math.min(f, fNext);
            if (done) {
                break;
            }
        }
        return w;
    }

    /**
     * Summed log-loss plus {@code lambda/2 * |W|^2} (intercepts unpenalised); fills the gradient and Hessian
     * when they are given.
     */
    private static double objective(double[][] x, int[] cls, int outputs, double[] w, double lambda,
                                    double[] grad, double[][] hess) {
        int d = x[0].length;
        int width = d + 1;
        double loss = 0;
        double[] z = new double[outputs];
        double[] prob = new double[outputs];
        double[] row = new double[width];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, row, 0, d);
            row[d] = 1;
            LogisticClassifier.scores(x[i], w, outputs, z);
            if (outputs == 1) {
                double y = cls[i] == 1 ? 1 : 0;
                // log(1 + e^z) - y z, written to stay finite for large |z|
                loss += Math.max(z[0], 0) + Math.log1p(Math.exp(-Math.abs(z[0]))) - y * z[0];
                prob[0] = 1 / (1 + Math.exp(-z[0]));
                if (grad != null) {
                    double r = prob[0] - y;
                    double v = prob[0] * (1 - prob[0]);
                    for (int a = 0; a < width; a++) {
                        grad[a] += r * row[a];
                        for (int b = 0; b < width; b++) {
                            hess[a][b] += v * row[a] * row[b];
                        }
                    }
                }
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (int k = 0; k < outputs; k++) {
                    prob[k] = Math.exp(z[k] - max);
                    sum += prob[k];
                }
                loss += Math.log(sum) + max - z[cls[i]];
                for (int k = 0; k < outputs; k++) {
                    prob[k] /= sum;
                }
                if (grad != null) {
                    for (int k = 0; k < outputs; k++) {
                        double r = prob[k] - (cls[i] == k ? 1 : 0);
                        for (int a = 0; a < width; a++) {
                            grad[k * width + a] += r * row[a];
                        }
                        for (int l = 0; l < outputs; l++) {
                            double v = prob[k] * ((k == l ? 1 : 0) - prob[l]);
                            for (int a = 0; a < width; a++) {
                                double va = v * row[a];
                                for (int b = 0; b < width; b++) {
                                    hess[k * width + a][l * width + b] += va * row[b];
                                }
                            }
                        }
                    }
                }
            }
        }
        for (int k = 0; k < outputs; k++) {
            for (int j = 0; j < d; j++) {
                double wk = w[k * width + j];
                loss += 0.5 * lambda * wk * wk;
                if (grad != null) {
                    grad[k * width + j] += lambda * wk;
                    hess[k * width + j][k * width + j] += lambda;
                }
            }
        }
        return loss;
    }

    /**
     * Full-gradient steps of 1/L with L bounding the Hessian (Böhning: half the Gram matrix, here its trace,
     * plus the penalty): always a descent step, no line search, for a fixed number of sweeps.
     */
    private static double[] gradientDescent(double[][] tx, int[] ty, int classes, double c, int sweeps) {
        int n = tx.length;
        int d = tx[0].length;
        int width = d + 1;
        double[] w = new double[classes * width];
        double trace = 0;
        for (double[] row : tx) {
            trace += dot(row, row) + 1;
        }
        double step = 1.0 / (0.5 * trace + 1.0 / c);
        double[] z = new double[classes];
        double[] p = new double[classes];
        double[] grad = new double[classes * width];
        for (int sweep = 0; sweep < sweeps; sweep++) {
            for (int k = 0; k < classes; k++) {
                for (int j = 0; j < d; j++) {
                    grad[k * width + j] = w[k * width + j] / c;
                }
                grad[k * width + d] = 0;
            }
            for (int i = 0; i < n; i++) {
                LogisticClassifier.softmax(tx[i], w, classes, z, p);
                for (int k = 0; k < classes; k++) {
                    double r = p[k] - (ty[i] == k ? 1 : 0);
                    for (int j = 0; j < d; j++) {
                        grad[k * width + j] += r * tx[i][j];
                    }
                    grad[k * width + d] += r;
                }
            }
            for (int k = 0; k < p.length * width; k++) {
                w[k] -= step * grad[k];
            }
        }
        return w;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    @Override
    public String toString() {
        return "LogisticTrainer[" + options + "]";
    }
}
