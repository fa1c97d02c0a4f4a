package org.courtyard.hub;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The shaded hub jar running as its own process, with its stdout and stderr read line by line. */
final class HubProcess implements AutoCloseable {

    private static final String END = "\u0000end";

    final Process process;
    final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    final List<String> stderr = java.util.Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.CountDownLatch outputRead = new java.util.concurrent.CountDownLatch(2);

    HubProcess(Map<String, String> env, String... args) throws IOException {
        String jar = System.getProperty("courtyard.hub.jar");
        if (jar == null) {
            throw new IllegalStateException("system property courtyard.hub.jar is not set; run the *IT tests with failsafe");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove(Main.ADMIN_PASSWORD_ENV);
        builder.environment().putAll(env);
        process = builder.start();
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), stdout::add, "out");
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), stderr::add, "err");
    }

    /** Waits for the next stdout line, at most {@code timeout}. */
    String nextLine(Duration timeout) throws InterruptedException {
        String line = stdout.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null || line.equals(END)) {
            throw new AssertionError("no line on the hub's stdout within " + timeout + "; stderr: " + stderr);
        }
        return line;
    }

    /** Reads stdout until {@code listening on ...} and returns the URL. */
    URI awaitListening(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = nextLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (line.startsWith("listening on ")) {
                return URI.create(line.substring("listening on ".length()));
            }
        }
    }

    /**
     * Waits for the process to end and for all of its output to be read.
     *
     * @return the exit code
     */
    int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the hub did not exit within " + timeout);
        }
        if (!outputRead.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the hub's output did not end within " + timeout);
        }
        return process.exitValue();
    }

    /**
     * Sends SIGTERM, as a service manager does. ({@link Process#destroy()} would also close our
     * ends of its output pipes, losing what the shutdown hook logs.)
     */
    void terminate() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -TERM failed");
        }
    }

    /** stderr as one text. */
    String errors() {
        synchronized (stderr) {
            return String.join("\n", stderr);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void pump(BufferedReader reader, java.util.function.Consumer<String> sink, String name) {
        Thread thread = new Thread(() -> {
            try (reader) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                sink.accept("! read failed: " + e);
            }
            sink.accept(END);
            outputRead.countDown();
        }, "hub-process-" + name);
        thread.setDaemon(true);
        thread.start();
    }
}
