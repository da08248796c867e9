package io.contrastkit.app.stage;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.learn.label.PseudoLabelOptions;
import io.contrastkit.learn.label.PseudoLabeler;
import io.contrastkit.learn.label.PseudoLabeling;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.store.FeatureMatrix;
import io.contrastkit.store.LabelTable;
import io.contrastkit.store.StoreSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Labeling stage: a person's label for one stored image, and propagation of people's labels to every
 * image with learn's {@link PseudoLabeler} on model-scaled features. The {@code label} and
 * {@code pseudolabel} commands and the explorer's routes all come here; it never prints or exits.
 */
public final class LabelingService {

    /** The image named is not a measured image of the store; each way in words its own answer. */
    public static final class UnknownImageException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        UnknownImageException(String message) {
            super(message);
        }
    }

    /**
     * A finished propagation.
     *
     * @param labeling the classifier's choice, its cross-validated accuracy and every image's label
     * @param images   images labelled (human and propagated together)
     */
    public record Propagation(PseudoLabeling labeling, int images) {
        public Propagation {
            Objects.requireNonNull(labeling, "labeling");
        }

        /** The JSON summary the pseudolabel command prints and the explorer's propagate route answers. */
        public ObjectNode summary() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("classifier", labeling.classifier().id());
            number(o, "knn_accuracy", labeling.knnAccuracy());
            number(o, "logistic_accuracy", labeling.logisticAccuracy());
            o.put("note", labeling.note());
            o.put("labelled", labeling.labelled());
            o.put("images", images);
            ObjectNode counts = o.putObject("counts");
            int[] c = labeling.counts();
            for (int i = 0; i < c.length; i++) {
                counts.put(labeling.classes().get(i), c[i]);
            }
            return o;
        }
    }

    private LabelingService() {
    }

    /**
     * Stores a person's label for the image measured from {@code image} (as given, else absolute and
     * normalised), replacing its earlier label.
     *
     * @return the image's store id
     * @throws UnknownImageException when the store has no measured image of that path
     */
    public static long labelByPath(StoreSession session, Path image, LabelText label) {
        LabelTable table = session.labels();
        Optional<Long> id = table.imageId(image.toString());
        if (id.isEmpty()) {
            id = table.imageId(image.toAbsolutePath().normalize().toString());
        }
        if (id.isEmpty()) {
            throw new UnknownImageException(image + " is not a measured image of store " + session.file());
        }
        table.putHuman(id.get(), label.value());
        return id.get();
    }

    /** Stores a person's label for the image with store id {@code id} (the caller knows it exists). */
    public static void labelById(StoreSession session, long id, LabelText label) {
        session.labels().putHuman(id, label.value());
    }

    /**
     * Reads the store's measured images, scales them with {@code model}'s scaler and propagates.
     *
     * @throws IllegalArgumentException when the model has another feature version, the store holds no
     *                                  measured images, or there are too few people's labels
     */
    public static Propagation propagate(StoreSession session, ContrastModel model) {
        if (!model.schema().version().equals(FeatureSchema.V1.version())) {
            throw new IllegalArgumentException("model has feature version '" + model.schema().version()
                    + "' but this contrastkit reads '" + FeatureSchema.V1.version() + "'");
        }
        FeatureMatrix m = session.features().readFeatures();
        if (m.rows() == 0) {
            throw new IllegalArgumentException("store " + session.file()
                    + " has no measured images (run contrastkit extract first)");
        }
        return propagate(session, m.ids(), model.scaler().transform(m.values()));
    }

    /**
     * Propagates the store's human labels to the images {@code ids} (row {@code i} of {@code scaled} is
     * image {@code ids[i]}) and replaces the store's propagated labels; people's labels are kept.
     *
     * @throws IllegalArgumentException when there are too few people's labels to learn from
     */
    public static Propagation propagate(StoreSession session, long[] ids, double[][] scaled) {
        LabelTable table = session.labels();
        Map<Long, Integer> rowOfId = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            rowOfId.put(ids[i], i);
        }
        Map<Integer, String> human = new HashMap<>();
        for (LabelTable.Label l : table.labels()) {
            Integer row = rowOfId.get(l.imageId());
            if (l.source() == LabelTable.Source.HUMAN && row != null) {
                human.put(row, l.label());
            }
        }
        PseudoLabeling r = PseudoLabeler.label(scaled, human, PseudoLabelOptions.defaults());
        List<LabelTable.Prediction> rows = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            rows.add(new LabelTable.Prediction(ids[i], r.labelOf(i), r.confidenceOf(i)));
        }
        table.replacePropagated(rows);
        return new Propagation(r, ids.length);
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}
