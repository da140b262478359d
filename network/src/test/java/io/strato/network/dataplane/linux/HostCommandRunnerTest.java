package io.strato.network.dataplane.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strato.network.dataplane.CommandResult;
import io.strato.network.dataplane.DataplaneException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostCommandRunnerTest {
    private final HostCommandRunner runner = new HostCommandRunner(Duration.ofSeconds(10));

    @Test
    void feedsStandardInputAndCapturesBothOutputs() {
        CommandResult result = runner.run(List.of("sh", "-c", "cat; echo oops >&2; exit 4"), "hello\n",
                Duration.ofSeconds(10));

        assertEquals(new CommandResult(4, "hello\n", "oops\n"), result);
    }

    @Test
    void checkTurnsAFailureIntoAnExceptionWithTheToolsWords() {
        DataplaneException failure = assertThrows(DataplaneException.class,
                () -> runner.check(List.of("sh", "-c", "echo 'RTNETLINK answers: File exists' >&2; exit 2")));

        assertEquals(DataplaneException.Reason.COMMAND_FAILED, failure.reason());
        assertTrue(failure.getMessage().endsWith("exited with status 2: RTNETLINK answers: File exists"),
                failure.getMessage());
    }

    @Test
    void aCommandPastItsDeadlineIsKilledAndReported() {
        DataplaneException failure = assertThrows(DataplaneException.class,
                () -> runner.run(List.of("sleep", "30"), null, Duration.ofMillis(200)));

        assertTrue(failure.getMessage().contains("did not finish within 200 ms"), failure.getMessage());
    }

    @Test
    void aMissingProgramIsReported() {
        DataplaneException failure = assertThrows(DataplaneException.class,
                () -> runner.run(List.of("/nonexistent/strato-tool"), null, Duration.ofSeconds(1)));

        assertTrue(failure.getMessage().startsWith("cannot run /nonexistent/strato-tool"), failure.getMessage());
    }
}
