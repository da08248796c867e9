package io.contrastkit.deep.vae;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.contrastkit.deep.DeepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The JSON beside a saved VAE's weights ({@code model.json}): what it is, the shape to rebuild it with, and
 * how it was trained. Loading checks the kind and the format version before touching the weights.
 *
 * @param kind          {@value #KIND}
 * @param formatVersion {@value #FORMAT_VERSION}; a model of another version is refused
 * @param id            {@code vae-} and the first 12 hex digits of the weights' SHA-256: the key its
 *                      embeddings will be stored under
 * @param featureVersion the feature version of the store it was trained on
 * @param imageSize     side of its input images (the tensor cache's size)
 * @param latentSize    size of its embedding
 * @param options       the model's options
 * @param training      the training options
 * @param bestEpoch     the epoch whose weights these are
 * @param epochsRun     epochs trained in all
 * @param engine        the engine and version it was trained with
 */
public record VaeDescriptor(String kind, int formatVersion, String id, String featureVersion, int imageSize,
                            int latentSize, VaeOptions options, TrainingOptions training, int bestEpoch,
                            int epochsRun, String engine) {

    /** The kind of this model in its descriptor. */
    public static final String KIND = "contrast-vae";
    /** The layout of the saved model directory. */
    public static final int FORMAT_VERSION = 1;
    /** The descriptor's file name in the model directory. */
    public static final String FILE = "model.json";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    void write(Path dir) throws IOException {
        JSON.writeValue(dir.resolve(FILE).toFile(), this);
    }

    /** Reads and checks the descriptor of the model in {@code dir}. */
    static VaeDescriptor read(Path dir) {
        Path file = dir.resolve(FILE);
        VaeDescriptor d;
        try {
            d = JSON.readValue(Files.readAllBytes(file), VaeDescriptor.class);
        } catch (NoSuchFileException e) {
            throw new DeepException("no model at " + dir + " (it has no " + FILE + ")");
        } catch (IOException | IllegalArgumentException e) {
            throw new DeepException("cannot read model descriptor " + file + ": " + e.getMessage(), e);
        }
        if (!KIND.equals(d.kind())) {
            throw new DeepException("model " + dir + " is a " + d.kind() + ", not a " + KIND);
        }
        if (d.formatVersion() != FORMAT_VERSION) {
            throw new DeepException("model " + dir + " has format version " + d.formatVersion() + ", this contrastkit"
                    + " reads " + FORMAT_VERSION);
        }
        if (d.options() == null || d.options().imageSize() != d.imageSize()
                || d.options().latentSize() != d.latentSize()) {
            throw new DeepException("model descriptor " + file + " contradicts itself (image size " + d.imageSize()
                    + ", latent size " + d.latentSize() + ", options " + d.options() + ")");
        }
        return d;
    }
}
