package io.strato.compute.virt.qemu;

import io.strato.compute.virt.DriverException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a host tool to completion with a deadline; failures become {@link DriverException}s with its output. */
final class CommandRunner {
    private static final int TAIL_LINES = 8;

    private CommandRunner() {
    }

    /** Runs the command and returns its standard output. */
    static String run(List<String> command, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            throw new DriverException(DriverException.Reason.HYPERVISOR_FAILURE,
                    "cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new DriverException(DriverException.Reason.HYPERVISOR_FAILURE,
                        name(command) + " did not finish within " + timeout.toSeconds() + " s");
            }
            String stdout = out.get();
            String stderr = err.get();
            if (process.exitValue() != 0) {
                throw new DriverException(DriverException.Reason.HYPERVISOR_FAILURE, name(command) + " exited with status "
                        + process.exitValue() + ": " + tail(stderr.isBlank() ? stdout : stderr, TAIL_LINES));
            }
            return stdout;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DriverException(DriverException.Reason.HYPERVISOR_FAILURE, name(command) + " was interrupted", e);
        } catch (ExecutionException e) {
            throw new DriverException(DriverException.Reason.HYPERVISOR_FAILURE,
                    "cannot read the output of " + name(command), e.getCause());
        }
    }

    /** The last lines of a text, trimmed, joined with " | " so they fit a one-line fault. */
    static String tail(String text, int lines) {
        List<String> all = text.strip().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static String name(List<String> command) {
        String program = Path.of(command.getFirst()).getFileName().toString();
        return command.size() > 1 && !command.get(1).startsWith("-") ? program + " " + command.get(1) : program;
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (stream) {
                result.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
