package org.fitsync.adapter.blobs.s3;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the S3 store keeps blobs: a bucket in a region, optionally at another endpoint (an
 * S3-compatible server, reached path-style since its buckets have no DNS names), with an access key
 * or else the SDK's default credentials chain, and a key prefix so one bucket can serve several
 * deployments. {@code sha256Checksums}: whether puts carry {@code x-amz-checksum-sha256} so the store
 * itself refuses other bytes (S3 does; some S3-compatible servers, S3Proxy among them, answer such a
 * put {@code 501 NotImplemented}).
 */
public record S3Location(
        String bucket,
        String region,
        Optional<URI> endpoint,
        Optional<AccessKey> accessKey,
        String prefix,
        boolean sha256Checksums) {

    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(prefix, "prefix");
    }

    /** A static access key; its secret stays out of {@link #toString()}. */
    public record AccessKey(String id, String secret) {

        public AccessKey {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "AccessKey[id=" + id + "]";
        }
    }
}
