package io.strato.compute.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Passes hosts whose hypervisor supports the image's architecture ({@code hw_architecture} or the old
 * {@code architecture}), hypervisor type ({@code img_hv_type} or {@code hypervisor_type}) and VM mode
 * ({@code hw_vm_mode} or {@code vm_mode}) as one of its supported instance kinds, and whose hypervisor
 * version satisfies {@code img_hv_requested_version} (or {@code hypervisor_version_requires}), e.g.
 * {@code >=6.0}. An image with none of these properties passes everywhere, as in Nova.
 */
public final class ImagePropertiesFilter implements HostFilter {
    @Override
    public boolean passes(HostState host, RequestSpec request) {
        if (request.imageProperties().isEmpty()) {
            return true;
        }
        ImageRequirements requirements = ImageRequirements.of(request.imageProperties());
        if (!requirements.versionSatisfiedBy(host.capabilities().hypervisorVersion())) {
            return false;
        }
        if (requirements.architecture == null && requirements.hypervisorType == null
                && requirements.virtualMachineMode == null) {
            return true;
        }
        return host.capabilities().supportedInstances().stream().anyMatch(requirements::matches);
    }

    @Override
    public String explainRejections(List<HostState> rejected, RequestSpec request) {
        return HostFilter.hostsThat(rejected.size(), "does", "do")
                + " not support the image's "
                + ImageRequirements.of(request.imageProperties()).describe();
    }

    private record ImageRequirements(String architecture, String hypervisorType, String virtualMachineMode,
                                     String versionRequirement, List<String> given) {
        static ImageRequirements of(Map<String, String> properties) {
            List<String> given = new ArrayList<>();
            String architecture = first(properties, given, "hw_architecture", "architecture");
            String hypervisorType = first(properties, given, "img_hv_type", "hypervisor_type");
            String mode = first(properties, given, "hw_vm_mode", "vm_mode");
            String version = first(properties, given, "img_hv_requested_version", "hypervisor_version_requires");
            return new ImageRequirements(
                    architecture == null ? null : SupportedInstance.canonicalArchitecture(architecture),
                    hypervisorType == null ? null : SupportedInstance.canonicalHypervisorType(hypervisorType),
                    mode == null ? null : SupportedInstance.canonicalVirtualMachineMode(mode), version, given);
        }

        private static String first(Map<String, String> properties, List<String> given, String... keys) {
            for (String key : keys) {
                String value = properties.get(key);
                if (value != null && !value.isBlank()) {
                    given.add(key + "=" + value);
                    return value;
                }
            }
            return null;
        }

        boolean matches(SupportedInstance supported) {
            return (architecture == null || architecture.equals(supported.architecture()))
                    && (hypervisorType == null || hypervisorType.equals(supported.hypervisorType()))
                    && (virtualMachineMode == null || virtualMachineMode.equals(supported.virtualMachineMode()));
        }

        /** Nova passes when either the requirement or the host's version is unknown. */
        boolean versionSatisfiedBy(long hostVersion) {
            if (versionRequirement == null || hostVersion == 0) {
                return true;
            }
            String requirement = versionRequirement.trim();
            String operator = requirement.replaceAll("^([<>=!]*).*$", "$1");
            long required = versionNumber(requirement.substring(operator.length()).trim());
            return switch (operator) {
                case ">=", "" -> hostVersion >= required;
                case ">" -> hostVersion > required;
                case "<=" -> hostVersion <= required;
                case "<" -> hostVersion < required;
                case "==", "=" -> hostVersion == required;
                case "!=" -> hostVersion != required;
                default -> false;
            };
        }

        String describe() {
            return String.join(", ", given);
        }

        /** Nova's integer version: {@code 6.2.1} is {@code 6002001}. */
        private static long versionNumber(String version) {
            String[] parts = version.split("\\.");
            long number = 0;
            for (int i = 0; i < 3; i++) {
                number *= 1000;
                if (i < parts.length) {
                    try {
                        number += Long.parseLong(parts[i].replaceAll("\\D.*", ""));
                    } catch (NumberFormatException e) {
                        // a non-numeric part counts as 0
                    }
                }
            }
            return number;
        }
    }
}
