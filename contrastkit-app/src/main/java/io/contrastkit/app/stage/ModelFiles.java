package io.contrastkit.app.stage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.learn.cluster.KSelection;
import io.contrastkit.learn.model.Clustering;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.GroupProfile;
import io.contrastkit.learn.model.Representative;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/** Reading and writing model files, and the JSON summaries of a model that the commands print. */
public final class ModelFiles {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ModelFiles() {
    }

    /** Loads a model file; problems become one-line messages naming the file. */
    public static ContrastModel read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model " + file + ": " + e.getMessage(), e);
        }
        return ContrastModel.fromJson(text, file.toString());
    }

    /** Writes through a temporary file in the same folder and a rename, so a crash never leaves half a model. */
    public static void write(ContrastModel model, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, model.toJson(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** k, method, the indices of the final groups and the k-selection table. */
    public static void clustering(ObjectNode node, ContrastModel model) {
        Clustering c = model.clustering();
        node.put("k", c.k());
        node.put("method", c.method().name().toLowerCase(Locale.ROOT));
        node.put("scaler", model.scaler().kind().name().toLowerCase(Locale.ROOT));
        number(node, "silhouette", c.silhouette());
        number(node, "davies_bouldin", c.daviesBouldin());
        number(node, "calinski_harabasz", c.calinskiHarabasz());
        node.put("silhouette_sampled", c.silhouetteSampled());
        ObjectNode sel = node.putObject("k_selection");
        sel.put("chosen_k", c.k());
        sel.put("reason", c.reason());
        ArrayNode table = sel.putArray("table");
        for (KSelection.Score s : c.table()) {
            ObjectNode r = table.addObject();
            r.put("k", s.k());
            number(r, "silhouette", s.silhouette());
            number(r, "davies_bouldin", s.daviesBouldin());
            number(r, "calinski_harabasz", s.calinskiHarabasz());
            number(r, "inertia", s.inertia());
        }
    }

    /** The groups: id, name, size, traits, profile (z-scores) and representatives (paths). */
    public static ArrayNode groups(ContrastModel model) {
        ArrayNode groups = F.arrayNode();
        for (GroupProfile g : model.groups()) {
            ObjectNode o = groups.addObject();
            o.put("id", g.id());
            o.put("name", g.name());
            o.put("size", g.size());
            ArrayNode traits = o.putArray("traits");
            g.traits().forEach(traits::add);
            ObjectNode profile = o.putObject("profile");
            g.profile().forEach((k, v) -> number(profile, k, v));
            ArrayNode reps = o.putArray("representatives");
            for (Representative r : g.representatives()) {
                reps.add(r.path());
            }
        }
        return groups;
    }

    static void number(ObjectNode node, String field, double v) {
        if (Double.isFinite(v)) {
            node.put(field, v);
        } else {
            node.putNull(field);
        }
    }
}
