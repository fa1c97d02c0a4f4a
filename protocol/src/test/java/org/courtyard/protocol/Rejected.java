package org.courtyard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowingConsumer;

/** Assertions on what a peer would see when its document is refused. */
final class Rejected {

    private Rejected() {
    }

    /** Reading {@code json} as {@code type} fails with exactly this path and message. */
    static void assertRejected(String json, Class<?> type, String path, String message) {
        ProtocolException e = failure(() -> ProtocolJson.read(json, type));

        assertThat(e.path()).as("path").isEqualTo(path);
        assertThat(e.getMessage()).isEqualTo(path.isEmpty() ? message : path + ": " + message);
    }

    /** The {@link ProtocolException} that {@code read} throws, checked to be fit for a peer to read. */
    static ProtocolException failure(ThrowingRunnable read) {
        Throwable thrown = catchThrowable(read::run);

        assertThat(thrown).isInstanceOf(ProtocolException.class);
        ProtocolException e = (ProtocolException) thrown;
        assertThat(e.getMessage()).as("message names no Java or Jackson internals")
                .doesNotContain("org.courtyard", "java.", "com.fasterxml", "JsonToken", "`", "REDACTED");
        assertThat(e.getMessage()).as("message starts with the path").startsWith(e.path());
        return e;
    }

    static ThrowingConsumer<ProtocolException> hasPathAndMessage(String path, String message) {
        return e -> {
            assertThat(e.path()).as("path").isEqualTo(path);
            assertThat(e.getMessage()).isEqualTo(path.isEmpty() ? message : path + ": " + message);
        };
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
