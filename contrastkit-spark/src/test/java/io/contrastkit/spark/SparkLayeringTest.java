package io.contrastkit.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN's layering for the Spark module: it builds on core and learn, never on the app or the store. */
class SparkLayeringTest {

    static final JavaClasses SPARK = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.contrastkit.spark");

    @Test
    void sparkSeesNeitherTheAppNorTheStore() {
        noClasses().that().resideInAPackage("io.contrastkit.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("io.contrastkit.app..", "io.contrastkit.store..")
                .check(SPARK);
    }

    @Test
    void coreAndLearnDoNotSeeSpark() {
        noClasses().that().resideInAnyPackage("io.contrastkit.core..", "io.contrastkit.learn..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.spark..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.contrastkit.core", "io.contrastkit.learn"));
    }
}
