package io.strato.compute.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs weighers over candidate hosts with Nova's normalisation and orders the hosts best first. Equal
 * weights keep the candidates' order, so the outcome is deterministic.
 */
public final class HostWeighing {
    private final List<HostWeigher> weighers;

    public HostWeighing(List<HostWeigher> weighers) {
        this.weighers = List.copyOf(weighers);
    }

    public List<HostWeigher> weighers() {
        return weighers;
    }

    /** The hosts with their weights, highest weight first. */
    public List<WeighedHost> weigh(List<HostState> hosts, RequestSpec request) {
        double[] totals = totalWeights(hosts, request);
        List<WeighedHost> weighed = new ArrayList<>(hosts.size());
        for (int i = 0; i < hosts.size(); i++) {
            weighed.add(new WeighedHost(hosts.get(i), totals[i]));
        }
        weighed.sort(Comparator.comparingDouble(WeighedHost::weight).reversed());
        return weighed;
    }

    /**
     * The {@code count} best hosts, highest weight first, in the same order {@link #weigh} gives, without
     * sorting all candidates.
     */
    public List<WeighedHost> best(List<HostState> hosts, RequestSpec request, int count) {
        double[] totals = totalWeights(hosts, request);
        boolean[] taken = new boolean[hosts.size()];
        List<WeighedHost> best = new ArrayList<>(Math.min(count, hosts.size()));
        while (best.size() < count && best.size() < hosts.size()) {
            int chosen = -1;
            for (int i = 0; i < totals.length; i++) {
                if (!taken[i] && (chosen < 0 || totals[i] > totals[chosen])) {
                    chosen = i;
                }
            }
            taken[chosen] = true;
            best.add(new WeighedHost(hosts.get(chosen), totals[chosen]));
        }
        return best;
    }

    private double[] totalWeights(List<HostState> hosts, RequestSpec request) {
        double[] totals = new double[hosts.size()];
        double[] raw = new double[hosts.size()];
        for (HostWeigher weigher : weighers) {
            if (weigher.multiplier() == 0) {
                continue;
            }
            for (int i = 0; i < hosts.size(); i++) {
                raw[i] = weigher.rawWeight(hosts.get(i), request);
            }
            double[] normalised = normalise(raw);
            for (int i = 0; i < hosts.size(); i++) {
                totals[i] += weigher.multiplier() * normalised[i];
            }
        }
        return totals;
    }

    /**
     * Nova's {@code weights.normalize}: maps values linearly onto 0..1 (the minimum to 0, the maximum to 1);
     * when all values are equal, all become 0.
     */
    public static double[] normalise(double[] values) {
        double[] normalised = new double[values.length];
        if (values.length == 0) {
            return normalised;
        }
        double minimum = Double.POSITIVE_INFINITY;
        double maximum = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            minimum = Math.min(minimum, value);
            maximum = Math.max(maximum, value);
        }
        if (minimum == maximum) {
            return normalised;
        }
        double range = maximum - minimum;
        for (int i = 0; i < values.length; i++) {
            normalised[i] = (values[i] - minimum) / range;
        }
        return normalised;
    }
}
