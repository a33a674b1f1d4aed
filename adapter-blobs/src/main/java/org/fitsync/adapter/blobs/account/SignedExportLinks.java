package org.fitsync.adapter.blobs.account;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.fitsync.domain.UserId;
import org.fitsync.domain.account.ExportId;
import org.fitsync.ports.out.account.SignExportLinkPort;

/**
 * Download links for FitSync's own endpoint, {@code GET /api/v1/exports/{id}/download?user=&expires=&signature=},
 * signed as upload URLs are ({@code SignedUploadUrls}): an HMAC-SHA256 with the node secret
 * ({@code FITSYNC_FILES_SECRET}, shared by every node) over the export id, the user and the expiry, so
 * any node serves the link, for that one export, until it expires. The message carries its own
 * purpose, so an upload signature is never a download signature. The user travels base64url-encoded.
 */
public final class SignedExportLinks implements SignExportLinkPort {

    private final byte[] key;
    private final Supplier<URI> publicUrl;

    /** {@code secret}: the node secret; {@code publicUrl}: where clients reach FitSync (asked per link). */
    public SignedExportLinks(String secret, Supplier<URI> publicUrl) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
        this.publicUrl = publicUrl;
    }

    @Override
    public URI link(ExportId id, UserId user, Instant expiresAt) {
        String root = publicUrl.get().toString();
        String publicRoot = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        return URI.create(publicRoot + "/api/v1/exports/" + id + "/download?user=" + encodeUser(user) + "&expires="
                + expiresAt.getEpochSecond() + "&signature=" + signature(id, user, expiresAt));
    }

    @Override
    public boolean verify(ExportId id, UserId user, Instant expiresAt, String signature) {
        byte[] expected = signature(id, user, expiresAt).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** The {@code user} query parameter of a link for {@code user}. */
    public static String encodeUser(UserId user) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(user.value().getBytes(StandardCharsets.UTF_8));
    }

    String signature(ExportId id, UserId user, Instant expiresAt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String message = "fitsync account export download v1\u0000" + id + "\u0000" + user.value() + "\u0000"
                    + expiresAt.getEpochSecond();
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
