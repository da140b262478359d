package io.strato.identity;

import io.strato.identity.api.Assignment;
import io.strato.identity.api.Domain;
import io.strato.identity.api.Endpoint;
import io.strato.identity.api.Project;
import io.strato.identity.api.Region;
import io.strato.identity.api.Role;
import io.strato.identity.api.Service;
import io.strato.identity.api.User;
import io.strato.identity.core.CatalogManager;
import io.strato.identity.core.Ids;
import io.strato.identity.core.ResourceManager;
import io.strato.identity.core.RoleManager;
import io.strato.identity.core.UserManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * First-start set-up, as {@code keystone-manage bootstrap} and DevStack do it: the Default
 * domain, the admin, member and reader roles (admin implies member implies reader), the admin
 * and demo users and projects, the service project, and the catalog entries of the services
 * that run. Idempotent: a later start changes only the endpoint URLs.
 */
public final class IdentityBootstrap {
    /** A service the catalog should list, with the URL of each interface. */
    public record CatalogService(String type, String name, String description, String publicUrl, String internalUrl,
            String adminUrl) {
    }

    public static final String REGION = "RegionOne";

    private final ResourceManager resources;
    private final UserManager users;
    private final RoleManager roles;
    private final CatalogManager catalog;

    IdentityBootstrap(ResourceManager resources, UserManager users, RoleManager roles, CatalogManager catalog) {
        this.resources = resources;
        this.users = users;
        this.roles = roles;
        this.catalog = catalog;
    }

    /** True when the data dir has never been bootstrapped. */
    public boolean isFresh() {
        return resources.findDomain(ResourceManager.DEFAULT_DOMAIN_ID).isEmpty();
    }

    public void run(String adminPassword, String demoPassword, List<CatalogService> services) {
        String domain = ResourceManager.DEFAULT_DOMAIN_ID;
        if (resources.findDomain(domain).isEmpty()) {
            resources.createDomain(new Domain(domain, "Default", true, "The default domain", Map.of()));
        }
        Role reader = role("reader");
        Role member = role("member");
        Role admin = role("admin");
        role("service");
        if (!roles.implies(admin.id(), member.id())) {
            roles.addImplication(admin.id(), member.id());
        }
        if (!roles.implies(member.id(), reader.id())) {
            roles.addImplication(member.id(), reader.id());
        }
        Project adminProject = project("admin", "Bootstrap project for initializing the cloud.");
        project("service", "Project for the services' own users.");
        Project demoProject = project("demo", "A project for a cloud user to try things in.");
        User adminUser = user("admin", adminPassword, adminProject.id());
        User demoUser = user("demo", demoPassword, demoProject.id());
        roles.grant(new Assignment(Assignment.ActorType.USER, adminUser.id(), Assignment.TargetType.PROJECT,
                adminProject.id(), admin.id(), false));
        roles.grant(new Assignment(Assignment.ActorType.USER, adminUser.id(), Assignment.TargetType.SYSTEM, "all",
                admin.id(), false));
        roles.grant(new Assignment(Assignment.ActorType.USER, demoUser.id(), Assignment.TargetType.PROJECT,
                demoProject.id(), member.id(), false));
        registerCatalog(services);
    }

    /** Makes the catalog list each service with these URLs, replacing old URLs of the same service. */
    public void registerCatalog(List<CatalogService> services) {
        if (catalog.listRegions().stream().noneMatch(r -> r.id().equals(REGION))) {
            catalog.createRegion(new Region(REGION, "", null, Map.of()));
        }
        for (CatalogService wanted : services) {
            Service service = catalog.listServices().stream()
                    .filter(s -> s.type().equals(wanted.type()) && s.name().equals(wanted.name())).findFirst()
                    .orElseGet(() -> catalog.createService(new Service(Ids.newId(), wanted.type(), true,
                            Map.of("name", wanted.name(), "description", wanted.description()))));
            Map<String, String> urls = Map.of("public", wanted.publicUrl(), "internal", wanted.internalUrl(),
                    "admin", wanted.adminUrl());
            for (Map.Entry<String, String> entry : urls.entrySet()) {
                Optional<Endpoint> existing = catalog.listEndpoints().stream()
                        .filter(e -> e.serviceId().equals(service.id()) && e.interfaceName().equals(entry.getKey()))
                        .findFirst();
                if (existing.isEmpty()) {
                    catalog.createEndpoint(new Endpoint(Ids.newId(), service.id(), entry.getKey(), entry.getValue(),
                            REGION, true, Map.of()));
                } else if (!existing.get().url().equals(entry.getValue())) {
                    Endpoint e = existing.get();
                    catalog.updateEndpoint(new Endpoint(e.id(), e.serviceId(), e.interfaceName(), entry.getValue(),
                            e.regionId(), e.enabled(), e.extra()));
                }
            }
        }
    }

    private Role role(String name) {
        return roles.findByName(name, null)
                .orElseGet(() -> roles.create(new Role(Ids.newId(), name, null, null, Map.of(), Map.of())));
    }

    private Project project(String name, String description) {
        return resources.findProjectByName(ResourceManager.DEFAULT_DOMAIN_ID, name)
                .orElseGet(() -> resources.createProject(new Project(Ids.newId(), name,
                        ResourceManager.DEFAULT_DOMAIN_ID, null, true, description, List.of(), Map.of())));
    }

    private User user(String name, String password, String defaultProject) {
        return users.findByName(ResourceManager.DEFAULT_DOMAIN_ID, name)
                .orElseGet(() -> users.create(new User(Ids.newId(), name, ResourceManager.DEFAULT_DOMAIN_ID, true,
                        defaultProject, null, Map.of(), Map.of("ignore_password_expiry", true,
                                "ignore_change_password_upon_first_use", true), null), password));
    }
}
