package io.strato.compute.metadata;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the metadata service answers for a path.
 *
 * @param content the body
 * @param contentType {@code application/json} or {@code text/plain}
 */
public record MetadataResponse(byte[] content, String contentType) {
    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain";

    public MetadataResponse {
        content = Objects.requireNonNull(content, "content").clone();
        Objects.requireNonNull(contentType, "contentType");
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MetadataResponse that
                && Arrays.equals(content, that.content) && contentType.equals(that.contentType);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(content) * 31 + contentType.hashCode();
    }

    @Override
    public String toString() {
        return "MetadataResponse[" + contentType + ", " + content.length + " bytes]";
    }
}
