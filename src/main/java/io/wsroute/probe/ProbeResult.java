package io.wsroute.probe;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The answer to one {@link ProbeRequest}.
 *
 * @param outcome the class of result
 * @param status the HTTP status of the answer, empty when none came (refused, TLS failure, timeout)
 * @param diagnosis one human sentence: what happened and what usually causes it, starting with the status
 * @param elapsed how long the probe took
 */
public record ProbeResult(ProbeOutcome outcome, OptionalInt status, String diagnosis, Duration elapsed) {

    public ProbeResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(diagnosis, "diagnosis");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    public boolean upgraded() {
        return outcome == ProbeOutcome.UPGRADED;
    }
}
