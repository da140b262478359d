package io.strato.identity.api;

import java.util.Map;

/** A stored credential such as an EC2-style access/secret pair ({@code type} "ec2"). */
public record Credential(String id, String userId, String projectId, String type, String blob,
        Map<String, Object> extra) {
}
