package io.strato.image.blob;

/** The fake passes the same contract as the real store. */
class InMemoryBlobStoreTest extends BlobStoreContract {
    @Override
    BlobStore store() {
        return new InMemoryBlobStore();
    }
}
