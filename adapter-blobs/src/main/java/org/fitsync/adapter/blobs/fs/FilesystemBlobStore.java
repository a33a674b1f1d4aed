package org.fitsync.adapter.blobs.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.files.BlobFacts;
import org.fitsync.domain.files.BlobKey;
import org.fitsync.domain.files.Sha256;
import org.fitsync.ports.out.files.DeleteBlobPort;
import org.fitsync.ports.out.files.InspectBlobPort;
import org.fitsync.ports.out.files.OpenBlobPort;
import org.fitsync.ports.out.files.StoreBlobPort;

/**
 * Blobs on the filesystem, at {@code <root>/<user>/<file id>} (an account export's zip at
 * {@code <root>/<user>/exports/<export id>}) with the user directory's name the
 * base64url of the user id (a user id may hold any character, a path segment may not). An upload is
 * streamed into {@code <root>/.incoming/<random>} while counted and hashed, never held in memory, and
 * moved into place atomically only when it matches; what does not match is deleted. Several nodes
 * share the directory (a network filesystem) or each keeps its own when there is one node.
 */
public final class FilesystemBlobStore implements StoreBlobPort, InspectBlobPort, OpenBlobPort, DeleteBlobPort {

    private static final int BUFFER = 64 * 1024;

    private final Path root;
    private final Path incoming;

    public FilesystemBlobStore(Path root) throws IOException {
        this.root = root;
        this.incoming = root.resolve(".incoming");
        Files.createDirectories(incoming);
    }

    @Override
    public BlobWrite store(BlobKey key, InputStream bytes, Optional<BlobFacts> expected, long maxBytes)
            throws IOException {
        Path temp = incoming.resolve(UUID.randomUUID().toString());
        boolean kept = false;
        try {
            MessageDigest digest = sha256();
            long size = 0;
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW);
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
            BlobFacts facts = new BlobFacts(size, Sha256.of(digest.digest()));
            if (expected.isPresent() && expected.get().size() != facts.size()) {
                return new BlobWrite.Mismatch("received " + facts.size() + " bytes, declared "
                        + expected.get().size());
            }
            if (expected.isPresent() && !expected.get().sha256().equals(facts.sha256())) {
                return new BlobWrite.Mismatch("the SHA-256 of the bytes received differs from the declared one");
            }
            Path target = path(key);
            Files.createDirectories(target.getParent());
            move(temp, target);
            kept = true;
            return new BlobWrite.Stored(facts);
        } finally {
            if (!kept) {
                Files.deleteIfExists(temp);
            }
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
            return Optional.of(Files.newInputStream(path(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(BlobKey key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    /** Where a key's bytes live. */
    public Path path(BlobKey key) {
        String user = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(key.user().value().getBytes(StandardCharsets.UTF_8));
        Path userDir = root.resolve(user);
        // Exports sit in a subdirectory: "exports" is no UUID, so it never names an activity file.
        return key.kind() == BlobKey.Kind.ACCOUNT_EXPORT
                ? userDir.resolve("exports").resolve(key.id().toString())
                : userDir.resolve(key.id().toString());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
