package io.strato.identity.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A trust: the trustor delegates roles on a project to the trustee (OS-TRUST). */
public record Trust(String id, String trustorUserId, String trusteeUserId, String projectId, boolean impersonation,
        Instant expiresAt, Integer remainingUses, String redelegatedTrustId, Integer redelegationCount,
        List<String> roleIds, Map<String, Object> extra) {
}
