package io.strato.identity.core;

import io.strato.platform.http.ApiException;

/** Keystone's error messages, in one place so every API says the same thing. */
public final class IdentityErrors {
    private IdentityErrors() {
    }

    public static ApiException notFound(String kind, String id) {
        return ApiException.notFound("Could not find " + kind + ": " + id + ".");
    }

    public static ApiException duplicate(String kind, String detail) {
        return ApiException.conflict("Conflict occurred attempting to store " + kind + " - " + detail);
    }

    public static ApiException unauthorized() {
        return ApiException.unauthorized("The request you have made requires authentication.");
    }

    public static ApiException forbiddenAction(String action) {
        return ApiException.forbidden("You are not authorized to perform the requested action: " + action + ".");
    }

    public static ApiException validation(String message) {
        return ApiException.badRequest(message);
    }
}
