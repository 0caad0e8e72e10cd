package org.loanetl.aws.emr;

import java.util.List;

/**
 * A cluster as EMR describes it, with its most recent steps (newest first).
 *
 * @param reason why it is in its state ({@code CODE: message}), or {@code null}
 * @param logUri where its logs go, or {@code null}
 */
public record ClusterOverview(String id, String name, String state, String reason, String releaseLabel,
                              String logUri, String masterDns, List<Step> steps) {

    public ClusterOverview {
        steps = List.copyOf(steps);
    }

    /**
     * One step.
     *
     * @param failure why it failed ({@code reason: message; log file ...}), or {@code null}
     */
    public record Step(String id, String name, String state, String failure) {
    }
}
