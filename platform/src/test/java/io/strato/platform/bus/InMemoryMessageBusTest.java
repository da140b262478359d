package io.strato.platform.bus;

class InMemoryMessageBusTest extends MessageBusContract {
    @Override
    protected MessageBus openBus() {
        return new InMemoryMessageBus();
    }
}
