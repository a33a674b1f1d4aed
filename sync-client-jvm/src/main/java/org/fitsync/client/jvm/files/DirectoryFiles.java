package org.fitsync.client.jvm.files;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.fitsync.client.local.LocalFiles;

/**
 * Queued activity files on the filesystem: a directory per user (named, like the user's database, by the
 * SHA-256 of the user id), a file per id. A file is written under a temporary name, forced to the disk,
 * renamed into place and the directory forced too, so a file that {@link #put} returned survives a power
 * cut and a half-written one is never taken for a whole one.
 */
public final class DirectoryFiles implements LocalFiles {

    private static final String SUFFIX = ".file";
    private static final String PARTIAL = ".part";

    private final Path directory;

    public DirectoryFiles(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public void put(String userId, UUID fileId, InputStream bytes) throws IOException {
        Path dir = Files.createDirectories(userDirectory(userId));
        Path partial = dir.resolve(fileId + PARTIAL);
        try (FileChannel channel = FileChannel.open(
                partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            bytes.transferTo(out);
            out.flush();
            channel.force(true);
        }
        Files.move(
                partial, fileOf(userId, fileId), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
    }

    @Override
    public InputStream open(String userId, UUID fileId) throws IOException {
        try {
            return Files.newInputStream(fileOf(userId, fileId));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("no local copy of the file " + fileId);
        }
    }

    @Override
    public void delete(String userId, UUID fileId) throws IOException {
        Files.deleteIfExists(fileOf(userId, fileId));
        Files.deleteIfExists(userDirectory(userId).resolve(fileId + PARTIAL));
    }

    @Override
    public List<UUID> list(String userId) throws IOException {
        List<UUID> ids = new ArrayList<>();
        Path dir = userDirectory(userId);
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String bare = name.endsWith(SUFFIX)
                        ? name.substring(0, name.length() - SUFFIX.length())
                        : name.endsWith(PARTIAL) ? name.substring(0, name.length() - PARTIAL.length()) : null;
                if (bare != null) {
                    try {
                        UUID id = UUID.fromString(bare);
                        if (!ids.contains(id)) {
                            ids.add(id);
                        }
                    } catch (IllegalArgumentException e) {
                        // Not one of ours: left alone.
                    }
                }
            }
        }
        return ids;
    }

    /** Where the file of that id lives once {@link #put} returned. */
    public Path fileOf(String userId, UUID fileId) {
        return userDirectory(userId).resolve(fileId + SUFFIX);
    }

    private Path userDirectory(String userId) {
        return directory.resolve(sha256(userId));
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; their file systems journal the entry instead.
        }
    }

    private static String sha256(String userId) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
