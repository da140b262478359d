package io.strato.identity.api;

/** A role granted to a user or group on a project, a domain or the system. */
public record Assignment(ActorType actorType, String actorId, TargetType targetType, String targetId, String roleId,
        boolean inherited) {

    /** Who holds the role. */
    public enum ActorType { USER, GROUP }

    /** Where the role applies; the system target's id is {@code all}. */
    public enum TargetType { PROJECT, DOMAIN, SYSTEM }

    public String kind() {
        return (actorType == ActorType.USER ? "User" : "Group")
                + switch (targetType) {
                    case PROJECT -> "Project";
                    case DOMAIN -> "Domain";
                    case SYSTEM -> "System";
                };
    }

    public static Assignment fromKind(String kind, String actorId, String targetId, String roleId, boolean inherited) {
        ActorType actor = kind.startsWith("User") ? ActorType.USER : ActorType.GROUP;
        TargetType target = kind.endsWith("Project") ? TargetType.PROJECT
                : kind.endsWith("Domain") ? TargetType.DOMAIN : TargetType.SYSTEM;
        return new Assignment(actor, actorId, target, targetId, roleId, inherited);
    }
}
