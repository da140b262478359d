package io.strato.platform.http;

/** Renders an {@link ApiException} as the service's OpenStack fault body. */
@FunctionalInterface
public interface FaultRenderer {
    Response render(ApiException error);
}
