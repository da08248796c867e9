package io.contrastkit.app.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.learn.model.Provenance;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a model's provenance is shown (issue 12 item 10: "Debian 17.0.15" read like a Debian release). */
class ModelFilesTest {

    private static String java(String stored) {
        return ModelFiles.javaText(new Provenance("0.1.0", "store.duckdb", 1, Map.of(), 42, stored, "Linux", "t"));
    }

    @Test
    void javaIsNamedWithItsVersionAndTheVendorAfter() {
        assertThat(java("Debian 17.0.15")).isEqualTo("Java 17.0.15 (Debian)");
        assertThat(java("Eclipse Adoptium 17.0.9")).isEqualTo("Java 17.0.9 (Eclipse Adoptium)");
        assertThat(java("Oracle Corporation 21")).isEqualTo("Java 21 (Oracle Corporation)");
    }

    @Test
    void whatCannotBeSplitIsShownAsStored() {
        assertThat(java("17.0.15")).isEqualTo("Java 17.0.15");
        assertThat(java("null 17.0.15")).isEqualTo("Java 17.0.15");
        assertThat(java("Some JVM")).isEqualTo("Java Some JVM");
        assertThat(java("")).isEqualTo("Java (unknown)");
    }
}
