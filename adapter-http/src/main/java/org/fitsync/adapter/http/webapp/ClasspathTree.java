package org.fitsync.adapter.http.webapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files under a classpath folder, read whole: from the build's output folder in tests and from
 * inside the jar when packaged, so the web app's files need no list kept beside them.
 */
final class ClasspathTree {

    private ClasspathTree() {}

    /** Each file under {@code folder} (a classpath path ending in {@code /}) by its path below it. */
    static Map<String, byte[]> read(ClassLoader loader, String folder) {
        URL url = loader.getResource(folder);
        if (url == null) {
            throw new IllegalStateException("the classpath holds no folder " + folder);
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                return readFromJar(uri);
            }
            return readTree(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read " + url, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }

    private static Map<String, byte[]> readFromJar(URI uri) throws IOException {
        try {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return readTree(jar.provider().getPath(uri));
            }
        } catch (FileSystemAlreadyExistsException e) {
            // Someone else holds the jar open as a file system: read through theirs, leave it open.
            return readTree(FileSystems.getFileSystem(uri).provider().getPath(uri));
        }
    }

    private static Map<String, byte[]> readTree(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isRegularFile(path)) {
                    String relative = root.relativize(path).toString().replace('\\', '/');
                    files.put(relative, Files.readAllBytes(path));
                }
            }
        }
        return files;
    }
}
