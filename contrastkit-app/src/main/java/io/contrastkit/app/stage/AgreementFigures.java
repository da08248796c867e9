package io.contrastkit.app.stage;

import io.contrastkit.learn.validate.AgreementResult;

/** The agreement-with-human-ratings figures and their meanings, shared by {@code agreement} and {@code validate --human}. */
public final class AgreementFigures {

    /** The fewest rows the 5-parameter logistic can be fitted to. */
    public static final int MIN_ROWS = 5;

    private AgreementFigures() {
    }

    /** Adds the figures of {@code r} to the section. */
    public static void describe(ValidationResult.SectionBuilder s, AgreementResult r) {
        s.figure("n", "n", r.n(), "rated images compared");
        s.figure("srcc", "SRCC", r.srcc(), r.srccCi(),
                "rank agreement (Spearman): +1 the score orders images exactly as people do, 0 no relation, -1 reversed");
        s.figure("krcc", "KRCC", r.krcc(), r.krccCi(),
                "pair agreement (Kendall tau-b): share of image pairs ordered as people order them, minus the share reversed");
        s.figure("plcc", "PLCC", r.plcc(), r.plccCi(),
                "straight-line agreement (Pearson) of the raw score with the ratings");
        s.figure("plcc_logistic", "PLCC (logistic)", r.plccLogistic(), r.plccLogisticCi(),
                "straight-line agreement after an S-shaped mapping of the score onto the rating scale (the usual IQA figure)");
        s.figure("rmse_logistic", "RMSE (logistic)", r.rmseLogistic(), r.rmseLogisticCi(),
                "typical error of that mapped score, in rating units (lower is better)");
    }
}
