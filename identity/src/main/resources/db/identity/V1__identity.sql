-- Identity (Keystone v3) schema. Timestamps are epoch microseconds (revocation times: milliseconds); "extra" holds a JSON object
-- of the additional attributes a client set on the resource.
CREATE TABLE identity_domain (
    id VARCHAR(64) PRIMARY KEY,
    name VARCHAR(64) NOT NULL UNIQUE,
    enabled BOOLEAN NOT NULL,
    description TEXT,
    extra TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE identity_project (
    id VARCHAR(64) PRIMARY KEY,
    name VARCHAR(64) NOT NULL,
    domain_id VARCHAR(64) NOT NULL REFERENCES identity_domain(id),
    parent_id VARCHAR(64) REFERENCES identity_project(id),
    enabled BOOLEAN NOT NULL,
    description TEXT,
    extra TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (domain_id, name)
);

CREATE TABLE identity_project_tag (
    project_id VARCHAR(64) NOT NULL REFERENCES identity_project(id) ON DELETE CASCADE,
    tag VARCHAR(255) NOT NULL,
    PRIMARY KEY (project_id, tag)
);

CREATE TABLE identity_user (
    id VARCHAR(64) PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    domain_id VARCHAR(64) NOT NULL REFERENCES identity_domain(id),
    enabled BOOLEAN NOT NULL,
    default_project_id VARCHAR(64),
    description TEXT,
    extra TEXT NOT NULL,
    options TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_active_at BIGINT,
    failed_auth_count INT NOT NULL DEFAULT 0,
    failed_auth_at BIGINT,
    UNIQUE (domain_id, name)
);

CREATE TABLE identity_password (
    user_id VARCHAR(64) NOT NULL REFERENCES identity_user(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    hash VARCHAR(255) NOT NULL,
    expires_at BIGINT,
    self_service BOOLEAN NOT NULL,
    PRIMARY KEY (user_id, created_at)
);

CREATE TABLE identity_group (
    id VARCHAR(64) PRIMARY KEY,
    name VARCHAR(64) NOT NULL,
    domain_id VARCHAR(64) NOT NULL REFERENCES identity_domain(id),
    description TEXT,
    extra TEXT NOT NULL,
    UNIQUE (domain_id, name)
);

CREATE TABLE identity_membership (
    user_id VARCHAR(64) NOT NULL REFERENCES identity_user(id) ON DELETE CASCADE,
    group_id VARCHAR(64) NOT NULL REFERENCES identity_group(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, group_id)
);

-- domain_key is the role's domain id, or '' for a global role, so names are unique per domain.
CREATE TABLE identity_role (
    id VARCHAR(64) PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    domain_key VARCHAR(64) NOT NULL,
    description TEXT,
    extra TEXT NOT NULL,
    options TEXT NOT NULL,
    UNIQUE (domain_key, name)
);

CREATE TABLE identity_implied_role (
    prior_role_id VARCHAR(64) NOT NULL REFERENCES identity_role(id) ON DELETE CASCADE,
    implied_role_id VARCHAR(64) NOT NULL REFERENCES identity_role(id) ON DELETE CASCADE,
    PRIMARY KEY (prior_role_id, implied_role_id)
);

-- kind: UserProject, GroupProject, UserDomain, GroupDomain, UserSystem, GroupSystem.
CREATE TABLE identity_assignment (
    kind VARCHAR(16) NOT NULL,
    actor_id VARCHAR(64) NOT NULL,
    target_id VARCHAR(64) NOT NULL,
    role_id VARCHAR(64) NOT NULL REFERENCES identity_role(id) ON DELETE CASCADE,
    inherited BOOLEAN NOT NULL,
    PRIMARY KEY (kind, actor_id, target_id, role_id, inherited)
);
CREATE INDEX identity_assignment_target ON identity_assignment (target_id);
CREATE INDEX identity_assignment_actor ON identity_assignment (actor_id);

CREATE TABLE identity_region (
    id VARCHAR(255) PRIMARY KEY,
    description TEXT,
    parent_region_id VARCHAR(255),
    extra TEXT NOT NULL
);

CREATE TABLE identity_service (
    id VARCHAR(64) PRIMARY KEY,
    type VARCHAR(255) NOT NULL,
    enabled BOOLEAN NOT NULL,
    extra TEXT NOT NULL
);

CREATE TABLE identity_endpoint (
    id VARCHAR(64) PRIMARY KEY,
    service_id VARCHAR(64) NOT NULL REFERENCES identity_service(id),
    interface VARCHAR(8) NOT NULL,
    url TEXT NOT NULL,
    region_id VARCHAR(255),
    enabled BOOLEAN NOT NULL,
    extra TEXT NOT NULL
);

CREATE TABLE identity_app_credential (
    id VARCHAR(64) PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    user_id VARCHAR(64) NOT NULL REFERENCES identity_user(id) ON DELETE CASCADE,
    project_id VARCHAR(64),
    secret_hash VARCHAR(255) NOT NULL,
    description TEXT,
    expires_at BIGINT,
    unrestricted BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (user_id, name)
);

CREATE TABLE identity_app_credential_role (
    app_credential_id VARCHAR(64) NOT NULL REFERENCES identity_app_credential(id) ON DELETE CASCADE,
    role_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (app_credential_id, role_id)
);

CREATE TABLE identity_trust (
    id VARCHAR(64) PRIMARY KEY,
    trustor_user_id VARCHAR(64) NOT NULL,
    trustee_user_id VARCHAR(64) NOT NULL,
    project_id VARCHAR(64),
    impersonation BOOLEAN NOT NULL,
    expires_at BIGINT,
    remaining_uses INT,
    redelegated_trust_id VARCHAR(64),
    redelegation_count INT,
    deleted_at BIGINT,
    extra TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE identity_trust_role (
    trust_id VARCHAR(64) NOT NULL REFERENCES identity_trust(id) ON DELETE CASCADE,
    role_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (trust_id, role_id)
);

CREATE TABLE identity_credential (
    id VARCHAR(64) PRIMARY KEY,
    user_id VARCHAR(64) NOT NULL,
    project_id VARCHAR(64),
    type VARCHAR(255) NOT NULL,
    encrypted_blob TEXT NOT NULL,
    extra TEXT NOT NULL
);
CREATE INDEX identity_credential_user ON identity_credential (user_id);

-- Revocation events, as Keystone keeps them: a token matches an event when every non-null
-- attribute of the event equals the token's and the token was issued at or before issued_before.
CREATE TABLE identity_revocation (
    id BIGINT PRIMARY KEY,
    user_id VARCHAR(64),
    project_id VARCHAR(64),
    domain_id VARCHAR(64),
    audit_id VARCHAR(64),
    audit_chain_id VARCHAR(64),
    trust_id VARCHAR(64),
    app_credential_id VARCHAR(64),
    issued_before BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
