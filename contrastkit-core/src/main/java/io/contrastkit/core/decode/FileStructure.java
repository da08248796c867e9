package io.contrastkit.core.decode;

import io.contrastkit.core.ImageError;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Checks, before any decoder runs, that a file holds every byte its own structure declares: the
 * chunks of a PNG up to IEND and of a WebP's RIFF container, the IFDs, strips and tiles of a TIFF, the blocks of a GIF up to
 * its trailer, the pixel array of an uncompressed BMP. Decoders of these formats fill what is missing
 * with zeros or stop after the first image without a word (a lossless WebP cut at 10% decoded "fine"
 * with libwebp's simple API declining and TwelveMonkeys accepting it), so a cut file would be measured
 * as a good one. Only lengths and offsets are read, never pixels, so this costs microseconds.
 *
 * <p>It also reads a BMP's declared size, which the JDK's BMP reader refuses with "Invalid
 * width/height" before the pixel limit could be applied.
 */
final class FileStructure {

    private FileStructure() {
    }

    /**
     * Why the data stops short of what its structure declares, as a {@link ImageError.Kind#TRUNCATED}
     * error; null when every declared byte is there or the format has no such check here.
     */
    static ImageError truncation(byte[] d, ImageFormat format) {
        if (format == null) {
            return null;
        }
        String why = switch (format) {
            case PNG -> png(d);
            case WEBP -> webp(d);
            case TIFF -> tiff(d);
            case GIF -> gif(d);
            case BMP -> bmp(d);
            default -> null;
        };
        return why == null ? null : new ImageError(ImageError.Kind.TRUNCATED, String.format(Locale.ROOT,
                "%s data ends early (%d bytes): %s", format.id(), d.length, why));
    }

    /** The width and height a BMP header declares (height as a magnitude), or null when unreadable. */
    static int[] bmpSize(byte[] d) {
        if (d.length < 26) {
            return null;
        }
        long dib = u32le(d, 14);
        if (dib == 12) {
            return new int[] {u16le(d, 18), u16le(d, 20)};
        }
        if (dib < 40 || d.length < 30) {
            return null;
        }
        int w = (int) u32le(d, 18);
        int h = (int) u32le(d, 22);
        if (w <= 0 || h == 0 || h == Integer.MIN_VALUE) {
            return null;
        }
        return new int[] {w, Math.abs(h)};
    }

    /**
     * PNG: every chunk up to and with IEND, its CRC included, is there. (Decoders stop reading at the
     * last IDAT, so a file cut in its final chunk was measured as good.)
     */
    private static String png(byte[] d) {
        int n = d.length;
        long p = 8;
        while (true) {
            if (p + 8 > n) {
                return p == 8 ? "the header chunk is cut" : "no IEND chunk after offset " + p;
            }
            long size = u32(d, (int) p, false);
            long end = p + 12 + size;
            if (end > n) {
                return String.format(Locale.ROOT, "the %s chunk at offset %d needs %d bytes, the file holds %d of them",
                        fourCc(d, (int) p + 4), p, end - p, n - p);
            }
            if (d[(int) p + 4] == 'I' && d[(int) p + 5] == 'E' && d[(int) p + 6] == 'N' && d[(int) p + 7] == 'D') {
                return null;
            }
            p = end;
        }
    }

    /** RIFF: every chunk up to the size the RIFF header declares must be there (its final pad byte may be missing). */
    private static String webp(byte[] d) {
        int n = d.length;
        long declaredEnd = 8 + u32le(d, 4);
        long p = 12;
        while (p < Math.min(declaredEnd, n)) {
            if (p + 8 > n) {
                return "a chunk header at offset " + p + " is cut";
            }
            long size = u32le(d, (int) p + 4);
            long end = p + 8 + size;
            if (end > n) {
                return String.format(Locale.ROOT, "the %s chunk at offset %d declares %d bytes, the file holds %d of them",
                        fourCc(d, (int) p), p, size, n - p - 8);
            }
            p = end + (size & 1);
        }
        if (declaredEnd > Math.max(n, p)) {
            return "the RIFF header declares " + declaredEnd + " bytes";
        }
        return null;
    }

    /** Sizes of the TIFF field types 1-13 in bytes; 0 for types unknown here. */
    private static final int[] TIFF_TYPE_BYTES = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4};
    private static final int MAX_IFDS = 4096;

    /** Classic TIFF: every IFD, every out-of-line field value and every strip or tile lies inside the file. */
    private static String tiff(byte[] d) {
        int n = d.length;
        if (n < 8) {
            return "the header is cut";
        }
        boolean le = d[0] == 'I';
        if (u16(d, 2, le) != 42) {
            return null; // BigTIFF: left to the decoder
        }
        long ifd = u32(d, 4, le);
        Set<Long> seen = new HashSet<>();
        for (int k = 0; ifd != 0 && k < MAX_IFDS && seen.add(ifd); k++) {
            if (ifd + 2 > n) {
                return "image directory " + (k + 1) + " is at offset " + ifd;
            }
            int entries = u16(d, (int) ifd, le);
            long next = ifd + 2 + 12L * entries;
            if (next + 4 > n) {
                return "image directory " + (k + 1) + " at offset " + ifd + " has " + entries + " entries, which need "
                        + (next + 4 - ifd) + " bytes";
            }
            long[] offsets = null;
            long[] counts = null;
            for (int e = 0; e < entries; e++) {
                int at = (int) ifd + 2 + 12 * e;
                int tag = u16(d, at, le);
                int type = u16(d, at + 2, le);
                long count = u32(d, at + 4, le);
                int size = type < TIFF_TYPE_BYTES.length ? TIFF_TYPE_BYTES[type] : 0;
                long bytes = count * size;
                int valueAt = at + 8;
                if (bytes > 4) {
                    long off = u32(d, at + 8, le);
                    if (off + bytes > n) {
                        return "field " + tag + " of image directory " + (k + 1) + " needs bytes up to " + (off + bytes);
                    }
                    valueAt = (int) off;
                }
                boolean isOffsets = tag == 273 || tag == 324;
                boolean isCounts = tag == 279 || tag == 325;
                if ((isOffsets || isCounts) && (type == 3 || type == 4)) {
                    long[] values = new long[(int) count];
                    for (int i = 0; i < count; i++) {
                        values[i] = type == 3 ? u16(d, valueAt + 2 * i, le) : u32(d, valueAt + 4 * i, le);
                    }
                    if (isOffsets) {
                        offsets = values;
                    } else {
                        counts = values;
                    }
                }
            }
            if (offsets != null && counts != null) {
                for (int i = 0; i < Math.min(offsets.length, counts.length); i++) {
                    if (offsets[i] + counts[i] > n) {
                        return String.format(Locale.ROOT, "strip or tile %d of image %d needs bytes %d to %d",
                                i + 1, k + 1, offsets[i], offsets[i] + counts[i]);
                    }
                }
            }
            ifd = u32(d, (int) next, le);
        }
        return null;
    }

    /** GIF: the blocks (extensions, images and their data sub-blocks) run to the trailer byte. */
    private static String gif(byte[] d) {
        int n = d.length;
        if (n < 13) {
            return "the screen descriptor is cut";
        }
        long p = 13 + colourTable(d[10]);
        int images = 0;
        while (true) {
            if (p >= n) {
                return images == 0 ? "no image data before the end" : "no trailer after image " + images;
            }
            int introducer = d[(int) p] & 0xFF;
            if (introducer == 0x3B) {
                return null;
            }
            if (introducer == 0x21) {
                p += 2;
            } else if (introducer == 0x2C) {
                if (p + 10 > n) {
                    return "the descriptor of image " + (images + 1) + " is cut";
                }
                p += 10 + colourTable(d[(int) p + 9]) + 1;
                images++;
            } else {
                return null; // not a block: the decoder judges what it can read
            }
            while (true) {
                if (p >= n) {
                    return images == 0 ? "an extension block is cut" : "the data of image " + images + " is cut";
                }
                int len = d[(int) p] & 0xFF;
                p += 1 + len;
                if (len == 0) {
                    break;
                }
            }
        }
    }

    private static int colourTable(byte packed) {
        return (packed & 0x80) != 0 ? 3 << ((packed & 7) + 1) : 0;
    }

    /** Uncompressed BMP (BI_RGB, BI_BITFIELDS): the pixel array of the declared size lies inside the file. */
    private static String bmp(byte[] d) {
        int[] size = bmpSize(d);
        if (size == null) {
            return d.length < 26 ? "the header is cut" : null;
        }
        long dib = u32le(d, 14);
        if (dib != 12 && d.length < 34) {
            return "the header is cut";
        }
        int bpp = dib == 12 ? u16le(d, 24) : u16le(d, 28);
        long compression = dib == 12 ? 0 : u32le(d, 30);
        if (compression != 0 && compression != 3 || bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24
                && bpp != 32) {
            return null;
        }
        long rowBytes = ((long) size[0] * bpp + 31) / 32 * 4;
        long end = u32le(d, 10) + rowBytes * size[1];
        return end > d.length ? size[0] + "x" + size[1] + " pixels need bytes up to " + end : null;
    }

    private static String fourCc(byte[] d, int p) {
        StringBuilder sb = new StringBuilder();
        for (int i = p; i < p + 4; i++) {
            char c = (char) (d[i] & 0xFF);
            sb.append(c >= 32 && c < 127 ? c : '?');
        }
        return sb.toString().trim();
    }

    private static long u32le(byte[] d, int p) {
        return u32(d, p, true);
    }

    private static int u16le(byte[] d, int p) {
        return u16(d, p, true);
    }

    private static long u32(byte[] d, int p, boolean le) {
        long a = d[p] & 0xFF;
        long b = d[p + 1] & 0xFF;
        long c = d[p + 2] & 0xFF;
        long e = d[p + 3] & 0xFF;
        return le ? a | b << 8 | c << 16 | e << 24 : e | c << 8 | b << 16 | a << 24;
    }

    private static int u16(byte[] d, int p, boolean le) {
        int a = d[p] & 0xFF;
        int b = d[p + 1] & 0xFF;
        return le ? a | b << 8 : b | a << 8;
    }
}
