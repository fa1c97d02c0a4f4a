package org.courtyard.e2e;

import java.util.Arrays;

/** Percentiles and a figure line for the benchmark harnesses. */
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
}
