package io.strato.identity.rest;

import io.strato.identity.core.CatalogManager;
import io.strato.identity.core.DelegationManager;
import io.strato.identity.core.PolicyBlobManager;
import io.strato.identity.core.ResourceManager;
import io.strato.identity.core.RoleAssignments;
import io.strato.identity.core.RoleManager;
import io.strato.identity.core.TokenManager;
import io.strato.identity.core.UserManager;
import io.strato.platform.http.FaultRenderer;
import io.strato.platform.http.Router;
import io.strato.platform.policy.PolicyEngine;

/** Registers every Identity v3 route. */
public final class IdentityRoutes {
    private final TokenManager tokens;
    private final ResourceManager resources;
    private final UserManager users;
    private final RoleManager roles;
    private final CatalogManager catalog;
    private final DelegationManager delegations;
    private final RoleAssignments assignments;
    private final Authorizer authorizer;
    private final PolicyBlobManager policyBlobs;

    public IdentityRoutes(TokenManager tokens, ResourceManager resources, UserManager users, RoleManager roles,
            CatalogManager catalog, DelegationManager delegations, RoleAssignments assignments,
            PolicyBlobManager policyBlobs, PolicyEngine policy) {
        this.policyBlobs = policyBlobs;
        this.tokens = tokens;
        this.resources = resources;
        this.users = users;
        this.roles = roles;
        this.catalog = catalog;
        this.delegations = delegations;
        this.assignments = assignments;
        this.authorizer = new Authorizer(policy);
    }

    public void register(Router router) {
        new VersionResource().register(router);
        new AuthResource(tokens, catalog, resources, roles, delegations, authorizer, assignments).register(router);
        new DirectoryResource(resources, users, authorizer).register(router);
        new UserResource(users, resources, assignments, authorizer).register(router);
        new RoleResource(roles, users, resources, assignments, authorizer).register(router);
        new CatalogResource(catalog, authorizer).register(router);
        new DelegationResource(delegations, roles, users, resources, authorizer).register(router);
        new PolicyBlobResource(policyBlobs, authorizer).register(router);
    }

    public static FaultRenderer faults() {
        return new KeystoneFaults();
    }
}
