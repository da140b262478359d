package io.strato.network.dataplane.linux;

import io.strato.network.dataplane.CommandResult;
import io.strato.network.dataplane.DataplaneException;
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

/** Runs host tools ({@code ip}, {@code nft}, ...) with a deadline, capturing standard output and error. */
public final class HostCommandRunner {
    private static final int TAIL_LINES = 6;
    private final Duration defaultTimeout;

    public HostCommandRunner(Duration defaultTimeout) {
        this.defaultTimeout = defaultTimeout;
    }

    /** Runs the command and returns what it did, whatever its exit code; fails only when it cannot run or times out. */
    public CommandResult run(List<String> command, String input, Duration timeout) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (input == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            process = builder.start();
        } catch (IOException e) {
            throw new DataplaneException(DataplaneException.Reason.COMMAND_FAILED,
                    "cannot run " + command.getFirst() + ": " + e.getMessage(), e);
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
                throw new DataplaneException(DataplaneException.Reason.COMMAND_FAILED,
                        describe(command) + " did not finish within " + timeout.toMillis() + " ms");
            }
            return new CommandResult(process.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DataplaneException(DataplaneException.Reason.COMMAND_FAILED, describe(command) + " was interrupted", e);
        } catch (ExecutionException e) {
            throw new DataplaneException(DataplaneException.Reason.COMMAND_FAILED,
                    "cannot read the output of " + describe(command), e.getCause());
        }
    }

    /** Runs the command with the default timeout and returns its standard output; a non-zero exit is an exception. */
    public String check(List<String> command) {
        return check(command, null);
    }

    public String check(List<String> command, String input) {
        CommandResult result = run(command, input, defaultTimeout);
        if (!result.succeeded()) {
            throw new DataplaneException(DataplaneException.Reason.COMMAND_FAILED, failure(command, result));
        }
        return result.output();
    }

    /** Runs the command with the default timeout and returns its result, successful or not. */
    public CommandResult attempt(List<String> command) {
        return run(command, null, defaultTimeout);
    }

    /** "ip link add exited with status 2: RTNETLINK answers: ..." */
    public static String failure(List<String> command, CommandResult result) {
        String words = result.errorOutput().isBlank() ? result.output() : result.errorOutput();
        return describe(command) + " exited with status " + result.exitCode() + ": " + tail(words);
    }

    static String tail(String text) {
        List<String> all = text.strip().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        return String.join(" | ", all.subList(Math.max(0, all.size() - TAIL_LINES), all.size()));
    }

    private static String describe(List<String> command) {
        return String.join(" ", command.subList(0, Math.min(command.size(), 4)));
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
