package org.courtyard.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Predicate;

/** Percentiles, a figure line and CPU times from /proc for the benchmark harnesses. */
final class Bench {

    private Bench() {
    }

    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
    }

    static String summary(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%s: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms", what, sorted.length,
                percentile(sorted, 50), percentile(sorted, 99), sorted.length == 0 ? Double.NaN
                        : sorted[sorted.length - 1] / 1e6);
    }

    /**
     * The CPU time (user and system) the process {@code pid} has used so far, in all its threads and
     * in its JIT compiler threads, in ms: a figure that the load from other work on the machine does
     * not lengthen as it does wall-clock times. Read from /proc/PID/task/TID/stat (clock ticks of
     * 10 ms, Linux's USER_HZ of 100).
     */
    static long[] cpuMillis(long pid) {
        long jit = threadCpuMillis(pid, name -> name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler"));
        try {
            // The process's own line counts the threads that have ended too.
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return jit < 0 ? new long[] {-1, -1} : new long[] {cpuMillis(stat), jit};
        } catch (IOException e) {
            return new long[] {-1, -1};
        }
    }

    /**
     * The CPU time, in ms, used so far by the threads of process {@code pid} whose names start with
     * {@code prefix} (Linux keeps the first 15 characters of a name), of those still running.
     */
    static long threadCpuMillis(long pid, String prefix) {
        return threadCpuMillis(pid, name -> name.startsWith(prefix));
    }

    /** As above, of the threads whose names {@code named} accepts; -1 if /proc could not be read. */
    private static long threadCpuMillis(long pid, Predicate<String> named) {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    if (named.test(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) {
                        sum += cpuMillis(stat);
                    }
                } catch (IOException e) {
                    // the thread ended between the listing and the read
                }
            }
            return sum;
        } catch (IOException e) {
            return -1;
        }
    }

    /** utime + stime of a /proc stat line ("ID (NAME) STATE ...", NAME may hold spaces), in ms. */
    private static long cpuMillis(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }
}
