package io.strato.compute.scheduler;

/**
 * What one filter (or the ignore/force step) did for one instance: how many hosts went in, how many came
 * out, and why the others were removed.
 *
 * @param filterName e.g. {@code RamFilter}
 * @param start hosts before the filter
 * @param end hosts after the filter
 * @param explanation why hosts were removed, empty when none were
 */
public record FilterStep(String filterName, int start, int end, String explanation) {
    public FilterStep {
        explanation = explanation == null ? "" : explanation;
    }

    /** {@code RamFilter (start: 3, end: 0: 3 hosts lack memory: ...)}, Nova's log format plus the why. */
    @Override
    public String toString() {
        String counts = filterName + " (start: " + start + ", end: " + end;
        return explanation.isEmpty() ? counts + ")" : counts + ": " + explanation + ")";
    }
}
