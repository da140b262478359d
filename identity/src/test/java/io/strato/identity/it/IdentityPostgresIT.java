package io.strato.identity.it;

import io.strato.platform.testing.TestDatabases;

/** The identity contract on PostgreSQL (loopback server). */
class IdentityPostgresIT extends IdentityContractIT {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
