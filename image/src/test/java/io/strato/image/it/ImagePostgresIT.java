package io.strato.image.it;

import io.strato.platform.testing.TestDatabases;

/** The image contract on PostgreSQL (loopback server). */
class ImagePostgresIT extends ImageContractIT {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
