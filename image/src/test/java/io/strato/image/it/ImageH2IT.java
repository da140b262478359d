package io.strato.image.it;

import io.strato.platform.testing.TestDatabases;

/** The image contract on the embedded H2 database. */
class ImageH2IT extends ImageContractIT {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
