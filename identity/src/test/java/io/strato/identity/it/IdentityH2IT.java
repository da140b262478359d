package io.strato.identity.it;

import io.strato.platform.testing.TestDatabases;

/** The identity contract on the embedded H2 database. */
class IdentityH2IT extends IdentityContractIT {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
