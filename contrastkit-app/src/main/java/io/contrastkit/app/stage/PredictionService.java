package io.contrastkit.app.stage;

import io.contrastkit.app.batch.CollectionScanner;
import io.contrastkit.app.batch.ImageBatchRunner;
import io.contrastkit.app.batch.ImageOutcome;
import io.contrastkit.app.batch.NativeSetting;
import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.FeatureVector;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.decode.ImageDecoder;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.Prediction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Prediction stage: a saved model's view of images, either image files (measured through the
 * {@link ImageBatchRunner}, in input order) or feature rows already in memory (the explorer). It never
 * prints or exits.
 */
public final class PredictionService {

    /** Files measured per batch: bounds memory while keeping the model's map placement batched. */
    public static final int BATCH = 256;

    /**
     * How images are measured and predicted.
     *
     * @param extraction the options the model's store was extracted with, so features are measured the same way
     * @param threads    worker threads for decoding and map placement, at least 1
     */
    public record Options(ExtractionOptions extraction, int threads) {
        public Options {
            Objects.requireNonNull(extraction, "extraction");
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
        }

        /** Default extraction options on every core. */
        public static Options defaults() {
            return new Options(ExtractionOptions.defaults(), Defaults.threads());
        }
    }

    /** One image's result, delivered in input order. */
    public sealed interface ImagePrediction {
        /** The file, as the caller named it. */
        Path path();

        /** The image was measured and predicted. */
        record Predicted(Path path, FeatureVector features, Prediction prediction) implements ImagePrediction {
        }

        /** The file could not be read, decoded or measured. */
        record Failed(Path path, ImageError error) implements ImagePrediction {
        }
    }

    /**
     * One image in memory, measured and predicted: what {@code predict} prints for a file, less the path.
     *
     * @param features   the image's v1 features, measured with the service's extraction options
     * @param prediction the model's view of them
     */
    public record Measured(FeatureVector features, Prediction prediction) {
        public Measured {
            Objects.requireNonNull(features, "features");
            Objects.requireNonNull(prediction, "prediction");
        }
    }

    /** What a run over files did. */
    public record Totals(long predicted, long failed) {
    }

    private final ContrastModel model;
    private final Options options;
    private final ImageDecoder decoder;
    private final ContrastFeatureExtractor extractor;
    /** Measures single images in memory on their callers' threads; its pool is never started. */
    private final ImageBatchRunner single;

    /**
     * @param modelName how messages name the model (e.g. {@code model m.json})
     * @throws IllegalStateException when the model was fitted on another feature version than these options measure
     */
    public PredictionService(ContrastModel model, String modelName, Options options) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
        this.extractor = new ContrastFeatureExtractor(options.extraction());
        model.schema().requireVersion(extractor.schema().version(), modelName);
        this.decoder = new ImageDecoder(options.extraction(), NativeSetting.current());
        this.single = new ImageBatchRunner(new ImageBatchRunner.Options(1, true, false), decoder);
    }

    /** The model predictions come from. */
    public ContrastModel model() {
        return model;
    }

    /** Predicts feature rows already measured (row {@code i} gives prediction {@code i}). */
    public List<Prediction> predict(double[][] features) {
        return model.predictAll(features, options.threads());
    }

    /**
     * Measures and predicts one image held in memory (an upload, an application's bytes) on the calling
     * thread, with the same decoder, guards and memory budget as files. Thread-safe.
     *
     * @throws ImageError when the bytes are not an image contrastkit can measure (the kind says why)
     */
    public Measured predictImage(byte[] image) throws ImageError {
        // The prediction runs inside the guarded work too: whatever an image does to it fails that image alone.
        return single.measure(image, (data, header) -> {
            FeatureVector features = extractor.extract(decoder.decode(data, header));
            return new Measured(features, model.predict(features.toArray()));
        });
    }

    /**
     * Measures and predicts {@code files} in batches of {@link #BATCH}, handing each file's result to
     * {@code consumer} on the calling thread, in the order of {@code files}.
     *
     * @throws InterruptedException when the calling thread is interrupted; later files are not delivered
     */
    public Totals predictFiles(List<Path> files, Consumer<? super ImagePrediction> consumer) throws InterruptedException {
        return run(files.stream().map(PredictionService::candidate).toList(), files, consumer);
    }

    /**
     * Like {@link #predictFiles}, for candidates as {@link io.contrastkit.app.batch.InputFiles} expands
     * them: a named file is predicted or fails; a file met in a folder walk that neither looks nor is named
     * like an image is skipped, as {@code extract} skips it (no result, not a failure).
     */
    public Totals predictCandidates(List<CollectionScanner.Candidate> candidates,
                                    Consumer<? super ImagePrediction> consumer) throws InterruptedException {
        return run(candidates, candidates.stream().map(CollectionScanner.Candidate::path).toList(), consumer);
    }

    /** {@code shown.get(i)} is how the results name {@code all.get(i)}. */
    private Totals run(List<CollectionScanner.Candidate> all, List<Path> shown,
                       Consumer<? super ImagePrediction> consumer) throws InterruptedException {
        ImageBatchRunner runner = new ImageBatchRunner(new ImageBatchRunner.Options(options.threads(), true, false),
                decoder);
        long predicted = 0;
        long failed = 0;
        for (int from = 0; from < all.size(); from += BATCH) {
            int to = Math.min(all.size(), from + BATCH);
            List<CollectionScanner.Candidate> candidates = all.subList(from, to);
            List<Path> batch = shown.subList(from, to);
            List<ImageOutcome<FeatureVector>> outcomes = new ArrayList<>(batch.size());
            runner.run(candidates, (c, data, header) -> extractor.extract(decoder.decode(data, header)), outcomes::add);
            List<FeatureVector> measured = new ArrayList<>();
            for (ImageOutcome<FeatureVector> o : outcomes) {
                if (o instanceof ImageOutcome.Done<FeatureVector> d) {
                    measured.add(d.value());
                }
            }
            List<Prediction> predictions = predict(measured.stream().map(FeatureVector::toArray).toArray(double[][]::new));
            int next = 0;
            // Ordered runs deliver outcome i for candidate i, so the caller's own spelling of each path is kept.
            for (int i = 0; i < batch.size(); i++) {
                ImageOutcome<FeatureVector> o = outcomes.get(i);
                if (o instanceof ImageOutcome.Done<FeatureVector> d) {
                    consumer.accept(new ImagePrediction.Predicted(batch.get(i), d.value(), predictions.get(next++)));
                    predicted++;
                } else if (o instanceof ImageOutcome.Failed<FeatureVector> f) {
                    consumer.accept(new ImagePrediction.Failed(batch.get(i), f.error()));
                    failed++;
                }
                // NotImage: a walk met a file that is no image (notes.txt); skipped, as extract skips it.
            }
        }
        return new Totals(predicted, failed);
    }

    /**
     * A named candidate: every file given (or found in a given folder) is predicted or fails, never
     * skipped. A file that does not exist is still tried, so that it fails as unreadable with the others.
     */
    private static CollectionScanner.Candidate candidate(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            BasicFileAttributes a = Files.readAttributes(abs, BasicFileAttributes.class);
            return new CollectionScanner.Candidate(abs, true, a.size(), a.lastModifiedTime().toMillis() * 1_000_000L,
                    a.isRegularFile());
        } catch (IOException e) {
            // Missing, a broken link, or not statable: reading it gives the reason (unreadable, broken link).
            return new CollectionScanner.Candidate(abs, true, -1, 0, true);
        }
    }
}
