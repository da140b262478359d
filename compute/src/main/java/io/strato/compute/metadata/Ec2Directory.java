package io.strato.compute.metadata;

import java.util.Map;

/**
 * A directory in the EC2 meta-data tree that its parent lists under another name than its key:
 * Nova lists {@code public-keys/} as {@code 0=keyname} (no trailing slash).
 */
record Ec2Directory(String listingName, Map<String, Object> entries) {
}
