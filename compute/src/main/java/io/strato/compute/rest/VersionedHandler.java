package io.strato.compute.rest;

import io.strato.compute.core.ComputeCaller;
import io.strato.platform.http.Microversion;
import io.strato.platform.http.Request;
import io.strato.platform.http.Response;

/** A compute API handler: the request, the negotiated microversion, and the caller with its policy credentials. */
@FunctionalInterface
interface VersionedHandler {
    Response handle(Request request, Microversion version, ComputeCaller caller) throws Exception;
}
