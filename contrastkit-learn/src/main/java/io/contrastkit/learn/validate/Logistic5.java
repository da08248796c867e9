package io.contrastkit.learn.validate;

import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The standard 5-parameter logistic of image-quality assessment, {@code b1*(0.5 - 1/(1+exp(b2*(x-b3)))) + b4*x + b5},
 * that maps a metric's scores onto the subjective scale before PLCC and RMSE are taken.
 *
 * <p>It is evaluated as {@code b1/2 * tanh(b2*(x-b3)/2) + b4*x + b5}, the same function written without
 * {@code exp}, so it stays finite for any {@code |b2*(x-b3)|}.
 */
public record Logistic5(double b1, double b2, double b3, double b4, double b5) {

    private static final double SQRT_EPSILON = 1.4901161193847656e-8;

    public Logistic5 {
        double[] p = {b1, b2, b3, b4, b5};
        for (int i = 0; i < p.length; i++) {
            if (!Double.isFinite(p[i])) {
                throw new IllegalArgumentException("parameter b" + (i + 1) + " must be finite, got " + p[i]);
            }
        }
    }

    /** Builds the model from {@code {b1, b2, b3, b4, b5}}. */
    public static Logistic5 of(double[] parameters) {
        if (parameters.length != 5) {
            throw new IllegalArgumentException("need 5 parameters b1..b5, got " + parameters.length);
        }
        return new Logistic5(parameters[0], parameters[1], parameters[2], parameters[3], parameters[4]);
    }

    /** The parameters as a new array {@code {b1, b2, b3, b4, b5}}. */
    public double[] parameters() {
        return new double[] {b1, b2, b3, b4, b5};
    }

    /** The model's value at {@code x}. */
    public double apply(double x) {
        return value(b1, b2, b3, b4, b5, x);
    }

    /** The model's values at each of {@code x}, in a new array. */
    public double[] apply(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = apply(x[i]);
        }
        return out;
    }

    private static double value(double b1, double b2, double b3, double b4, double b5, double x) {
        // 0.5 - 1/(1+e^t) == tanh(t/2)/2 exactly; tanh saturates instead of overflowing
        return 0.5 * b1 * Math.tanh(0.5 * b2 * (x - b3)) + b4 * x + b5;
    }

    /**
     * Options of the fit.
     *
     * @param restarts       extra deterministic starting points tried after the standard one (0 to 8);
     *                       the fit with the smallest squared error wins
     * @param maxEvaluations cap on model evaluations per start; a start that hits it is dropped
     */
    public record Options(int restarts, int maxEvaluations) {

        public static final int MAX_RESTARTS = 8;

        public Options {
            if (restarts < 0 || restarts > MAX_RESTARTS) {
                throw new IllegalArgumentException("restarts must be in 0.." + MAX_RESTARTS + ", got " + restarts);
            }
            if (maxEvaluations < 10) {
                throw new IllegalArgumentException("maxEvaluations must be >= 10, got " + maxEvaluations);
            }
        }

        /** Four restarts, 2000 evaluations per start. */
        public static Options defaults() {
            return new Options(4, 2000);
        }
    }

    /**
     * A fitted logistic and how well it maps the scores onto the truth.
     *
     * @param model  the best parameters found
     * @param fitted the model's value at each input score (a copy is returned)
     * @param plcc   Pearson correlation of {@code fitted} with the truth
     * @param rmse   root mean squared difference of {@code fitted} and the truth, in the truth's units
     */
    public record Fit(Logistic5 model, double[] fitted, double plcc, double rmse) {

        public Fit {
            fitted = fitted.clone();
        }

        @Override
        public double[] fitted() {
            return fitted.clone();
        }
    }

    /** Fits the logistic to {@code (x, y)} by least squares with {@link Options#defaults()}. */
    public static Fit fit(double[] x, double[] y) {
        return fit(x, y, Options.defaults());
    }

    /**
     * Fits the logistic to scores {@code x} and truth {@code y} by Levenberg-Marquardt least squares from a
     * standard start and {@code options.restarts()} deterministic restarts, keeping the smallest squared error.
     * A straight line (the model with {@code b1 = 0}) is always a candidate, so degenerate inputs still get
     * a sensible fit. Needs at least 5 pairs.
     */
    public static Fit fit(double[] x, double[] y, Options options) {
        Correlation.check(x, y);
        if (x.length < 5) {
            throw new IllegalArgumentException("need at least 5 pairs to fit 5 parameters, got " + x.length);
        }
        return fitFrom(x, y, startingPoints(x, y, options.restarts()), options.maxEvaluations());
    }

    /**
     * Fits a bootstrap resample given as distinct points {@code (x, y)} with multiplicities {@code weight},
     * starting from {@code warmStart} (the full data's optimum, near which a resample's optimum lies) and,
     * only if that run fails, from the standard start. Weighting distinct points instead of repeating them
     * gives the same least-squares problem on about 63% of the rows. Returns the best parameters.
     */
    static Logistic5 fitWeighted(double[] x, double[] y, double[] weight, Logistic5 warmStart, int maxEvaluations) {
        double[] best = linearFit(x, y, weight);
        double bestSse = sse(best, x, y, weight);
        double[] p = optimise(x, y, weight, warmStart.parameters(), maxEvaluations);
        if (p == null) {
            p = optimise(x, y, weight, startingPoints(x, y, 0).get(0), maxEvaluations);
        }
        if (p != null && sse(p, x, y, weight) < bestSse) {
            best = p;
        }
        return of(best);
    }

    private static Fit fitFrom(double[] x, double[] y, List<double[]> starts, int maxEvaluations) {
        double[] best = linearFit(x, y, null);
        double bestSse = sse(best, x, y, null);
        for (double[] start : starts) {
            double[] p = optimise(x, y, null, start, maxEvaluations);
            if (p == null) {
                continue;
            }
            double s = sse(p, x, y, null);
            if (s < bestSse) {
                bestSse = s;
                best = p;
            }
        }
        Logistic5 model = of(best);
        double[] fitted = model.apply(x);
        return new Fit(model, fitted, Correlation.pearsonUnchecked(fitted, y), Math.sqrt(bestSse / x.length));
    }

    /** The standard start followed by {@code restarts} others that move the slope and the centre. */
    static List<double[]> startingPoints(double[] x, double[] y, int restarts) {
        double meanX = Correlation.mean(x);
        double meanY = Correlation.mean(y);
        double sd = 0;
        for (double v : x) {
            sd += (v - meanX) * (v - meanX);
        }
        sd = Math.sqrt(sd / x.length);
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            minY = Math.min(minY, v);
            maxY = Math.max(maxY, v);
        }
        double r = Correlation.pearsonUnchecked(x, y);
        // the sigmoid rises with x when b1*b2 > 0: b2 stays positive, b1 takes the sign of the correlation
        double amplitude = (r < 0 ? -1 : 1) * (maxY - minY);
        // a slope of about 1/sd spans the bulk of the scores with the sigmoid's curved part
        double slope = sd > 0 ? 1.0 / sd : 1.0;
        double[][] shifts = {
            {1, meanX},
            {4, quantile(sorted, 0.5)},
            {0.25, meanX},
            {2, quantile(sorted, 0.25)},
            {2, quantile(sorted, 0.75)},
            {10, quantile(sorted, 0.5)},
            {1, quantile(sorted, 0.1)},
            {1, quantile(sorted, 0.9)},
            {30, meanX},
        };
        List<double[]> starts = new ArrayList<>();
        for (int i = 0; i <= restarts; i++) {
            starts.add(new double[] {amplitude, shifts[i][0] * slope, shifts[i][1], 0, meanY});
        }
        return starts;
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Least-squares line as a logistic with {@code b1 = 0}. */
    private static double[] linearFit(double[] x, double[] y, double[] weight) {
        double sw = 0;
        double swx = 0;
        double swy = 0;
        for (int i = 0; i < x.length; i++) {
            double w = weight == null ? 1 : weight[i];
            sw += w;
            swx += w * x[i];
            swy += w * y[i];
        }
        double mx = swx / sw;
        double my = swy / sw;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            double w = weight == null ? 1 : weight[i];
            sxx += w * (x[i] - mx) * (x[i] - mx);
            sxy += w * (x[i] - mx) * (y[i] - my);
        }
        double slope = sxx > 0 ? sxy / sxx : 0;
        return new double[] {0, 1, mx, slope, my - slope * mx};
    }

    private static double sse(double[] p, double[] x, double[] y, double[] weight) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = value(p[0], p[1], p[2], p[3], p[4], x[i]) - y[i];
            s += (weight == null ? 1 : weight[i]) * d * d;
        }
        return s;
    }

    /** One Levenberg-Marquardt run; {@code null} when it fails or wanders to non-finite parameters. */
    private static double[] optimise(double[] x, double[] y, double[] weight, double[] start, int maxEvaluations) {
        // weights enter as sqrt(w) on residual rows, so sum w*(f-y)^2 is what is minimised
        double[] root = new double[x.length];
        double[] target = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            root[i] = weight == null ? 1 : Math.sqrt(weight[i]);
            target[i] = root[i] * y[i];
        }
        MultivariateJacobianFunction model = point -> {
            double b1 = point.getEntry(0);
            double b2 = point.getEntry(1);
            double b3 = point.getEntry(2);
            double b4 = point.getEntry(3);
            double b5 = point.getEntry(4);
            double[] values = new double[x.length];
            double[][] jacobian = new double[x.length][5];
            for (int i = 0; i < x.length; i++) {
                double d = x[i] - b3;
                double t = Math.tanh(0.5 * b2 * d);
                // derivative of tanh(u/2)/2 with respect to u
                double slope = 0.25 * (1 - t * t);
                double r = root[i];
                values[i] = r * (0.5 * b1 * t + b4 * x[i] + b5);
                jacobian[i][0] = r * 0.5 * t;
                jacobian[i][1] = r * b1 * slope * d;
                jacobian[i][2] = -r * b1 * slope * b2;
                jacobian[i][3] = r * x[i];
                jacobian[i][4] = r;
            }
            return new Pair<RealVector, RealMatrix>(new ArrayRealVector(values, false),
                    new Array2DRowRealMatrix(jacobian, false));
        };
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(start)
                .model(model)
                .target(target)
                .lazyEvaluation(false)
                .maxEvaluations(maxEvaluations)
                .maxIterations(maxEvaluations)
                .build();
        try {
            // MINPACK's (and so scipy curve_fit's) default tolerances, sqrt(machine epsilon): tighter ones only
            // crawl along the flat b1/b4 valley without changing PLCC or RMSE in any reported digit
            LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer()
                    .withCostRelativeTolerance(SQRT_EPSILON)
                    .withParameterRelativeTolerance(SQRT_EPSILON)
                    .optimize(problem);
            double[] p = optimum.getPoint().toArray();
            for (double v : p) {
                if (!Double.isFinite(v)) {
                    return null;
                }
            }
            return p;
        } catch (MathRuntimeException e) {
            // too many evaluations or a singular step: this start is simply not used
            return null;
        }
    }
}
