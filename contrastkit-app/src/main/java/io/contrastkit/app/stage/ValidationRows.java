package io.contrastkit.app.stage;

import io.contrastkit.app.cli.ValidateCommand;

import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.validate.Downstream;
import io.contrastkit.store.FeatureMatrix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The label-free checks of {@code contrastkit validate} (internal quality, stability, consistency) as
 * plain rows, so the HTML report shows exactly the figures and meanings the validate command prints.
 */
public final class ValidationRows {

    /** One figure: its section's title, label, formatted value (with interval) and one-line meaning. */
    public record Row(String section, String label, String value, String meaning) {
    }

    private ValidationRows() {
    }

    /**
     * Runs the store checks of {@code validate} (its defaults but for the number of refits).
     *
     * @param store              where the features came from, for messages
     * @param model              the model file, for messages
     * @param stabilityResamples bootstrap refits of the stability check (other-seed refits: a fifth, at least 2)
     */
    public static List<Row> storeChecks(Path store, Path model, ContrastModel m, FeatureMatrix fm,
                                        int stabilityResamples, long seed, int threads) {
        ValidateCommand.Settings s = new ValidateCommand.Settings(store, true, model, null, null, null,
                ValidateCommand.DEFAULT_IMAGE_COLUMN, null, null, 0, stabilityResamples,
                Math.max(2, stabilityResamples / 5), ValidateCommand.DEFAULT_STABILITY_SAMPLE,
                ValidateCommand.DEFAULT_FOLDS, Downstream.Classifier.KNN, seed, threads);
        Report report = new Report("validation");
        new ValidateCommand().storeChecks(report, s, m, fm);
        List<Row> rows = new ArrayList<>();
        for (Report.Section sec : report.sections()) {
            for (Report.Figure f : sec.figures) {
                String v = Report.formatValue(f.value()) + (f.ci() != null ? "  " + Report.formatInterval(f.ci()) : "");
                rows.add(new Row(sec.title, f.label(), v, f.meaning()));
            }
            for (String note : sec.notes) {
                rows.add(new Row(sec.title, "note", "", note));
            }
        }
        return rows;
    }
}
