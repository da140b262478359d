/**
 * What a guest learns about itself: the instance metadata documents Nova serves from its
 * metadata service and writes on a config drive. {@link io.strato.compute.metadata.InstanceMetadata}
 * holds the facts, {@link io.strato.compute.metadata.MetadataDocuments} renders
 * {@code meta_data.json}, {@code network_data.json}, vendor data, user data and the EC2 tree for
 * every format version in {@link io.strato.compute.metadata.MetadataVersions},
 * {@link io.strato.compute.metadata.MetadataTree} answers metadata service paths, and
 * {@link io.strato.compute.metadata.ConfigDriveBuilder} writes the {@code config-2} ISO the QEMU
 * driver attaches (see {@code InstanceSpec.configDrive}).
 */
package io.strato.compute.metadata;
