package io.contrastkit.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrastkit.core.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The magic-number table and the sniffer built on it (moved from the app's ExtractCommandTest). */
class ImageSnifferTest {

    private static String sniff(String fixture) {
        byte[] head = Arrays.copyOf(Fixtures.bytes(fixture), ImageSniffer.HEADER_BYTES);
        return ImageSniffer.formatOf(head, head.length).orElse("");
    }

    @Test
    void snifferTellsImagesFromOtherFiles() {
        assertThat(sniff("rocket.jpg")).isEqualTo("jpeg");
        assertThat(sniff("camera.png")).isEqualTo("png");
        assertThat(sniff("chessboard_GRAY_U16.tif")).isEqualTo("tiff");
        assertThat(sniff("no_time_for_that_tiny.gif")).isEqualTo("gif");
        byte[] text = "BM is not enough".getBytes(StandardCharsets.US_ASCII);
        assertThat(ImageSniffer.formatOf(text, text.length)).isEmpty();
        assertThat(ImageSniffer.hasImageExtension("B.JPG")).isTrue();
        assertThat(ImageSniffer.hasImageExtension("a/B.JPG")).isTrue();
        assertThat(ImageSniffer.hasImageExtension("b.txt")).isFalse();
        assertThat(ImageSniffer.hasImageExtension("a.jpg/b")).isFalse();
        assertThat(ImageSniffer.hasImageExtension("jpg")).isFalse();
    }

    @Test
    void aWalkNeedsTheFullSignatureAnErrorMessageOnlyThePrefix() {
        byte[] pnm = "P6\n3 2\n255\n".getBytes(StandardCharsets.US_ASCII);
        byte[] noSpace = "P6x".getBytes(StandardCharsets.US_ASCII);
        assertThat(ImageFormat.of(pnm, pnm.length)).contains(ImageFormat.PNM);
        assertThat(ImageFormat.of(noSpace, noSpace.length)).isEmpty();
        assertThat(ImageFormat.unsupportedClaimedBy(noSpace)).isEqualTo(ImageFormat.PNM);
        byte[] ico = {0, 0, 1, 0, 1, 0, 16, 16};
        assertThat(ImageFormat.of(ico, ico.length)).isEmpty();
        assertThat(ImageFormat.unsupportedClaimedBy(ico)).isEqualTo(ImageFormat.ICO);
        byte[] svg = "<?xml version=\"1.0\"?><svg/>".getBytes(StandardCharsets.US_ASCII);
        assertThat(ImageFormat.of(svg, svg.length)).isEmpty();
        assertThat(ImageFormat.unsupportedClaimedBy(svg)).isEqualTo(ImageFormat.SVG);
        byte[] cutJpeg = {(byte) 0xFF, (byte) 0xD8};
        assertThat(ImageFormat.of(cutJpeg, cutJpeg.length)).isEmpty();
        assertThat(ImageFormat.JPEG.startsLike(cutJpeg)).isTrue();
    }

    @Test
    void heifAndFriendsAreKnownByTheirBrand() {
        byte[] heic = "\0\0\0\u0018ftypheic\0\0\0\0mif1heic".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ImageSniffer.formatOf(heic, heic.length)).contains("heif");
        assertThat(ImageFormat.unsupportedClaimedBy(heic).label()).isEqualTo("HEIF/HEIC");
        byte[] video = "\0\0\0\u0018ftypmp42\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ImageSniffer.formatOf(video, video.length)).isEmpty();
        assertThat(ImageFormat.decodedLabels()).isEqualTo("JPEG, PNG, BMP, GIF, WebP, TIFF");
    }

    @Test
    void nativeDecodingSaysWhyItIsOff() {
        assertThat(NativeDecoding.fromSetting(null, "X")).isEqualTo(NativeDecoding.WHEN_INSTALLED);
        assertThat(NativeDecoding.fromSetting("on", "X")).isEqualTo(NativeDecoding.WHEN_INSTALLED);
        for (String off : new String[] {"off", "OFF", "false", "0"}) {
            assertThat(NativeDecoding.fromSetting(off, "X")).isEqualTo(NativeDecoding.off("switched off by X"));
        }
        assertThat(new ImageDecoder(io.contrastkit.core.ExtractionOptions.defaults(), NativeDecoding.off("a test")).codecs())
                .isEqualTo("jpeg: Java; webp: Java; png: Java (a test)");
        assertThatThrownBy(() -> new NativeDecoding(false, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NativeDecoding(true, "why")).isInstanceOf(IllegalArgumentException.class);
    }
}
