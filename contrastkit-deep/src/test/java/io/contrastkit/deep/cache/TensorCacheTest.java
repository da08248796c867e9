package io.contrastkit.deep.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.deep.TestStores;
import io.contrastkit.store.StoreSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorCacheTest {

    @TempDir
    Path dir;

    private static TensorCacheUpdate update(Path store, int size) {
        try (StoreSession s = StoreSession.read(store, FeatureSchema.V1)) {
            return TensorCache.update(s, size, ExtractionOptions.defaults(), seen -> { });
        }
    }

    @Test
    void aReRunDecodesNothingAndDoesNotEvenReadTheFiles() throws IOException {
        Path store = TestStores.generated(dir.resolve("a"), 7, 40, 24, 1);
        TensorCacheUpdate first = update(store, 16);
        assertThat(first.decoded()).isEqualTo(7);
        assertThat(first.reused()).isZero();
        assertThat(first.failures()).isEmpty();
        assertThat(first.file()).isEqualTo(TensorCache.fileFor(store));
        try (TensorCache cache = TensorCache.open(first.file(), 16)) {
            assertThat(cache.records()).isEqualTo(7);
            assertThat(cache.slotsById().keySet()).containsExactlyInAnyOrderElementsOf(
                    Arrays.stream(first.ids()).boxed().toList());
        }
        // With the images gone, a re-run that read or decoded any of them would report failures.
        try (Stream<Path> pngs = Files.list(dir.resolve("a"))) {
            for (Path p : pngs.filter(p -> p.toString().endsWith(".png")).toList()) {
                Files.delete(p);
            }
        }
        TensorCacheUpdate second = update(store, 16);
        assertThat(second.decoded()).isZero();
        assertThat(second.reused()).isEqualTo(7);
        assertThat(second.failures()).isEmpty();
        assertThat(second.ids()).containsExactly(first.ids());
        try (TensorCache cache = TensorCache.open(first.file(), 16)) {
            assertThat(cache.records()).isEqualTo(7);
        }
    }

    @Test
    void onlyNewAndChangedImagesAreDecodedAndTheChangedOnesLatestPixelsWin() throws IOException {
        Path a = TestStores.flat(dir.resolve("a.png"), 20, 20, 10, 10, 10);
        Path b = TestStores.flat(dir.resolve("b.png"), 20, 20, 200, 100, 50);
        Path store = TestStores.store(dir.resolve("s.duckdb"), List.of(a, b));
        assertThat(update(store, 8).decoded()).isEqualTo(2);

        Path c = TestStores.flat(dir.resolve("c.png"), 30, 20, 0, 0, 0);
        TestStores.flat(a, 20, 20, 250, 250, 250);
        Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(a)
                .toMillis() + 5_000));
        try (StoreSession s = StoreSession.open(store, FeatureSchema.V1, StoreSession.Access.WRITE)) {
            s.features().write(TestStores.records(List.of(a, c)));
        }
        TensorCacheUpdate again = update(store, 8);
        assertThat(again.decoded()).isEqualTo(2);
        assertThat(again.reused()).isEqualTo(1);
        try (TensorCache cache = TensorCache.open(again.file(), 8);
             StoreSession s = StoreSession.read(store, FeatureSchema.V1)) {
            long idA = s.features().knownImages().get(a.toAbsolutePath().toString()).id();
            assertThat(cache.records()).isEqualTo(4);
            byte[] px = new byte[TensorCache.pixelBytes(8)];
            cache.copyPixels(cache.slotsById().get(idA), px);
            assertThat(px[0] & 0xFF).isEqualTo(250);
        }
    }

    @Test
    void pixelsAreTheCentreSquareInSrgbCodes() {
        // Left third black, middle white, right third black: the centre square of a 3:1 image is white.
        Path wide = dir.resolve("wide.png");
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(96, 32,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 32; x < 64; x++) {
                img.setRGB(x, y, 0xFFFFFF);
            }
        }
        try {
            javax.imageio.ImageIO.write(img, "png", wide.toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path grey = TestStores.flat(dir.resolve("grey.png"), 50, 70, 128, 64, 32);
        Path store = TestStores.store(dir.resolve("s.duckdb"), List.of(grey, wide));
        TensorCacheUpdate u = update(store, 16);
        try (TensorCache cache = TensorCache.open(u.file(), 16)) {
            byte[] px = new byte[TensorCache.pixelBytes(16)];
            cache.copyPixels(0, px);
            // grey.png sorts first; each channel keeps its code within one step of sRGB round-tripping
            for (int i = 0; i < px.length; i += 3) {
                assertThat(px[i] & 0xFF).isBetween(127, 129);
                assertThat(px[i + 1] & 0xFF).isBetween(63, 65);
                assertThat(px[i + 2] & 0xFF).isBetween(31, 33);
            }
            cache.copyPixels(1, px);
            for (byte v : px) {
                assertThat(v & 0xFF).isEqualTo(255);
            }
            float[] f = new float[3 * 16 * 16];
            cache.readChannelsFirst(0, f, 0);
            assertThat(f[0]).isCloseTo(128 / 255f, org.assertj.core.data.Offset.offset(1.5f / 255));
            assertThat(f[16 * 16]).isCloseTo(64 / 255f, org.assertj.core.data.Offset.offset(1.5f / 255));
        }
    }

    @Test
    void aCacheOfAnotherSizeIsRefusedNamingBothSizes() {
        Path store = TestStores.generated(dir, 2, 16, 16, 2);
        update(store, 16);
        assertThatThrownBy(() -> update(store, 32)).isInstanceOf(TensorCacheException.class)
                .hasMessageContaining("holds 16x16 images, not 32x32")
                .hasMessageContaining("--image-size 16")
                .hasMessageContaining(TensorCache.fileFor(store).toString());
        assertThatThrownBy(() -> TensorCache.open(TensorCache.fileFor(store), 32))
                .isInstanceOf(TensorCacheException.class).hasMessageContaining("not 32x32");
        assertThatThrownBy(() -> update(store, 48)).hasMessageContaining("--image-size must be a power of two");
    }

    @Test
    void recordsPastTheCommittedCountAfterACrashAreNeverReadAndAreCutOffOnUpdate() throws IOException {
        Path store = TestStores.generated(dir, 3, 16, 16, 3);
        Path file = update(store, 8).file();
        long committedSize = Files.size(file);
        // What a crash mid-append leaves: half a record beyond the count in the header.
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(new byte[TensorCache.recordBytes(8) / 2]));
        }
        try (TensorCache cache = TensorCache.open(file, 8)) {
            assertThat(cache.records()).isEqualTo(3);
        }
        TensorCacheUpdate u = update(store, 8);
        assertThat(u.reused()).isEqualTo(3);
        assertThat(Files.size(file)).isEqualTo(committedSize);

        // A header that claims more records than the file holds is a broken file, said so.
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {9}), 16);
        }
        assertThatThrownBy(() -> TensorCache.open(file, 8)).hasMessageContaining("claims 9 images but holds 3");
        Files.write(file, "not a cache at all, but long enough to hold a header of sixty-four bytes".getBytes());
        assertThatThrownBy(() -> TensorCache.open(file, 8)).hasMessageContaining("not a contrastkit tensor cache");
    }

    @Test
    void batchesCoverEverySlotOnceInASeededOrderAndCarryThePixels() {
        Path store = TestStores.generated(dir, 10, 16, 16, 4);
        TensorCacheUpdate u = update(store, 8);
        try (TensorCache cache = TensorCache.open(u.file(), 8)) {
            int[] slots = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
            List<Long> e0 = order(cache, slots, 7, 0);
            assertThat(e0).hasSize(10);
            assertThat(new HashSet<>(e0)).hasSize(10);
            assertThat(order(cache, slots, 7, 0)).isEqualTo(e0);
            assertThat(order(cache, slots, 7, 1)).isNotEqualTo(e0).containsExactlyInAnyOrderElementsOf(e0);
            assertThat(order(cache, slots, 8, 0)).isNotEqualTo(e0);

            Set<Integer> sizes = new HashSet<>();
            float[] expected = new float[3 * 64];
            try (TensorBatches batches = new TensorBatches(cache, slots, 4, true, 7, 0, true)) {
                assertThat(batches.batches()).isEqualTo(3);
                for (TensorBatch b : batches) {
                    sizes.add(b.size());
                    for (int i = 0; i < b.size(); i++) {
                        cache.readChannelsFirst(cache.slotsById().get(b.ids()[i]), expected, 0);
                        assertThat(Arrays.copyOfRange(b.pixels(), i * 192, (i + 1) * 192)).containsExactly(expected);
                    }
                }
            }
            assertThat(sizes).containsExactlyInAnyOrder(4, 2);
        }
    }

    @Test
    void closingBeforeTheEndStopsTheProducer() {
        Path store = TestStores.generated(dir, 12, 16, 16, 5);
        TensorCacheUpdate u = update(store, 8);
        try (TensorCache cache = TensorCache.open(u.file(), 8)) {
            TensorBatches batches = new TensorBatches(cache, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 1,
                    true, 1, 0, true);
            assertThat(batches.iterator().next().size()).isEqualTo(1);
            batches.close();
            assertThat(Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("contrastkit-tensor-batches")).count()).isZero();
        }
    }

    private static List<Long> order(TensorCache cache, int[] slots, long seed, int epoch) {
        List<Long> fg = order(cache, slots, seed, epoch, false);
        List<Long> bg = order(cache, slots, seed, epoch, true);
        assertThat(bg).as("background and foreground batches agree").isEqualTo(fg);
        return bg;
    }

    private static List<Long> order(TensorCache cache, int[] slots, long seed, int epoch, boolean background) {
        List<Long> ids = new ArrayList<>();
        try (TensorBatches batches = new TensorBatches(cache, slots, 3, true, seed, epoch, background)) {
            for (TensorBatch b : batches) {
                for (long id : b.ids()) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }
}
