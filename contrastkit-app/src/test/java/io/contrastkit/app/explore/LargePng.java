package io.contrastkit.app.explore;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Valid 8-bit PNGs of any size, written row by row: cheap rows (flat grey) and, when asked, three rows in
 * four of random bytes, so the file is as large as a real photo's (a 10000x10000 RGB one is about 226 MB).
 */
public final class LargePng {

    private LargePng() {
    }

    /** Writes a {@code width} x {@code height} PNG with {@code channels} 1 (grey) or 3 (RGB), flat rows only. */
    public static void write(Path file, int width, int height, int channels) throws IOException {
        write(file, width, height, channels, false);
    }

    /** As {@link #write(Path, int, int, int)}; {@code noisy}: three rows in four are incompressible. */
    public static void write(Path file, int width, int height, int channels, boolean noisy) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteArrayOutputStream ih = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(ih);
            d.writeInt(width);
            d.writeInt(height);
            d.write(new byte[] {8, (byte) (channels == 3 ? 2 : 0), 0, 0, 0});
            chunk(out, "IHDR", ih.toByteArray());
            byte[] table = new byte[1 << 20];
            new SplittableRandom(5).nextBytes(table);
            Deflater def = new Deflater(1);
            byte[] row = new byte[1 + width * channels];
            byte[] buf = new byte[1 << 20];
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            for (int y = 0; y < height; y++) {
                if (noisy && y % 4 != 0 && row.length < table.length) {
                    System.arraycopy(table, (int) ((y * 104729L) % (table.length - row.length)), row, 0, row.length);
                } else {
                    Arrays.fill(row, (byte) (y * 255L / height));
                }
                row[0] = 0; // filter: none
                def.setInput(row);
                while (!def.needsInput()) {
                    idat.write(buf, 0, def.deflate(buf));
                }
                if (idat.size() > (8 << 20)) {
                    chunk(out, "IDAT", idat.toByteArray());
                    idat.reset();
                }
            }
            def.finish();
            while (!def.finished()) {
                idat.write(buf, 0, def.deflate(buf));
            }
            def.end();
            chunk(out, "IDAT", idat.toByteArray());
            chunk(out, "IEND", new byte[0]);
        }
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(t);
        d.write(data);
        CRC32 c = new CRC32();
        c.update(t);
        c.update(data);
        d.writeInt((int) c.getValue());
        d.flush();
    }
}
