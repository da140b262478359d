package io.strato.compute.rest;

import io.strato.compute.core.ComputeCaller;
import io.strato.compute.core.ComputePolicy;
import io.strato.compute.core.FlavorManager;
import io.strato.compute.core.KeypairManager;
import io.strato.compute.core.QuotaManager;
import io.strato.platform.http.ApiException;
import io.strato.platform.http.FaultRenderer;
import io.strato.platform.http.Handler;
import io.strato.platform.http.Microversion;
import io.strato.platform.http.Router;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Registers the compute API routes under {@code /v2.1}, each also under {@code /v2.1/{project_id}}
 * for catalogs that still carry the project in the endpoint. Every versioned route negotiates the
 * microversion, builds the caller's policy credentials and answers with the version headers, faults included.
 */
public final class ComputeRoutes {
    static final String PREFIX = "/v2.1";

    private final ComputePolicy policy;
    private final FlavorManager flavors;
    private final KeypairManager keypairs;
    private final QuotaManager quotas;
    private final String availabilityZone;

    public ComputeRoutes(ComputePolicy policy, FlavorManager flavors, KeypairManager keypairs, QuotaManager quotas,
            String availabilityZone) {
        this.policy = policy;
        this.flavors = flavors;
        this.keypairs = keypairs;
        this.quotas = quotas;
        this.availabilityZone = availabilityZone;
    }

    public void register(Router router) {
        new VersionsResource().register(router);
        Routes routes = new Routes(router, policy);
        new FlavorResource(policy, flavors).register(routes);
        new FlavorAccessResource(policy, flavors).register(routes);
        new ExtraSpecsResource(policy, flavors).register(routes);
        new KeypairResource(policy, keypairs).register(routes);
        new AvailabilityZoneResource(policy, availabilityZone).register(routes);
        new LimitsResource(policy, quotas).register(routes);
        new QuotaSetResource(policy, quotas).register(routes);
    }

    public static FaultRenderer faults() {
        return new NovaFaults();
    }

    /** Adds versioned routes under both prefixes. */
    static final class Routes {
        private final Router router;
        private final ComputePolicy policy;

        Routes(Router router, ComputePolicy policy) {
            this.router = router;
            this.policy = policy;
        }

        void add(String method, String path, VersionedHandler handler) {
            router.add(method, PREFIX + path, wrap(handler, false), false);
            router.add(method, PREFIX + "/{project_id}" + path, wrap(handler, true), false);
        }

        private Handler wrap(VersionedHandler handler, boolean projectInUrl) {
            return request -> {
                Microversion version = ComputeVersions.RANGE.negotiate(request);
                try {
                    ComputeCaller caller = policy.caller(request.auth());
                    if (projectInUrl && !request.pathParam("project_id").equals(caller.projectId())) {
                        throw ApiException.badRequest("Malformed request URL: URL's project_id '"
                                + request.pathParam("project_id") + "' doesn't match Context's project_id '"
                                + caller.projectId() + "'");
                    }
                    return ComputeVersions.RANGE.addHeaders(handler.handle(request, version, caller), version);
                } catch (ApiException e) {
                    Map<String, String> headers = new LinkedHashMap<>(e.headers());
                    headers.putAll(ComputeVersions.RANGE.headers(version));
                    throw new ApiException(e.status(), e.getMessage(), headers);
                }
            };
        }
    }
}
