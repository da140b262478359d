package io.strato.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one bounded phase: {@code count} calls of an action spread over {@code concurrency} virtual
 * threads (closed loop: each worker sends its next request when the previous one answered), after
 * an unmeasured warm-up of {@code warmup} calls at the same concurrency. A phase that is done with
 * its count in less than {@code minNanos} goes on until then, up to {@link #CAP_FACTOR} times its
 * count, so that a fast target is not measured over a fraction of a second. A phase also stops at
 * its deadline; it then reports what completed and says it was cut short.
 */
final class LoadPhase {
    /** One call of the phase: one request (or a short fixed sequence), answering the last status. */
    @FunctionalInterface
    interface Action {
        KeystoneApi.Answer call();
    }

    /** What a phase measured. Latencies are of every completed call, errors included. */
    record Result(String target, String operation, int concurrency, int requests, int errors, double seconds,
            long[] sortedNanos, List<String> errorSamples, boolean cutShort) {
        double rps() {
            return seconds <= 0 ? 0 : requests / seconds;
        }

        double percentileMs(double p) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
            return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
        }
    }

    /** A phase extended to its minimum duration sends at most this many times its count. */
    static final int CAP_FACTOR = 20;

    private LoadPhase() {
    }

    static Result run(String target, String operation, int concurrency, int warmup, int count, long deadlineNanos,
            Action action) {
        return run(target, operation, concurrency, warmup, count, deadlineNanos, 0, action);
    }

    static Result run(String target, String operation, int concurrency, int warmup, int count, long deadlineNanos,
            long minNanos, Action action) {
        if (warmup > 0) {
            execute(concurrency, warmup, warmup, 0, System.nanoTime() + Math.max(1, deadlineNanos / 4), action);
        }
        int cap = minNanos > 0 ? (int) Math.min(Integer.MAX_VALUE / 2, (long) count * CAP_FACTOR) : count;
        Outcome outcome = execute(concurrency, count, cap, minNanos, System.nanoTime() + deadlineNanos, action);
        long[] lat = Arrays.copyOf(outcome.latencies, outcome.completed.get());
        Arrays.sort(lat);
        return new Result(target, operation, concurrency, lat.length, outcome.errors.get(), outcome.wallNanos / 1e9,
                lat, List.copyOf(outcome.samples), lat.length < count);
    }

    private record Outcome(long[] latencies, AtomicInteger completed, AtomicInteger errors, List<String> samples,
            long wallNanos) {
    }

    private static Outcome execute(int concurrency, int count, int cap, long minNanos, long deadline, Action action) {
        long[] latencies = new long[cap];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<String> samples = Collections.synchronizedList(new ArrayList<>());
        ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            workers.add(Thread.ofVirtual().name("load-" + w).start(() -> {
                while (System.nanoTime() < deadline) {
                    int i = next.getAndIncrement();
                    if (i >= cap || i >= count && System.nanoTime() - started >= minNanos) {
                        return;
                    }
                    long t0 = System.nanoTime();
                    String error;
                    try {
                        KeystoneApi.Answer answer = action.call();
                        error = answer.ok() ? null : "HTTP " + answer.status() + " " + answer.text();
                    } catch (RuntimeException e) {
                        error = e.getMessage() == null ? e.toString() : e.getMessage();
                    }
                    latencies[completed.getAndIncrement()] = System.nanoTime() - t0;
                    if (error != null) {
                        errors.incrementAndGet();
                        String key = error.length() > 60 ? error.substring(0, 60) : error;
                        if (samples.size() < 5 && seen.putIfAbsent(key, Boolean.TRUE) == null) {
                            samples.add(error);
                        }
                    }
                }
            }));
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Outcome(latencies, completed, errors, samples, System.nanoTime() - started);
    }
}
