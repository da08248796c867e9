package io.contrastkit.core.decode;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The one table of image signatures (magic numbers). The sniffer, the decoder's choice between the
 * native and the Java path, and the failure classifier's "known but unsupported" verdicts all read it,
 * so a format is recognised the same way everywhere.
 *
 * <p>Each format has two tests. {@link #matches} is the full signature: what a folder walk needs
 * before it counts a file as an image. {@code startsLike} is the shortest prefix that names the
 * format family, which is enough to word an error ("starts like a JPEG") once decoding has failed.
 */
public enum ImageFormat {
    // The decoded formats first, in the order messages list them (their signatures are disjoint); the
    // rest in the order they are tried, which matters where signatures overlap (ISO "ftyp" brands).
    JPEG("jpeg", "JPEG", true, true,
            (d, n) -> starts(d, n, 0xFF, 0xD8, 0xFF),
            (d, n) -> starts(d, n, 0xFF, 0xD8)),
    PNG("png", "PNG", true, true,
            (d, n) -> starts(d, n, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A),
            (d, n) -> starts(d, n, 0x89, 'P', 'N', 'G')),
    // "BM" alone is too common in text; the four reserved bytes of a BMP header are zero.
    BMP("bmp", "BMP", true, true,
            (d, n) -> starts(d, n, 'B', 'M') && n >= 10 && d[6] == 0 && d[7] == 0 && d[8] == 0 && d[9] == 0,
            null),
    GIF("gif", "GIF", true, true,
            (d, n) -> starts(d, n, 'G', 'I', 'F', '8') && n >= 6 && (d[4] == '7' || d[4] == '9') && d[5] == 'a',
            (d, n) -> starts(d, n, 'G', 'I', 'F')),
    WEBP("webp", "WebP", true, true,
            (d, n) -> starts(d, n, 'R', 'I', 'F', 'F') && n >= 12 && d[8] == 'W' && d[9] == 'E'
                    && d[10] == 'B' && d[11] == 'P',
            null),
    TIFF("tiff", "TIFF", true, true,
            (d, n) -> starts(d, n, 'I', 'I', 0x2A, 0x00) || starts(d, n, 'M', 'M', 0x00, 0x2A)
                    || starts(d, n, 'I', 'I', 0x2B, 0x00) || starts(d, n, 'M', 'M', 0x00, 0x2B),
            null),
    AVIF("avif", "AVIF", false, true, (d, n) -> brand(d, n, "avi"), null),
    HEIF("heif", "HEIF/HEIC", false, true, (d, n) -> brand(d, n, "hei", "mif", "hev"), null),
    JPEG_2000("jpeg2000", "JPEG 2000", false, true,
            (d, n) -> brand(d, n, "jp2", "jpx") || starts(d, n, 0x00, 0x00, 0x00, 0x0C, 'j', 'P'), null),
    JPEG_2000_CODESTREAM("jpeg2000", "JPEG 2000 codestream", false, true,
            (d, n) -> starts(d, n, 0xFF, 0x4F, 0xFF, 0x51), null),
    JPEG_XL("jpegxl", "JPEG XL", false, true,
            (d, n) -> starts(d, n, 0xFF, 0x0A) || starts(d, n, 0x00, 0x00, 0x00, 0x0C, 'J', 'X', 'L'), null),
    PSD("psd", "Photoshop (PSD)", false, true, (d, n) -> starts(d, n, '8', 'B', 'P', 'S'), null),
    OPENEXR("openexr", "OpenEXR", false, true, (d, n) -> starts(d, n, 0x76, 0x2F, 0x31, 0x01), null),
    // ICO's signature (00 00 01 00) begins too many binary files, DDS holds game textures and SVG is
    // text: named in error messages, but a folder walk does not count them as images.
    ICO("ico", "ICO", false, false, (d, n) -> starts(d, n, 0x00, 0x00, 0x01, 0x00), null),
    DDS("dds", "DDS", false, false, (d, n) -> starts(d, n, 'D', 'D', 'S', ' '), null),
    // Netpbm puts whitespace after "P1".."P7"; a walk insists on it, an error message does not.
    PNM("pnm", "Netpbm (PNM)", false, true,
            (d, n) -> n >= 3 && d[0] == 'P' && d[1] >= '1' && d[1] <= '7'
                    && (d[2] == ' ' || d[2] == '\n' || d[2] == '\r' || d[2] == '\t'),
            (d, n) -> n >= 2 && d[0] == 'P' && d[1] >= '1' && d[1] <= '7'),
    SVG("svg", "SVG", false, false,
            (d, n) -> new String(d, 0, Math.min(n, 256), StandardCharsets.ISO_8859_1)
                    .toLowerCase(Locale.ROOT).contains("<svg"),
            null);

    /** A test on a file's first {@code n} valid bytes. */
    private interface Signature {
        boolean test(byte[] d, int n);
    }

    private final String id;
    private final String label;
    private final boolean decoded;
    private final boolean walkSafe;
    private final Signature full;
    private final Signature prefix;

    ImageFormat(String id, String label, boolean decoded, boolean walkSafe, Signature full, Signature prefix) {
        this.id = id;
        this.label = label;
        this.decoded = decoded;
        this.walkSafe = walkSafe;
        this.full = full;
        this.prefix = prefix == null ? full : prefix;
    }

    /** Short lower-case name ({@code jpeg}, {@code png}, ..., {@code heif}): the sniffer's and the decoder's. */
    public String id() {
        return id;
    }

    /** The name people know the format by, for messages ("HEIF/HEIC", "Photoshop (PSD)"). */
    public String label() {
        return label;
    }

    /** Whether contrastkit decodes this format. */
    public boolean decoded() {
        return decoded;
    }

    /** The decoded formats' labels, for messages: "JPEG, PNG, BMP, GIF, WebP, TIFF". */
    static String decodedLabels() {
        StringBuilder sb = new StringBuilder();
        for (ImageFormat f : values()) {
            if (f.decoded) {
                sb.append(sb.length() == 0 ? "" : ", ").append(f.label);
            }
        }
        return sb.toString();
    }

    /** Whether the first {@code length} bytes of {@code head} carry this format's full signature. */
    public boolean matches(byte[] head, int length) {
        return full.test(head, Math.min(length, head.length));
    }

    /** Whether the data begins with this format's shortest identifying prefix. */
    boolean startsLike(byte[] data) {
        return prefix.test(data, data.length);
    }

    /**
     * The format a folder walk counts these first bytes as, or empty when they start like no image
     * known here (ICO, DDS and SVG are never claimed, see above).
     */
    public static Optional<ImageFormat> of(byte[] head, int length) {
        for (ImageFormat f : values()) {
            if (f.walkSafe && f.matches(head, length)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The first format contrastkit does not decode that the whole data starts like, or null. */
    static ImageFormat unsupportedClaimedBy(byte[] data) {
        for (ImageFormat f : values()) {
            if (!f.decoded && f.startsLike(data)) {
                return f;
            }
        }
        return null;
    }

    private static boolean starts(byte[] d, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((d[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** An ISO base media file (HEIF, AVIF, JPEG 2000) whose major brand begins with one of the given. */
    private static boolean brand(byte[] d, int n, String... brands) {
        if (n < 12 || d[4] != 'f' || d[5] != 't' || d[6] != 'y' || d[7] != 'p') {
            return false;
        }
        String brand = new String(d, 8, 4, StandardCharsets.US_ASCII);
        for (String b : brands) {
            if (brand.startsWith(b)) {
                return true;
            }
        }
        return false;
    }
}
