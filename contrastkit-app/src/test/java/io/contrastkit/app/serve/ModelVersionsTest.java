package io.contrastkit.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.app.ModelPhotos;
import io.contrastkit.app.api.ContrastKit;
import io.contrastkit.core.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The versions behind the service: buffer, refits one at a time, the limit on kept versions, rollback, drift. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ModelVersionsTest {

    @TempDir
    static Path dir;
    private static ContrastKit kit;
    private static final List<double[]> ROWS = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        kit = ContrastKit.open(ModelPhotos.writeModel(dir.resolve("model.json")));
        for (String name : List.of("horse.png", "text.png", "page.png", "moon.png", "coins.png", "color.png",
                "brick.png", "rocket.jpg", "camera.png", "gravel.png", "phantom.png", "grass.png")) {
            ROWS.add(kit.predict(Files.readAllBytes(Fixtures.image(name))).features().toArray());
        }
    }

    private static void serve(ModelVersions v, int n) {
        for (int i = 0; i < n; i++) {
            v.served(ROWS.get(i % ROWS.size()));
        }
    }

    @Test
    void theBufferKeepsTheNewestRowsAndTooFewAreNoRefit() throws Exception {
        try (ModelVersions v = new ModelVersions(kit, 30, 0, 5, line -> { })) {
            assertThat(v.drift()).containsOnly(Double.NaN);
            serve(v, 10);
            assertThat(v.bufferSize()).isEqualTo(10);
            ModelVersions.RefitOutcome few = v.refit("test").get(30, TimeUnit.SECONDS);
            assertThat(few.version()).isNull();
            assertThat(few.refused()).contains("10 served images").contains("at least 20");
            serve(v, 50);
            assertThat(v.bufferSize()).as("bounded").isEqualTo(30);
            assertThat(v.refits()).as("refitEvery 0: only when asked").isZero();
            double[] psi = v.drift();
            assertThat(psi).hasSize(20);
            for (double p : psi) {
                assertThat(p).isFinite().isNotNegative();
            }
        }
    }

    @Test
    void oneRefitAtATimeEachSwappedInWhenCompleteNamesKeptAndLogged() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
        try (ModelVersions v = new ModelVersions(kit, 100, 0, 5, log::add, () -> {
            entered.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            serve(v, 24);
            var first = v.refit("test");
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(v.refitting()).isTrue();
            assertThat(v.current().id()).as("the old model serves until the new one is complete").isEqualTo(kit.modelVersion());
            ModelVersions.RefitOutcome second = v.refit("again").get(30, TimeUnit.SECONDS);
            assertThat(second.refused()).isEqualTo("a refit is already running");
            release.countDown();
            ModelVersions.Version made = first.get(60, TimeUnit.SECONDS).version();
            assertThat(made).isNotNull();
            assertThat(made.number()).isEqualTo(2);
            assertThat(v.current()).isSameAs(made);
            assertThat(made.id()).isNotEqualTo(kit.modelVersion());
            assertThat(made.kit().model().groups()).extracting(g -> g.name())
                    .isEqualTo(kit.model().groups().stream().map(g -> g.name()).toList());
            assertThat(log).anySatisfy(l -> assertThat(l).contains("model " + made.id() + " serves")
                    .contains("drift (PSI vs training)"));
            assertThat(v.refitting()).isFalse();
        }
    }

    @Test
    void refitsEveryNServedRowsKeepTheFirstAndTheServingVersionAndRollBack() throws Exception {
        try (ModelVersions v = new ModelVersions(kit, 100, 25, 3, line -> { })) {
            for (int r = 1; r <= 4; r++) {
                serve(v, 25);
                for (int i = 0; i < 3000 && v.refits() < r; i++) {
                    Thread.sleep(10);
                }
                assertThat(v.refits()).isEqualTo(r);
            }
            List<ModelVersions.Version> kept = v.versions();
            assertThat(kept).hasSize(3);
            assertThat(kept.get(0).id()).as("the first is always kept").isEqualTo(kit.modelVersion());
            assertThat(kept).extracting(ModelVersions.Version::number).containsExactly(1, 4, 5);
            assertThat(v.current()).isSameAs(kept.get(2));
            assertThat(v.rollback("no-such-version")).isEmpty();
            assertThat(v.rollback(kit.modelVersion())).isPresent();
            assertThat(v.current().id()).isEqualTo(kit.modelVersion());
        }
    }
}
