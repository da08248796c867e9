package io.contrastkit.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The layering of ../shared/DESIGN.md ("Layers"), checked on the main code of every module the app
 * sees (core, learn, store, app; not bench, not test classes or test-jars, not contrastkit-testing):
 * core and learn do no file, network or JDBC IO; learn and store do not see each other; no package
 * cycles; only the entry point sees {@code Main}; commands do not use each other; the explorer, the service
 * and the CLI do not use each other, and what they stand on sees none of them.
 *
 * <p>ArchUnit reads bytecode, so a use of a compile-time constant ({@code Main.OK}) is inlined by javac
 * and invisible to it; rule (d) therefore sees only real references to {@code Main}.
 */
@AnalyzeClasses(packages = "io.contrastkit", importOptions = LayeringTest.MainCodeOnly.class)
class LayeringTest {

    /** Main code only: no test classes, no test-jars, no test support, no benchmarks. */
    static final class MainCodeOnly implements ImportOption {
        private static final ImportOption NO_TESTS = new DoNotIncludeTests();

        @Override
        public boolean includes(Location location) {
            return NO_TESTS.includes(location) && !location.contains("-tests.jar")
                    && !location.contains("contrastkit-testing") && !location.contains("contrastkit-bench");
        }
    }

    private static final String MAIN = "io.contrastkit.app.Main";

    /** (a) Pure computation does no IO: files, network and databases are the edges' business. */
    @ArchTest
    static final ArchRule coreAndLearnDoNoIo = noClasses()
            .that().resideInAnyPackage("io.contrastkit.core..", "io.contrastkit.learn..")
            .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..", "java.sql..")
            .because("core and learn take arrays, bytes and options and return immutable results (DESIGN.md, Layers)");

    /** (b) learn does not see the store. */
    @ArchTest
    static final ArchRule learnDoesNotSeeStore = noClasses()
            .that().resideInAPackage("io.contrastkit.learn..")
            .should().dependOnClassesThat().resideInAPackage("io.contrastkit.store..")
            .because("learn and store do not see each other (DESIGN.md, Layers)");

    /** (b) the store does not see learn. */
    @ArchTest
    static final ArchRule storeDoesNotSeeLearn = noClasses()
            .that().resideInAPackage("io.contrastkit.store..")
            .should().dependOnClassesThat().resideInAPackage("io.contrastkit.learn..")
            .because("learn and store do not see each other (DESIGN.md, Layers)");

    /** (c) no package depends on itself through others. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.contrastkit.(**)").should().beFreeOfCycles();

    /** (d) the entry point is a leaf: nothing but Main itself (and its nested classes) uses it. */
    @ArchTest
    static final ArchRule onlyTheEntryPointSeesMain = noClasses()
            .that().doNotHaveFullyQualifiedName(MAIN).and(DescribedPredicate.not(nestedIn(MAIN)))
            .should().dependOnClassesThat().haveFullyQualifiedName(MAIN)
            .because("every way in calls the stage services, never another way in (DESIGN.md, Layers)");

    /** (e) a command is parse -> service -> render: it never calls or reuses another command. */
    @ArchTest
    static final ArchRule commandsDoNotUseOtherCommands = classes()
            .that(insideACommand())
            .should(notDependOnAnotherCommand())
            .because("a command is parse -> service -> render and nothing else (DESIGN.md, Layers)");

    /** (f) the servers are ways in of their own: the explorer and the service use neither each other nor the CLI. */
    @ArchTest
    static final ArchRule explorerDoesNotUseOtherWaysIn = noClasses()
            .that().resideInAPackage("io.contrastkit.app.explore..")
            .should().dependOnClassesThat().resideInAnyPackage("io.contrastkit.app.serve..", "io.contrastkit.app.cli..")
            .because("every way in calls the stage services, never another way in (DESIGN.md, Layers)");

    /** (f) the same for the service. */
    @ArchTest
    static final ArchRule serviceDoesNotUseOtherWaysIn = noClasses()
            .that().resideInAPackage("io.contrastkit.app.serve..")
            .should().dependOnClassesThat().resideInAnyPackage("io.contrastkit.app.explore..", "io.contrastkit.app.cli..")
            .because("every way in calls the stage services, never another way in (DESIGN.md, Layers)");

    /**
     * (h) the service learns and stores through the stage services: no k-means, calibration or DuckDB of its own
     * (refits go through ModelAdaptationService, {@code --store} through ServedImageStore).
     */
    @ArchTest
    static final ArchRule serviceLearnsAndStoresThroughTheStages = noClasses()
            .that().resideInAPackage("io.contrastkit.app.serve..")
            .should().dependOnClassesThat().resideInAnyPackage("io.contrastkit.store..", "io.contrastkit.learn.cluster..",
                    "io.contrastkit.learn.scale..", "io.contrastkit.learn.map..")
            .because("the learning goes through learn and app.stage services, not new maths in app.serve (issue 16)");

    /**
     * (g) what the ways in stand on (the in-process API, the stage services, the batch runner, the shared web
     * pieces, the report) never sees a way in.
     */
    @ArchTest
    static final ArchRule servicesDoNotSeeTheWaysIn = noClasses()
            .that().resideInAnyPackage("io.contrastkit.app.api..", "io.contrastkit.app.stage..",
                    "io.contrastkit.app.batch..", "io.contrastkit.app.web..", "io.contrastkit.app.report..")
            .should().dependOnClassesThat().resideInAnyPackage("io.contrastkit.app.cli..", "io.contrastkit.app.explore..",
                    "io.contrastkit.app.serve..")
            .because("a service takes options and returns results; the ways in render them (DESIGN.md, Layers)");

    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c.getBaseComponentType();
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    private static boolean isCommand(JavaClass top) {
        return top.getPackageName().startsWith("io.contrastkit.") && top.getSimpleName().endsWith("Command");
    }

    private static DescribedPredicate<JavaClass> nestedIn(String fullName) {
        return DescribedPredicate.describe("nested in " + fullName,
                c -> !c.getFullName().equals(fullName) && topLevel(c).getFullName().equals(fullName));
    }

    /** Classes whose simple name ends with Command, and their nested and anonymous classes. */
    private static DescribedPredicate<JavaClass> insideACommand() {
        return DescribedPredicate.describe("are *Command classes or nested in one", c -> isCommand(topLevel(c)));
    }

    private static ArchCondition<JavaClass> notDependOnAnotherCommand() {
        return new ArchCondition<>("not depend on another *Command class (or a class nested in one)") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                JavaClass own = topLevel(item);
                for (Dependency d : item.getDirectDependenciesFromSelf()) {
                    JavaClass target = topLevel(d.getTargetClass());
                    if (isCommand(target) && !target.equals(own)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
