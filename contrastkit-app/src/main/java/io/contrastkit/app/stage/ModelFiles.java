package io.contrastkit.app.stage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.learn.cluster.KSelection;
import io.contrastkit.learn.model.Clustering;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.GroupProfile;
import io.contrastkit.learn.model.KChoice;
import io.contrastkit.learn.model.Provenance;
import io.contrastkit.learn.model.Representative;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Locale;

/** Reading and writing model files, and the JSON summaries of a model that the commands print. */
public final class ModelFiles {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final SecureRandom RANDOM = new SecureRandom();

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

    /**
     * Writes through a temporary file in the same folder and a rename, so a crash never leaves half a model. The
     * temporary file is created like any other output file (mode 0666 less the umask, so 0644 as a rule), not with
     * {@code Files.createTempFile}'s owner-only 0600, which the rename would carry over to the model.
     */
    public static void write(ContrastModel model, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = temporary(abs);
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

    /** A new, empty file beside {@code target}, with the default permissions of a file this process creates. */
    private static Path temporary(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String suffix = Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
            Path tmp = target.resolveSibling("." + target.getFileName() + "." + suffix + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * The Java that fitted a model, for people: "Java 17.0.15 (Debian)". The model file keeps it as the trainer
     * wrote it, vendor then version ("Debian 17.0.15", which reads like a Debian release); only the display
     * changes, so model files keep their bytes.
     */
    public static String javaText(Provenance provenance) {
        String stored = provenance.java() == null ? "" : provenance.java().strip();
        int space = stored.lastIndexOf(' ');
        String version = stored.substring(space + 1);
        if (version.isEmpty() || !Character.isDigit(version.charAt(0))) {
            return stored.isEmpty() ? "Java (unknown)" : "Java " + stored;
        }
        String vendor = space < 0 ? "" : stored.substring(0, space).strip();
        return "Java " + version + (vendor.isEmpty() || vendor.equals("null") ? "" : " (" + vendor + ")");
    }

    /** Where a model came from: tool version, store, rows, seed, Java, OS, time and options (as text). */
    public static ObjectNode provenance(Provenance p) {
        ObjectNode prov = F.objectNode();
        prov.put("tool_version", p.toolVersion());
        prov.put("store", p.store());
        prov.put("rows", p.rows());
        prov.put("seed", p.seed());
        prov.put("java", p.java());
        prov.put("os", p.os());
        prov.put("created_at", p.createdAt());
        ObjectNode opts = prov.putObject("options");
        p.options().forEach((k, v) -> opts.put(k, String.valueOf(v)));
        return prov;
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
        // absent for models grouped on all features, so 0.1.0's summaries print as they did
        if (!c.features().isEmpty()) {
            c.features().forEach(node.putArray("grouping_features")::add);
        }
        if (!c.tradeoff().isEmpty()) {
            ArrayNode trade = sel.putArray("tradeoff");
            for (KChoice.Tradeoff t : c.tradeoff()) {
                ObjectNode r = trade.addObject();
                r.put("k", t.k());
                number(r, "silhouette", t.silhouette());
                number(r, "bootstrap_ari", t.bootstrapAri());
                r.put("smallest_group", t.smallestGroup());
                number(r, "largest_share", t.largestShare());
                r.put("stable", t.stable());
                r.put("usable", t.usable());
            }
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
