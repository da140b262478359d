package io.strato.identity.core;

import io.strato.identity.api.PolicyBlob;
import java.util.List;

/** The deprecated {@code /v3/policies} store. Strato enforces its own policy engine, not these blobs. */
public final class PolicyBlobManager {
    private final IdentityData data;

    public PolicyBlobManager(IdentityData data) {
        this.data = data;
    }

    public PolicyBlob create(PolicyBlob policy) {
        return data.write(s -> {
            data.policyBlobs.insert(s, policy);
            return policy;
        });
    }

    public PolicyBlob update(PolicyBlob policy) {
        return data.write(s -> {
            get(policy.id());
            data.policyBlobs.update(s, policy);
            return policy;
        });
    }

    public void delete(String id) {
        data.write(s -> {
            get(id);
            data.policyBlobs.delete(s, id);
            return null;
        });
    }

    public PolicyBlob get(String id) {
        return data.read(s -> data.policyBlobs.get(s, id)).orElseThrow(() -> IdentityErrors.notFound("policy", id));
    }

    public List<PolicyBlob> list() {
        return data.read(data.policyBlobs::list);
    }
}
