package io.strato.platform.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a host tool ({@code qemu-img}, {@code ip}, {@code nft}, ...) to completion with a deadline,
 * capturing standard output and error. A non-zero exit is a normal {@link Result}; only a tool that
 * cannot run, does not finish in time or is interrupted throws {@link Failure}. Each service turns
 * both into its own errors.
 */
public final class HostCommand {
    /** What a finished command did. */
    public record Result(int exitCode, String output, String errorOutput) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** The error output, or the standard output when the tool said nothing on stderr. */
        public String diagnostics() {
            return errorOutput.isBlank() ? output : errorOutput;
        }
    }

    /** Why a command produced no result. */
    public enum FailureKind { CANNOT_START, TIMED_OUT, INTERRUPTED, UNREADABLE_OUTPUT }

    /** The command did not run to completion. */
    public static final class Failure extends RuntimeException {
        private final FailureKind kind;

        Failure(FailureKind kind, String message, Throwable cause) {
            super(message, cause);
            this.kind = kind;
        }

        public FailureKind kind() {
            return kind;
        }
    }

    private HostCommand() {
    }

    /** Runs the command; {@code input} (nullable) is written to its standard input, else it reads /dev/null. */
    public static Result run(List<String> command, String input, Duration timeout) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (input == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            process = builder.start();
        } catch (IOException e) {
            throw new Failure(FailureKind.CANNOT_START, "cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (input != null) {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the tool exited without reading everything; its exit status and stderr say why
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new Failure(FailureKind.TIMED_OUT, "did not finish within " + timeout, null);
            }
            return new Result(process.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new Failure(FailureKind.INTERRUPTED, "was interrupted", e);
        } catch (ExecutionException e) {
            throw new Failure(FailureKind.UNREADABLE_OUTPUT, "cannot read the output", e.getCause());
        }
    }

    /** The last non-empty lines of a text, trimmed and joined with " | " so they fit a one-line fault. */
    public static String tail(String text, int lines) {
        List<String> all = text.strip().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
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
