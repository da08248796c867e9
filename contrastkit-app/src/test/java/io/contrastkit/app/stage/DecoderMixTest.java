package io.contrastkit.app.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecoderMixTest {

    private static Map<String, Long> rows(Object... decoderAndRows) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < decoderAndRows.length; i += 2) {
            m.put((String) decoderAndRows[i], ((Number) decoderAndRows[i + 1]).longValue());
        }
        return m;
    }

    @Test
    void versionsOfOneDecoderAreOneDecoder() {
        assertThat(DecoderMix.warnings(Map.of("webp", rows("libwebp 1.2.4", 3, "libwebp 1.3.0", 2)))).isEmpty();
    }

    @Test
    void twoDecodersOfALossyFormatAreNamedWithTheirRows() {
        assertThat(DecoderMix.warnings(Map.of("webp", rows("libwebp 1.2.4", 3, "twelvemonkeys-webp 3.12.0", 2))))
                .singleElement().asString().startsWith("WARNING: the store's webp rows were measured by 2 decoders")
                .contains("3 by libwebp").contains("2 by twelvemonkeys-webp");
    }

    @Test
    void rowsOfAnOlderStoreCountAsAnUnrecordedDecoder() {
        assertThat(DecoderMix.warnings(Map.of("jpeg", rows(null, 10, "libjpeg-turbo libturbojpeg.so.0.2.0", 1))))
                .singleElement().asString().contains("10 by an unrecorded decoder").contains("1 by libjpeg-turbo");
    }

    @Test
    void losslessFormatsAreNeverWarnedAbout() {
        assertThat(DecoderMix.warnings(Map.of("png", rows("contrastkit-png+libdeflate x", 5, "imageio-png y", 5),
                "gif", rows(null, 1, "imageio-gif y", 1)))).isEmpty();
    }
}
