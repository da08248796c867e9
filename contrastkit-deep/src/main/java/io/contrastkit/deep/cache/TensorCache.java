package io.contrastkit.deep.cache;

import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.ImageError;
import io.contrastkit.store.ImageStatus;
import io.contrastkit.store.KnownImage;
import io.contrastkit.store.StoreSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * A store's images decoded once into fixed-size records (uint8 S x S x 3, sRGB, row-major, RGB interleaved)
 * in one file beside the store, read through memory maps, so training never decodes a file twice and never
 * holds the collection in memory.
 *
 * <p>Layout: a 64-byte header (magic, format version, S, committed record count), then records of image id,
 * content fingerprint and pixels. Records are appended and made durable before the header's count moves
 * past them, so a crash mid-write leaves records the count does not cover: they are cut off at the next
 * update and never read. An image whose file changed gets a new record; the last record of an id wins.
 * One writer at a time (as with the store itself).
 */
public final class TensorCache implements AutoCloseable {

    /** The side S of the cached images unless asked otherwise. */
    public static final int DEFAULT_IMAGE_SIZE = 64;
    /** The layout version in the header; a cache of another version is refused. */
    public static final int FORMAT_VERSION = 1;

    static final int HEADER_BYTES = 64;
    private static final byte[] MAGIC = "CKTENSOR".getBytes(StandardCharsets.US_ASCII);
    private static final int COUNT_OFFSET = 16;
    private static final int RECORD_PREFIX = 16;
    /** Records appended between two commits of the count: bounds what a crash can cost. */
    private static final int COMMIT_EVERY = 256;

    private final Path file;
    private final int imageSize;
    private final int recordBytes;
    private final int count;
    private final int recordsPerChunk;
    private final ByteBuffer[] chunks;
    private final FileChannel channel;

    private TensorCache(Path file, int imageSize, int count, FileChannel channel) throws IOException {
        this.file = file;
        this.imageSize = imageSize;
        this.recordBytes = recordBytes(imageSize);
        this.count = count;
        this.channel = channel;
        this.recordsPerChunk = Math.max(1, Integer.MAX_VALUE / recordBytes);
        int n = count == 0 ? 0 : (count - 1) / recordsPerChunk + 1;
        this.chunks = new ByteBuffer[n];
        for (int k = 0; k < n; k++) {
            long first = (long) k * recordsPerChunk;
            long records = Math.min(recordsPerChunk, count - first);
            chunks[k] = channel.map(FileChannel.MapMode.READ_ONLY, HEADER_BYTES + first * recordBytes,
                    records * recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** The cache file of a store: the store's file name with {@code .tensors} appended, in its folder. */
    public static Path fileFor(Path store) {
        Path name = store.getFileName();
        return store.resolveSibling((name == null ? "store" : name.toString()) + ".tensors");
    }

    /** Bytes of one image's pixels. */
    public static int pixelBytes(int imageSize) {
        return 3 * imageSize * imageSize;
    }

    static int recordBytes(int imageSize) {
        return RECORD_PREFIX + pixelBytes(imageSize);
    }

    /** Refuses sizes that are not a power of two in 8..1024, naming the option. */
    public static void checkImageSize(int imageSize) {
        if (imageSize < 8 || imageSize > 1024 || Integer.bitCount(imageSize) != 1) {
            throw new IllegalArgumentException("--image-size must be a power of two from 8 to 1024, got " + imageSize);
        }
    }

    /**
     * Brings the cache beside the session's store up to date: every ok image of the store not yet cached (or
     * whose file changed since) is read and decoded once; the others are left alone.
     *
     * @param decoding decoder limits (the pixel limit; the longest side is chosen here per image)
     * @param progress told the number of images looked at so far, for a progress bar; may be a no-op
     * @throws TensorCacheException naming the file when it is of another size or version, or cannot be written
     */
    public static TensorCacheUpdate update(StoreSession session, int imageSize, ExtractionOptions decoding,
                                           IntConsumer progress) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(decoding, "decoding");
        Objects.requireNonNull(progress, "progress");
        checkImageSize(imageSize);
        Path file = fileFor(session.file());
        List<StoredImage> images = listImages(session);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            int committed = ch.size() == 0 ? initialise(ch, file, imageSize) : readHeader(ch, file, imageSize);
            int rec = recordBytes(imageSize);
            // Residue of a run that crashed before committing: cut it off before appending.
            ch.truncate(HEADER_BYTES + (long) committed * rec);
            Map<Long, long[]> cached = index(ch, committed, rec);
            SquareImages decoder = new SquareImages(imageSize, decoding);
            byte[] pixels = new byte[pixelBytes(imageSize)];
            ByteBuffer record = ByteBuffer.allocate(rec).order(ByteOrder.LITTLE_ENDIAN);
            List<TensorCacheUpdate.Failure> failures = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            int reused = 0;
            int decoded = 0;
            int count = committed;
            int seen = 0;
            for (StoredImage image : images) {
                long[] hit = cached.get(image.id());
                if (hit != null && hit[1] == image.fingerprint()) {
                    reused++;
                    ids.add(image.id());
                } else if (decodeInto(decoder, image, pixels, failures)) {
                    record.clear();
                    record.putLong(image.id()).putLong(image.fingerprint()).put(pixels).flip();
                    writeFully(ch, record, HEADER_BYTES + (long) count * rec);
                    cached.put(image.id(), new long[] {count, image.fingerprint()});
                    count++;
                    decoded++;
                    ids.add(image.id());
                    if ((count - committed) % COMMIT_EVERY == 0) {
                        commit(ch, count);
                    }
                }
                progress.accept(++seen);
            }
            commit(ch, count);
            return new TensorCacheUpdate(file, imageSize, reused, decoded, failures,
                    ids.stream().mapToLong(Long::longValue).toArray());
        } catch (IOException e) {
            throw new TensorCacheException("cannot write tensor cache " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a cache for reading through memory maps.
     *
     * @throws TensorCacheException naming the file when it is missing, not a cache, or of another size or version
     */
    public static TensorCache open(Path file, int imageSize) {
        checkImageSize(imageSize);
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
            int count = readHeader(ch, file, imageSize);
            return new TensorCache(file, imageSize, count, ch);
        } catch (NoSuchFileException e) {
            throw new TensorCacheException("no tensor cache at " + file);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new TensorCacheException("cannot read tensor cache " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** The side S of every cached image. */
    public int imageSize() {
        return imageSize;
    }

    /** Committed records (images, counting superseded versions of changed files). */
    public int records() {
        return count;
    }

    /** Image id to record slot, the last record of each id. */
    public Map<Long, Integer> slotsById() {
        Map<Long, Integer> slots = new HashMap<>();
        for (int i = 0; i < count; i++) {
            slots.put(id(i), i);
        }
        return slots;
    }

    /** The image id of record {@code slot}. */
    public long id(int slot) {
        return buffer(slot).getLong(offset(slot));
    }

    /** Copies record {@code slot}'s pixels (S*S*3 bytes, HWC) into {@code out}. */
    public void copyPixels(int slot, byte[] out) {
        if (out.length != pixelBytes(imageSize)) {
            throw new IllegalArgumentException("out has " + out.length + " bytes, a " + imageSize + " px image needs "
                    + pixelBytes(imageSize));
        }
        buffer(slot).get(offset(slot) + RECORD_PREFIX, out);
    }

    /**
     * Writes record {@code slot}'s pixels as floats in [0, 1], channels first (3 x S x S), into {@code out}
     * from {@code at}: the layout convolutions read. Thread-safe (absolute reads of a read-only map).
     */
    public void readChannelsFirst(int slot, float[] out, int at) {
        ByteBuffer b = buffer(slot);
        int base = offset(slot) + RECORD_PREFIX;
        int plane = imageSize * imageSize;
        for (int p = 0; p < plane; p++) {
            int src = base + 3 * p;
            out[at + p] = SquareImages.unit(b.get(src));
            out[at + plane + p] = SquareImages.unit(b.get(src + 1));
            out[at + 2 * plane + p] = SquareImages.unit(b.get(src + 2));
        }
    }

    private ByteBuffer buffer(int slot) {
        Objects.checkIndex(slot, count);
        return chunks[slot / recordsPerChunk];
    }

    private int offset(int slot) {
        return (slot % recordsPerChunk) * recordBytes;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new TensorCacheException("cannot close tensor cache " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TensorCache[" + file + ", " + imageSize + " px, " + count + " records]";
    }

    private record StoredImage(long id, String path, long fingerprint) {
    }

    /** Reads and decodes one image; a file gone or broken since extraction is a failure, not an abort. */
    private static boolean decodeInto(SquareImages decoder, StoredImage image, byte[] pixels,
                                      List<TensorCacheUpdate.Failure> failures) {
        byte[] data;
        try {
            data = Files.readAllBytes(Path.of(image.path()));
        } catch (NoSuchFileException e) {
            failures.add(new TensorCacheUpdate.Failure(image.path(), "the file is gone since extraction"));
            return false;
        } catch (IOException e) {
            failures.add(new TensorCacheUpdate.Failure(image.path(), "cannot read the file: " + e.getMessage()));
            return false;
        }
        try {
            decoder.decode(data, pixels);
            return true;
        } catch (ImageError e) {
            failures.add(new TensorCacheUpdate.Failure(image.path(), e.getMessage()));
            return false;
        }
    }

    /** The store's ok images in path order with their id and a fingerprint of their content. */
    private static List<StoredImage> listImages(StoreSession session) {
        Map<String, KnownImage> known = session.features().knownImages();
        List<StoredImage> out = new ArrayList<>();
        session.features().forEachImage(r -> {
            if (r.status() == ImageStatus.OK) {
                KnownImage k = known.get(r.path());
                if (k != null) {
                    // The content hash when extraction computed one; else size and time, as extraction's own skip test.
                    String key = r.contentHash() != null ? "h:" + r.contentHash() : "s:" + r.size() + ":" + r.mtimeNs();
                    out.add(new StoredImage(k.id(), r.path(), fnv64(key)));
                }
            }
        });
        return out;
    }

    private static long fnv64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static int initialise(FileChannel ch, Path file, int imageSize) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put(MAGIC).putInt(FORMAT_VERSION).putInt(imageSize).putLong(0L).position(HEADER_BYTES).flip();
        writeFully(ch, h, 0);
        ch.force(true);
        return 0;
    }

    private static int readHeader(FileChannel ch, Path file, int imageSize) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        while (h.hasRemaining() && ch.read(h, h.position()) > 0) {
            // reads until the header is full or the file ends
        }
        byte[] magic = new byte[MAGIC.length];
        h.flip();
        if (h.remaining() < HEADER_BYTES) {
            throw new TensorCacheException(file + " is not a contrastkit tensor cache (" + h.remaining()
                    + " bytes, shorter than the header); delete it to rebuild");
        }
        h.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new TensorCacheException(file + " is not a contrastkit tensor cache (no CKTENSOR header)");
        }
        int version = h.getInt();
        int size = h.getInt();
        long count = h.getLong();
        if (version != FORMAT_VERSION) {
            throw new TensorCacheException("tensor cache " + file + " has format version " + version + ", this"
                    + " contrastkit reads " + FORMAT_VERSION + "; delete it to rebuild");
        }
        if (size != imageSize) {
            throw new TensorCacheException("tensor cache " + file + " holds " + size + "x" + size + " images, not "
                    + imageSize + "x" + imageSize + "; use --image-size " + size + ", or delete the cache to rebuild"
                    + " it at " + imageSize);
        }
        long complete = (ch.size() - HEADER_BYTES) / recordBytes(size);
        if (count < 0 || count > complete || count > Integer.MAX_VALUE) {
            throw new TensorCacheException("tensor cache " + file + " claims " + count + " images but holds "
                    + complete + " (the file was cut short); delete it to rebuild");
        }
        return (int) count;
    }

    /** Makes the appended records durable, then the count that covers them. */
    private static void commit(FileChannel ch, int count) throws IOException {
        ch.force(true);
        ByteBuffer c = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, count);
        writeFully(ch, c, COUNT_OFFSET);
        ch.force(true);
    }

    private static Map<Long, long[]> index(FileChannel ch, int count, int rec) throws IOException {
        Map<Long, long[]> index = new HashMap<>();
        ByteBuffer prefix = ByteBuffer.allocate(RECORD_PREFIX).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            prefix.clear();
            long at = HEADER_BYTES + (long) i * rec;
            while (prefix.hasRemaining() && ch.read(prefix, at + prefix.position()) > 0) {
                // reads the 16-byte prefix
            }
            index.put(prefix.getLong(0), new long[] {i, prefix.getLong(8)});
        }
        return index;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the open failed already; that error is the one to report
            }
        }
    }
}
