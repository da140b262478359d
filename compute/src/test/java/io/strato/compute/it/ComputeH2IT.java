package io.strato.compute.it;

import io.strato.platform.testing.TestDatabases;

/** The compute API contract on the embedded H2 database. */
class ComputeH2IT extends ComputeContractIT {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
