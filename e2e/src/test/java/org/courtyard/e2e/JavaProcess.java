package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One of Courtyard's programs running as its own process ({@code java -jar …}), with every line it
 * prints kept for assertions and a way to type into its stdin. Closing stops it (SIGTERM, then
 * SIGKILL after 10 s); {@link #kill()} is a power cut.
 */
final class JavaProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Writer stdin;

    private JavaProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readOutput, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static Path jar(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (set by failsafe)", property).isNotNull();
        Path jar = Path.of(value);
        assertThat(Files.isRegularFile(jar)).as("%s exists; build it with ./mvnw package", jar).isTrue();
        return jar;
    }

    static JavaProcess start(String name, Path jar, Map<String, String> env, String... args) throws IOException {
        return start(name, jar, List.of("-Xmx256m"), env, args);
    }

    /** As {@link #start(String, Path, Map, String...)}, with these JVM options instead of a 256 MB heap. */
    static JavaProcess start(String name, Path jar, List<String> jvmOptions, Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return run(name, command, env);
    }

    /**
     * Runs the {@code ./courtyard} launcher (system property {@code courtyard.launcher}, set by
     * failsafe) with {@code args}, on this JVM's Java. Closing it stops the launcher and, should any
     * outlive it, the programs it started.
     */
    static JavaProcess launcher(String name, Map<String, String> env, String... args) throws IOException {
        String value = System.getProperty("courtyard.launcher");
        assertThat(value).as("system property courtyard.launcher (set by failsafe)").isNotNull();
        Path script = Path.of(value);
        assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        Map<String, String> withJava = new HashMap<>(env);
        withJava.put("JAVA_HOME", System.getProperty("java.home"));
        return run(name, command, withJava);
    }

    private static JavaProcess run(String name, List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        return new JavaProcess(name, builder.start());
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (lines) {
                lines.add("[" + name + " output closed: " + e.getMessage() + "]");
                lines.notifyAll();
            }
        }
    }

    /** Waits for a printed line matching {@code test}, searching from the start of the output. */
    String awaitLine(Predicate<String> test, Duration timeout) throws InterruptedException {
        return awaitLineAfter(0, test, timeout);
    }

    /** Waits for a line matching {@code test} printed at or after line number {@code from}. */
    String awaitLineAfter(int from, Predicate<String> test, Duration timeout) throws InterruptedException {
        int index = awaitIndexAfter(from, test, timeout);
        synchronized (lines) {
            return lines.get(index);
        }
    }

    /** As {@link #awaitLineAfter}, but answers the number of the matching line, for ordering. */
    int awaitIndexAfter(int from, Predicate<String> test, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int index = from;
            while (true) {
                while (index < lines.size()) {
                    if (test.test(lines.get(index))) {
                        return index;
                    }
                    index++;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(name + " printed no matching line within " + timeout + "; it printed:\n"
                            + String.join("\n", lines));
                }
                TimeUnit.NANOSECONDS.timedWait(lines, left);
            }
        }
    }

    /** The line numbered {@code index} (from 0), as {@link #awaitIndexAfter} answers. */
    String line(int index) {
        synchronized (lines) {
            return lines.get(index);
        }
    }

    /** How many lines have been printed so far. */
    int lineCount() {
        synchronized (lines) {
            return lines.size();
        }
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    void type(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** Types {@code status} and returns the answer line. */
    String status() throws IOException, InterruptedException {
        int from = lineCount();
        type("status");
        return awaitLineAfter(from, line -> line.startsWith("status "), Duration.ofSeconds(10));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The operating system's process id, for reading {@code /proc/PID/status}. */
    long pid() {
        return process.pid();
    }

    int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + timeout + "; output:\n" + output());
        }
        return process.exitValue();
    }

    /** A power cut: SIGKILL, no shutdown hooks. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        // A launcher stops what it started on SIGTERM; should it not have, this does.
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
                child.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> child).join();
            }
        }
    }
}
