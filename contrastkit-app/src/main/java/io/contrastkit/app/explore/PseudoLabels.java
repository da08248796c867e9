package io.contrastkit.app.explore;

import io.contrastkit.learn.label.PseudoLabelOptions;
import io.contrastkit.learn.label.PseudoLabeler;
import io.contrastkit.learn.label.PseudoLabeling;
import io.contrastkit.store.LabelTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@link PseudoLabeler} on the human labels in a store and writes the propagated labels back. */
public final class PseudoLabels {

    private PseudoLabels() {
    }

    /** Propagates the store's human labels to every image of {@code data} and stores them. */
    public static PseudoLabeling propagate(ExplorerData data, LabelTable table) {
        Map<Integer, String> human = new HashMap<>();
        for (LabelTable.Label l : table.labels()) {
            if (l.source() == LabelTable.Source.HUMAN) {
                data.row(l.imageId()).ifPresent(row -> human.put(row, l.label()));
            }
        }
        PseudoLabeling r = PseudoLabeler.label(data.scaled(), human, PseudoLabelOptions.defaults());
        List<LabelTable.Prediction> rows = new ArrayList<>(data.rows());
        for (int i = 0; i < data.rows(); i++) {
            rows.add(new LabelTable.Prediction(data.id(i), r.labelOf(i), r.confidenceOf(i)));
        }
        table.replacePropagated(rows);
        return r;
    }
}
