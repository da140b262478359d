package io.strato.platform.http;

import io.strato.platform.auth.TokenValidator;

/**
 * One OpenStack API endpoint as the HTTP host serves it: its routes, its fault format, its
 * body limit and the token validator that authenticates non-public routes.
 */
public record HttpService(
        String name,
        int port,
        Router router,
        FaultRenderer faults,
        long maxBodyBytes,
        TokenValidator tokens) {
}
