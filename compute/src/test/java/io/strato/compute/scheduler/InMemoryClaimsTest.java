package io.strato.compute.scheduler;

/** The claims contract on the in-memory ledger. */
class InMemoryClaimsTest extends ClaimsContract {
    @Override
    protected Claims newClaims() {
        return new InMemoryClaims();
    }
}
