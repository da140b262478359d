package io.strato.compute.scheduler;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to place: Nova's {@code RequestSpec}.
 *
 * @param flavor what each instance needs
 * @param imageProperties the image's properties, e.g. {@code hw_architecture=x86_64}, {@code img_hv_type=qemu}
 * @param availabilityZone the requested zone, or {@code null} for any
 * @param serverGroup the server group the instances join, or {@code null}
 * @param instanceIds ids of the instances to place, one per instance requested (Nova's {@code num_instances})
 * @param ignoreHosts hosts not to use, e.g. those a build already failed on (retries)
 * @param forcedHost the host an administrator forced, or {@code null}; only resource filters run then
 */
public record RequestSpec(RequestedFlavor flavor, Map<String, String> imageProperties, String availabilityZone,
                          ServerGroup serverGroup, List<String> instanceIds, Set<String> ignoreHosts,
                          String forcedHost) {
    public RequestSpec {
        Objects.requireNonNull(flavor, "flavor");
        imageProperties = imageProperties == null ? Map.of() : Map.copyOf(imageProperties);
        instanceIds = List.copyOf(Objects.requireNonNull(instanceIds, "instanceIds"));
        if (instanceIds.isEmpty()) {
            throw new IllegalArgumentException("a request places at least one instance");
        }
        if (Set.copyOf(instanceIds).size() != instanceIds.size()) {
            throw new IllegalArgumentException("instance ids must be distinct: " + instanceIds);
        }
        ignoreHosts = ignoreHosts == null ? Set.of() : Set.copyOf(ignoreHosts);
    }

    /** A request for one instance of a flavor, with no image properties, zone, group or host hints. */
    public static RequestSpec of(RequestedFlavor flavor, String instanceId) {
        return new RequestSpec(flavor, Map.of(), null, null, List.of(instanceId), Set.of(), null);
    }

    /** How many instances to place. */
    public int instanceCount() {
        return instanceIds.size();
    }

    public RequestSpec withImageProperties(Map<String, String> properties) {
        return new RequestSpec(flavor, properties, availabilityZone, serverGroup, instanceIds, ignoreHosts, forcedHost);
    }

    public RequestSpec withAvailabilityZone(String zone) {
        return new RequestSpec(flavor, imageProperties, zone, serverGroup, instanceIds, ignoreHosts, forcedHost);
    }

    public RequestSpec withServerGroup(ServerGroup group) {
        return new RequestSpec(flavor, imageProperties, availabilityZone, group, instanceIds, ignoreHosts, forcedHost);
    }

    public RequestSpec withInstanceIds(List<String> ids) {
        return new RequestSpec(flavor, imageProperties, availabilityZone, serverGroup, ids, ignoreHosts, forcedHost);
    }

    public RequestSpec withIgnoreHosts(Set<String> hosts) {
        return new RequestSpec(flavor, imageProperties, availabilityZone, serverGroup, instanceIds, hosts, forcedHost);
    }

    public RequestSpec withForcedHost(String host) {
        return new RequestSpec(flavor, imageProperties, availabilityZone, serverGroup, instanceIds, ignoreHosts, host);
    }
}
