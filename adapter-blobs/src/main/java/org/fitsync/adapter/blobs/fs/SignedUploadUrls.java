package org.fitsync.adapter.blobs.fs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.fitsync.domain.files.BlobFacts;
import org.fitsync.domain.files.BlobKey;
import org.fitsync.domain.files.UploadTarget;
import org.fitsync.ports.out.files.IssueUploadTargetPort;
import org.fitsync.ports.out.files.VerifyUploadGrantPort;

/**
 * Upload URLs for FitSync's own endpoint, {@code PUT /api/v1/files/{id}/content?user=&expires=&signature=}:
 * an HMAC-SHA256 with the node secret ({@code FITSYNC_FILES_SECRET}, shared by every node) over the
 * file id, the user and the expiry, so the URL is good for that one object until it expires and needs
 * no bearer token. The user travels base64url-encoded, since a user id may hold any character.
 */
public final class SignedUploadUrls implements IssueUploadTargetPort, VerifyUploadGrantPort {

    private final byte[] key;
    private final Supplier<URI> publicUrl;

    /** {@code secret}: the node secret; {@code publicUrl}: where clients reach FitSync (asked per URL). */
    public SignedUploadUrls(String secret, Supplier<URI> publicUrl) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
        this.publicUrl = publicUrl;
    }

    @Override
    public UploadTarget uploadTarget(BlobKey key, BlobFacts expected, Instant expiresAt) {
        String root = publicUrl.get().toString();
        String publicRoot = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        URI url = URI.create(publicRoot + "/api/v1/files/" + key.id() + "/content?user=" + encodeUser(key) + "&expires="
                + expiresAt.getEpochSecond() + "&signature=" + signature(key, expiresAt));
        return new UploadTarget(url, "PUT", Map.of("Content-Type", "application/octet-stream"), expiresAt);
    }

    @Override
    public boolean verify(BlobKey key, Instant expiresAt, String signature) {
        byte[] expected = signature(key, expiresAt).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** The {@code user} query parameter of an upload URL for {@code key}. */
    public static String encodeUser(BlobKey key) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(key.user().value().getBytes(StandardCharsets.UTF_8));
    }

    String signature(BlobKey blob, Instant expiresAt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String message = "fitsync file upload v1\u0000" + blob.id() + "\u0000"
                    + blob.user().value() + "\u0000" + expiresAt.getEpochSecond();
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
