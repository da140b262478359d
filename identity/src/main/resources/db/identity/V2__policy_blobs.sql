-- The deprecated /v3/policies store: opaque policy documents (blob, type) kept for clients.
CREATE TABLE identity_policy_blob (
    id VARCHAR(64) PRIMARY KEY,
    type VARCHAR(255) NOT NULL,
    blob TEXT NOT NULL,
    extra TEXT NOT NULL
);
