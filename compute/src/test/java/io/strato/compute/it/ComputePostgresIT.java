package io.strato.compute.it;

import io.strato.platform.testing.TestDatabases;

/** The compute API contract on PostgreSQL (loopback server). */
class ComputePostgresIT extends ComputeContractIT {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
