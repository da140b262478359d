package io.strato.network.dataplane.linux;

import io.strato.network.dataplane.CommandResult;
import io.strato.network.dataplane.DataplaneException;
import io.strato.platform.process.HostCommand;
import java.time.Duration;
import java.util.List;

/** Runs host tools ({@code ip}, {@code nft}, ...) with a deadline, capturing standard output and error. */
public final class HostCommandRunner {
    private static final int TAIL_LINES = 6;
    private final Duration defaultTimeout;

    public HostCommandRunner(Duration defaultTimeout) {
        this.defaultTimeout = defaultTimeout;
    }

    /** Runs the command and returns what it did, whatever its exit code; fails only when it cannot run or times out. */
    public CommandResult run(List<String> command, String input, Duration timeout) {
        HostCommand.Result result;
        try {
            result = HostCommand.run(command, input, timeout);
        } catch (HostCommand.Failure e) {
            String message = switch (e.kind()) {
                case CANNOT_START -> e.getMessage();
                case TIMED_OUT -> describe(command) + " did not finish within " + timeout.toMillis() + " ms";
                case INTERRUPTED -> describe(command) + " was interrupted";
                case UNREADABLE_OUTPUT -> "cannot read the output of " + describe(command);
            };
            throw new DataplaneException(DataplaneException.Reason.COMMAND_FAILED, message, e);
        }
        return new CommandResult(result.exitCode(), result.output(), result.errorOutput());
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
        return HostCommand.tail(text, TAIL_LINES);
    }

    private static String describe(List<String> command) {
        return String.join(" ", command.subList(0, Math.min(command.size(), 4)));
    }
}
