package io.contrastkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.core.FeatureSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens racing in one process with the other access (a reader against a writer, as the explorer's label
 * writes race its reads and the commands it runs): each open either succeeds or says the store is in use,
 * never a DuckDB internal message.
 */
class StoreOpenRaceTest {

    @TempDir
    Path dir;

    @Test
    void anOpenRacingTheOtherAccessSucceedsOrSaysInUse() throws Exception {
        Path store = dir.resolve("s.duckdb");
        FeatureSchema schema = FeatureSchema.V1;
        StoreSession.open(store, schema, StoreSession.Access.CREATE).close();
        List<String> other = new CopyOnWriteArrayList<>();
        int[] opened = new int[2];
        CountDownLatch go = new CountDownLatch(1);
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int k = t;
            threads[t] = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 40; i++) {
                    try (StoreSession s = k == 0 ? StoreSession.open(store, schema, StoreSession.Access.WRITE)
                            : StoreSession.read(store, schema)) {
                        s.features().counts();
                        opened[k]++;
                    } catch (StoreInUseException expected) {
                        // The other access holds the file for longer than the open waits: said so.
                    } catch (RuntimeException e) {
                        other.add(e.toString());
                    }
                }
            });
            threads[t].start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(120_000);
        }
        assertThat(other).as("failures other than 'in use'").isEmpty();
        assertThat(opened[0]).isPositive();
        assertThat(opened[1]).isPositive();
    }
}
