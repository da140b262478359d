package io.strato.platform.http;

/** Handles one routed request. */
@FunctionalInterface
public interface Handler {
    Response handle(Request request) throws Exception;
}
