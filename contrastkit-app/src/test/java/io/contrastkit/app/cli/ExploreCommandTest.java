package io.contrastkit.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import org.junit.jupiter.api.Test;

/** Issue 12 item 8: {@code explore} said "cannot listen on ..." for an error that was the model's. */
class ExploreCommandTest {

    @Test
    void onlyASocketFailureIsCalledAListenProblem() {
        RuntimeException busy = new RuntimeException("Failed to start Javalin",
                new java.io.IOException("Failed to bind", new BindException("Address already in use")));
        assertThat(ExploreCommand.startFailure(busy, "127.0.0.1", 7070))
                .isEqualTo("cannot listen on 127.0.0.1:7070: Address already in use");
        RuntimeException model = new IllegalStateException("model m.json predicts 21 features, the store holds 20");
        assertThat(ExploreCommand.startFailure(model, "127.0.0.1", 7070))
                .isEqualTo("cannot start the explorer: model m.json predicts 21 features, the store holds 20");
        assertThat(ExploreCommand.startFailure(new ArrayIndexOutOfBoundsException(), "127.0.0.1", 7070))
                .isEqualTo("cannot start the explorer: ArrayIndexOutOfBoundsException");
    }
}
