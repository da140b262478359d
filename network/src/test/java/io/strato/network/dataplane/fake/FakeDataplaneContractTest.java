package io.strato.network.dataplane.fake;

import io.strato.network.dataplane.Dataplane;
import io.strato.network.dataplane.DataplaneContract;

class FakeDataplaneContractTest extends DataplaneContract {
    private final FakeDataplane dataplane = new FakeDataplane();

    @Override
    protected Dataplane dataplane() {
        return dataplane;
    }

    @Override
    protected String prefix() {
        return "stnt0000";
    }
}
