package io.contrastkit.spark;

import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.FeatureVector;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.LinearImage;
import io.contrastkit.core.decode.ImageDecoder;
import io.contrastkit.core.decode.ImageGuards;
import io.contrastkit.core.decode.ImageSniffer;
import io.contrastkit.core.decode.MemoryBudget;
import io.contrastkit.core.decode.NativeDecoding;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Measures one file on an executor thread the way {@code contrastkit extract} does: reads it through
 * Hadoop's file system (local, hdfs://, s3a://), skips what a folder walk would skip as no image, hashes
 * the bytes, and runs core's guards, decoder and extractor, returning one row of the {@link ExportSchema}:
 * an ok row with the features or a failed row with the error kind and reason. One instance per thread
 * ({@link #forThisThread}): the decoder and extractor are reused across the files of every task.
 */
final class ImageMeasurer {

    /** The measurers of this JVM's threads, one per thread and setting (tasks of two jobs may differ). */
    private static final ThreadLocal<ImageMeasurer> CURRENT = new ThreadLocal<>();

    private final ExtractionOptions options;
    private final NativeDecoding nativeDecoding;
    private final ImageDecoder decoder;
    private final ContrastFeatureExtractor extractor;
    private final FeatureSchema schema;

    private ImageMeasurer(ExtractionOptions options, NativeDecoding nativeDecoding) {
        this.options = options;
        this.nativeDecoding = nativeDecoding;
        this.decoder = new ImageDecoder(options, nativeDecoding);
        this.extractor = new ContrastFeatureExtractor(options);
        this.schema = extractor.schema();
    }

    /** This thread's measurer for these settings, made on first use and kept for the thread's next tasks. */
    static ImageMeasurer forThisThread(ExtractionOptions options, NativeDecoding nativeDecoding) {
        ImageMeasurer m = CURRENT.get();
        if (m == null || !m.options.equals(options) || !m.nativeDecoding.equals(nativeDecoding)) {
            m = new ImageMeasurer(options, nativeDecoding);
            CURRENT.set(m);
        }
        return m;
    }

    /**
     * One file's row, or null when a folder walk met a file that neither looks nor is named like an image
     * (extract skips those without a row).
     *
     * @param path     the Hadoop path as listed
     * @param stored   the path to write (a local file's path as {@code extract} writes it, else the URI)
     * @param named    given by name (a list or a file argument): a file that is no image is then a failure
     * @param mtimeNs  modification time, nanoseconds since the epoch (Hadoop reports milliseconds)
     */
    Row measure(Configuration conf, String path, String stored, boolean named, long size, long mtimeNs,
                LocalDateTime at) {
        String hash = null;
        try {
            byte[] data = read(conf, new Path(path), named, size);
            if (data == null) {
                return null;
            }
            hash = ImageGuards.contentHash(data);
            if (data.length == 0) {
                throw new ImageError(ImageError.Kind.EMPTY, "the file is empty (0 bytes)");
            }
            LinearImage[] image = new LinearImage[1];
            FeatureVector features = ImageGuards.reserved(data, decoder, MemoryBudget.process(), header -> {
                image[0] = decoder.decode(data, header);
                return extractor.extract(image[0]);
            });
            return ok(stored, size, mtimeNs, hash, image[0], features, at);
        } catch (ImageError e) {
            return failed(stored, size, mtimeNs, hash, e, at);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(stored, size, mtimeNs, hash, new ImageError(ImageError.Kind.UNREADABLE, "interrupted"), at);
        } catch (Throwable t) {
            return failed(stored, size, mtimeNs, hash, ImageGuards.unexpected(t), at);
        }
    }

    private Row ok(String path, long size, long mtimeNs, String hash, LinearImage image, FeatureVector features,
                   LocalDateTime at) {
        Object[] row = new Object[ExportSchema.afterFeatures(schema) + 11];
        row[0] = path;
        row[1] = "ok";
        double[] values = features.toArray();
        for (int i = 0; i < values.length; i++) {
            row[2 + i] = values[i];
        }
        int j = ExportSchema.afterFeatures(schema);
        row[j] = size;
        row[j + 1] = mtimeNs;
        row[j + 2] = hash;
        row[j + 3] = image.sourceWidth();
        row[j + 4] = image.sourceHeight();
        row[j + 5] = image.format();
        row[j + 8] = schema.version();
        row[j + 9] = at;
        row[j + 10] = image.decoder();
        return RowFactory.create(row);
    }

    private Row failed(String path, long size, long mtimeNs, String hash, ImageError error, LocalDateTime at) {
        Object[] row = new Object[ExportSchema.afterFeatures(schema) + 11];
        row[0] = path;
        row[1] = "failed";
        int j = ExportSchema.afterFeatures(schema);
        row[j] = size;
        row[j + 1] = mtimeNs;
        row[j + 2] = hash;
        row[j + 6] = error.kind().name();
        row[j + 7] = error.reason();
        row[j + 8] = schema.version();
        row[j + 9] = at;
        return RowFactory.create(row);
    }

    /**
     * The file's bytes (none for an empty file), or null for a walked file that is no image; the same
     * checks, in the same order, as the batch runner's read of a local file.
     */
    private static byte[] read(Configuration conf, Path path, boolean named, long size) throws ImageError {
        try {
            FileSystem fs = path.getFileSystem(conf);
            try (InputStream in = fs.open(path)) {
                byte[] head = in.readNBytes(ImageSniffer.HEADER_BYTES);
                Optional<String> format = ImageSniffer.formatOf(head, head.length);
                if (format.isEmpty() && !named && !ImageSniffer.hasImageExtension(path.getName())) {
                    return null;
                }
                if (head.length == 0) {
                    return head;
                }
                ImageGuards.requireWithinLimit(size, "file");
                byte[] all = Arrays.copyOf(head, (int) Math.max(head.length, size));
                int filled = head.length + in.readNBytes(all, head.length, all.length - head.length);
                if (in.read() >= 0) {
                    // Grew after it was listed: the listed size is what the row records, so read it again next run.
                    throw new ImageError(ImageError.Kind.UNREADABLE, "the file grew while being read; run again");
                }
                return filled == all.length ? all : Arrays.copyOf(all, filled);
            }
        } catch (FileNotFoundException e) {
            throw new ImageError(ImageError.Kind.UNREADABLE, "no such file (removed during the run?)", e);
        } catch (AccessControlException e) {
            throw new ImageError(ImageError.Kind.UNREADABLE, "permission denied", e);
        } catch (IOException e) {
            throw new ImageError(ImageError.Kind.UNREADABLE, "cannot read: " + e.getMessage(), e);
        }
    }
}
