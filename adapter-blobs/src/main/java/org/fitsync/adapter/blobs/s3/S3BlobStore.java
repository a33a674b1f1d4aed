package org.fitsync.adapter.blobs.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fitsync.domain.files.BlobFacts;
import org.fitsync.domain.files.BlobKey;
import org.fitsync.domain.files.Sha256;
import org.fitsync.domain.files.UploadTarget;
import org.fitsync.ports.out.files.DeleteBlobPort;
import org.fitsync.ports.out.files.InspectBlobPort;
import org.fitsync.ports.out.files.IssueUploadTargetPort;
import org.fitsync.ports.out.files.OpenBlobPort;
import org.fitsync.ports.out.files.StoreBlobPort;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Blobs in S3-compatible object storage, at {@code <prefix><base64url(user)>/<file id>} (an account
 * export's zip at {@code <prefix><base64url(user)>/exports/<export id>}; the layout of
 * the filesystem store; no filename in the key). Clients put bytes straight into the bucket at a
 * presigned {@code PUT} that binds {@code Content-Length} and {@code x-amz-checksum-sha256} (the declared
 * SHA-256) into the signature, so S3 itself refuses other bytes; they never pass through FitSync.
 * Completing such an upload asks {@link #inspect} for size and hash, which reads the object once and
 * hashes it: that holds against any S3-compatible server, not only those that check and keep checksums.
 *
 * <p>Bytes FitSync receives itself (the direct upload) are spooled to a local temporary file while
 * counted and hashed, and put into the bucket only when they match; the put carries their length and
 * SHA-256, so the store checks them again on arrival. Nothing is held in memory whole.
 */
public final class S3BlobStore
        implements StoreBlobPort, InspectBlobPort, OpenBlobPort, DeleteBlobPort, IssueUploadTargetPort, AutoCloseable {

    private static final int BUFFER = 64 * 1024;
    private static final String CONTENT_TYPE = "application/octet-stream";

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;
    private final boolean sha256Checksums;
    private final Path spool;
    private final Clock clock;

    private S3BlobStore(S3Client s3, S3Presigner presigner, S3Location location, Path spool, Clock clock) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = location.bucket();
        this.prefix = location.prefix();
        this.sha256Checksums = location.sha256Checksums();
        this.spool = spool;
        this.clock = clock;
    }

    /**
     * A store for {@code location}, spooling direct uploads under {@code spool}; {@code clock} dates the
     * presigned URLs' lifetimes. Connects lazily: a wrong bucket or key shows on first use.
     */
    public static S3BlobStore connect(S3Location location, Path spool, Clock clock) throws IOException {
        Files.createDirectories(spool);
        AwsCredentialsProvider credentials = location.accessKey()
                .<AwsCredentialsProvider>map(
                        key -> StaticCredentialsProvider.create(AwsBasicCredentials.create(key.id(), key.secret())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        Region region = Region.of(location.region());
        // Path-style for another endpoint: an S3-compatible server's buckets have no DNS names of their own.
        boolean pathStyle = location.endpoint().isPresent();
        S3ClientBuilder client = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(pathStyle)
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60))
                        .build())
                // Checksums only where an operation requires them: FitSync sends SHA-256 itself, and the
                // SDK's default CRC32 trailers are not understood by every S3-compatible server.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        S3Presigner.Builder presigner = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(pathStyle)
                        .build());
        location.endpoint().ifPresent(endpoint -> {
            client.endpointOverride(endpoint);
            presigner.endpointOverride(endpoint);
        });
        return new S3BlobStore(client.build(), presigner.build(), location, spool, clock);
    }

    @Override
    public BlobWrite store(BlobKey key, InputStream bytes, Optional<BlobFacts> expected, long maxBytes)
            throws IOException {
        Path temp = Files.createTempFile(spool, "upload-", ".part");
        try {
            MessageDigest digest = sha256();
            long size = 0;
            try (OutputStream out = Files.newOutputStream(temp);
                    DigestInputStream in = new DigestInputStream(bytes, digest)) {
                byte[] buffer = new byte[BUFFER];
                int read;
                while ((read = in.read(buffer)) != -1) {
                    size += read;
                    if (size > maxBytes) {
                        return new BlobWrite.TooLarge(maxBytes);
                    }
                    out.write(buffer, 0, read);
                }
            }
            byte[] hash = digest.digest();
            BlobFacts facts = new BlobFacts(size, Sha256.of(hash));
            if (expected.isPresent() && expected.get().size() != facts.size()) {
                return new BlobWrite.Mismatch("received " + facts.size() + " bytes, declared "
                        + expected.get().size());
            }
            if (expected.isPresent() && !expected.get().sha256().equals(facts.sha256())) {
                return new BlobWrite.Mismatch("the SHA-256 of the bytes received differs from the declared one");
            }
            PutObjectRequest put = PutObjectRequest.builder()
                    .bucket(bucket)
                    .key(objectKey(key))
                    .contentType(CONTENT_TYPE)
                    .contentLength(size)
                    .checksumSHA256(sha256Checksums ? Base64.getEncoder().encodeToString(hash) : null)
                    .build();
            sdk(() -> s3.putObject(put, RequestBody.fromFile(temp)));
            return new BlobWrite.Stored(facts);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<BlobFacts> inspect(BlobKey key) throws IOException {
        Optional<InputStream> opened = open(key);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        MessageDigest digest = sha256();
        long size = 0;
        try (InputStream in = opened.get()) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = in.read(buffer)) != -1) {
                digest.update(buffer, 0, read);
                size += read;
            }
        }
        return Optional.of(new BlobFacts(size, Sha256.of(digest.digest())));
    }

    @Override
    public Optional<InputStream> open(BlobKey key) throws IOException {
        try {
            return Optional.of(sdk(() -> s3.getObject(get -> get.bucket(bucket).key(objectKey(key)))));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(BlobKey key) throws IOException {
        // Deleting a key that is not there succeeds in S3: nothing to tell apart.
        sdk(() -> s3.deleteObject(delete -> delete.bucket(bucket).key(objectKey(key))));
    }

    @Override
    public UploadTarget uploadTarget(BlobKey key, BlobFacts expected, Instant expiresAt) {
        Duration life = Duration.between(clock.instant(), expiresAt);
        if (life.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("an upload URL must live at least a second");
        }
        PresignedPutObjectRequest presigned = presigner.presignPutObject(request -> request.signatureDuration(life)
                .putObjectRequest(put -> put.bucket(bucket)
                        .key(objectKey(key))
                        .contentType(CONTENT_TYPE)
                        .contentLength(expected.size())
                        .checksumSHA256(sha256Checksums ? base64(expected.sha256()) : null)));
        return new UploadTarget(
                URI.create(presigned.url().toString()), "PUT", headers(presigned.signedHeaders()), expiresAt);
    }

    /** The object key of a blob. */
    public String objectKey(BlobKey key) {
        String user = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(key.user().value().getBytes(StandardCharsets.UTF_8));
        String kind = key.kind() == BlobKey.Kind.ACCOUNT_EXPORT ? "exports/" : "";
        return prefix + user + "/" + kind + key.id();
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    /** The signed headers a client must send, but {@code Host}, which every HTTP client sends itself. */
    private static Map<String, String> headers(Map<String, List<String>> signed) {
        Map<String, String> headers = new LinkedHashMap<>();
        signed.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(canonical(name), String.join(",", values));
            }
        });
        return headers;
    }

    private static String canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("content-type")) {
            return "Content-Type";
        }
        if (lower.equals("content-length")) {
            return "Content-Length";
        }
        return lower;
    }

    private static String base64(Sha256 sha256) {
        String hex = sha256.hex();
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private interface SdkCall<T> {
        T run();
    }

    /**
     * Failures of the store as the ports' {@link IOException}; a missing key stays itself for callers
     * that answer "nothing there".
     */
    private static <T> T sdk(SdkCall<T> call) throws IOException {
        try {
            return call.run();
        } catch (NoSuchKeyException e) {
            throw e;
        } catch (S3Exception e) {
            throw new IOException(
                    "object storage refused the request: " + e.statusCode() + " "
                            + Optional.ofNullable(e.awsErrorDetails())
                                    .map(details -> details.errorCode())
                                    .orElse("?"),
                    e);
        } catch (SdkException | UncheckedIOException e) {
            throw new IOException("object storage could not be reached", e);
        }
    }
}
