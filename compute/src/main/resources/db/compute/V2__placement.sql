-- The claim ledger (placement's resource providers and allocations) shared by every scheduler and
-- conductor process. A claim locks its host's provider row (SELECT ... FOR UPDATE), checks
-- total * ratio - used - allocated per resource class and inserts the allocations in one transaction;
-- the generation goes up with every change to a provider's inventory or allocations.
CREATE TABLE compute_resource_provider (
    host VARCHAR(255) PRIMARY KEY,
    vcpu_total BIGINT NOT NULL,
    vcpu_used BIGINT NOT NULL,
    vcpu_allocation_ratio DOUBLE PRECISION NOT NULL,
    memory_mb_total BIGINT NOT NULL,
    memory_mb_used BIGINT NOT NULL,
    memory_mb_allocation_ratio DOUBLE PRECISION NOT NULL,
    disk_gb_total BIGINT NOT NULL,
    disk_gb_used BIGINT NOT NULL,
    disk_gb_allocation_ratio DOUBLE PRECISION NOT NULL,
    generation BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- One row per claimed resource class (zero amounts included, so every claim has its rows); the primary
-- key keeps an instance's allocations on one host even when two processes claim for it at once.
CREATE TABLE compute_allocation (
    instance_id VARCHAR(255) NOT NULL,
    resource_class VARCHAR(32) NOT NULL,
    host VARCHAR(255) NOT NULL REFERENCES compute_resource_provider(host) ON DELETE CASCADE,
    amount BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (instance_id, resource_class)
);
CREATE INDEX compute_allocation_host ON compute_allocation (host, resource_class);
