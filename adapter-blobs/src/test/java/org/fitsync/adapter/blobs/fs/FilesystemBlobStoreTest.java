package org.fitsync.adapter.blobs.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.BlobFacts;
import org.fitsync.domain.files.BlobKey;
import org.fitsync.domain.files.FileId;
import org.fitsync.domain.files.Sha256;
import org.fitsync.ports.out.files.StoreBlobPort.BlobWrite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemBlobStoreTest {

    @TempDir
    Path dir;

    private final BlobKey key = new BlobKey(new UserId("alice/../bob"), FileId.random());
    private final byte[] bytes = "<gpx/>".getBytes(StandardCharsets.UTF_8);

    private BlobFacts facts(byte[] b) throws Exception {
        return new BlobFacts(
                b.length, Sha256.of(MessageDigest.getInstance("SHA-256").digest(b)));
    }

    @Test
    void keepsOnlyBytesThatMatchTheDeclaration() throws Exception {
        FilesystemBlobStore store = new FilesystemBlobStore(dir);
        BlobFacts declared = facts(bytes);
        assertThat(store.store(
                        key,
                        new ByteArrayInputStream("<gpx>".getBytes(StandardCharsets.UTF_8)),
                        Optional.of(declared),
                        100))
                .isInstanceOf(BlobWrite.Mismatch.class);
        assertThat(store.store(
                        key,
                        new ByteArrayInputStream("<gpX/>".getBytes(StandardCharsets.UTF_8)),
                        Optional.of(declared),
                        100))
                .isInstanceOf(BlobWrite.Mismatch.class);
        assertThat(store.store(key, new ByteArrayInputStream(bytes), Optional.of(declared), 3))
                .isEqualTo(new BlobWrite.TooLarge(3));
        assertThat(store.open(key)).isEmpty();
        try (var leftovers = Files.list(dir.resolve(".incoming"))) {
            assertThat(leftovers).isEmpty();
        }

        assertThat(store.store(key, new ByteArrayInputStream(bytes), Optional.of(declared), 100))
                .isEqualTo(new BlobWrite.Stored(declared));
        assertThat(store.path(key)).startsWith(dir);
        try (InputStream in = store.open(key).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(store.inspect(key)).contains(declared);
        store.delete(key);
        assertThat(store.inspect(key)).isEmpty();
    }

    @Test
    void uploadUrlsAreSignedForOneFileUserAndExpiry() {
        SignedUploadUrls urls =
                new SignedUploadUrls("a-secret-of-at-least-32-bytes-long!!", () -> URI.create("https://fit.example/"));
        Instant expires = Instant.parse("2026-11-20T08:15:00Z");
        var target = urls.uploadTarget(key, new BlobFacts(6, new Sha256("a".repeat(64))), expires);
        assertThat(target.url().toString())
                .startsWith("https://fit.example/api/v1/files/" + key.id() + "/content?user=");
        String signature = target.url().getQuery().replaceAll(".*signature=", "");
        assertThat(urls.verify(key, expires, signature)).isTrue();
        assertThat(urls.verify(key, expires.plusSeconds(1), signature)).isFalse();
        assertThat(urls.verify(new BlobKey(new UserId("mallory"), key.id()), expires, signature))
                .isFalse();
        assertThat(new SignedUploadUrls("another-secret-of-at-least-32-bytes", () -> URI.create("https://x"))
                        .verify(key, expires, signature))
                .isFalse();
    }
}
