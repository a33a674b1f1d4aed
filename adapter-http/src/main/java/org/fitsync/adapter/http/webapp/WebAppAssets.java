package org.fitsync.adapter.http.webapp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;

/**
 * The web app's files, read once at start: the app's own (the web-app module's {@code fitsync/web-app/})
 * and the libraries it uses (from their WebJars). Each is served under a name carrying a hash of its content,
 * so a browser may keep it for a year and a new release is fetched at once; each is gzipped here once rather
 * than on every request.
 */
public final class WebAppAssets {

    static final String APP_FOLDER = "fitsync/web-app/";
    static final String PAGE = "index.html";

    /** Library files the app loads, under the names it asks for, from the WebJar and path inside it. */
    private static final List<Vendored> VENDORED = List.of(
            new Vendored("vendor/leaflet.js", "leaflet", "dist/leaflet.js"),
            new Vendored("vendor/leaflet.css", "leaflet", "dist/leaflet.css"),
            new Vendored("vendor/uPlot.js", "uplot", "dist/uPlot.iife.min.js"),
            new Vendored("vendor/uPlot.css", "uplot", "dist/uPlot.min.css"));

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "html", "text/html; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json",
            "webmanifest", "application/manifest+json");

    /**
     * One file: its bytes plain and gzipped, and the strong validator of its content. The bytes are shared,
     * never copied per request: nothing writes to them after loading.
     */
    public static final class Asset {
        private final String contentType;
        private final byte[] plain;
        private final byte[] gzipped;
        private final String etag;

        Asset(String contentType, byte[] plain, byte[] gzipped, String etag) {
            this.contentType = contentType;
            this.plain = plain;
            this.gzipped = gzipped;
            this.etag = etag;
        }

        public String contentType() {
            return contentType;
        }

        byte[] plain() {
            return plain;
        }

        byte[] gzipped() {
            return gzipped;
        }

        /** How many bytes a browser that accepts gzip receives. */
        public int compressedSize() {
            return gzipped.length;
        }

        public String etag() {
            return etag;
        }
    }

    private final Map<String, Asset> byName;
    private final Map<String, String> hashedNames;
    private final byte[] pageTemplate;

    private WebAppAssets(Map<String, Asset> byName, Map<String, String> hashedNames, byte[] pageTemplate) {
        this.byName = Map.copyOf(byName);
        this.hashedNames = Map.copyOf(hashedNames);
        this.pageTemplate = pageTemplate;
    }

    /** Reads the app's files and its libraries' from {@code loader}'s classpath. */
    public static WebAppAssets load(ClassLoader loader) {
        Map<String, byte[]> files = new LinkedHashMap<>(ClasspathTree.read(loader, APP_FOLDER));
        byte[] page = files.remove(PAGE);
        if (page == null) {
            throw new IllegalStateException(APP_FOLDER + PAGE + " is missing");
        }
        for (Vendored vendored : VENDORED) {
            files.put(vendored.name(), vendored.read(loader));
        }
        Map<String, Asset> byName = new LinkedHashMap<>();
        Map<String, String> hashedNames = new LinkedHashMap<>();
        files.forEach((name, bytes) -> {
            String digest = sha256Hex(bytes);
            Asset asset = new Asset(contentType(name), bytes, gzip(bytes), '"' + digest.substring(0, 32) + '"');
            String hashed = hashedName(name, digest.substring(0, 12));
            byName.put(name, asset);
            byName.put(hashed, asset);
            hashedNames.put(name, hashed);
        });
        return new WebAppAssets(byName, hashedNames, page);
    }

    /** The file a request for {@code name} (below {@code /app/assets/}, hashed or not) means. */
    public Optional<Asset> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Whether {@code name} carries its content's hash (so its response never changes). */
    public boolean isHashed(String name) {
        return hashedNames.containsValue(name);
    }

    /** Each file's name and the hashed name it is served under. */
    public Map<String, String> hashedNames() {
        return hashedNames;
    }

    byte[] pageTemplate() {
        return pageTemplate.clone();
    }

    static Asset asset(String contentType, byte[] plain) {
        return new Asset(contentType, plain, gzip(plain), '"' + sha256Hex(plain).substring(0, 32) + '"');
    }

    static String sha256Base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(sha256(bytes));
    }

    private static String hashedName(String name, String hash) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        return dot > slash ? name.substring(0, dot) + '.' + hash + name.substring(dot) : name + '.' + hash;
    }

    private static String contentType(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A file from a WebJar: its version is read from the WebJar's own Maven metadata, never repeated here. */
    private record Vendored(String name, String webJar, String path) {

        byte[] read(ClassLoader loader) {
            String resource = "META-INF/resources/webjars/" + webJar + "/" + version(loader) + "/" + path;
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the classpath lacks " + resource);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }

        private String version(ClassLoader loader) {
            String metadata = "META-INF/maven/org.webjars.npm/" + webJar + "/pom.properties";
            try (InputStream in = loader.getResourceAsStream(metadata)) {
                if (in == null) {
                    throw new IllegalStateException("the classpath lacks the WebJar " + webJar);
                }
                Properties properties = new Properties();
                properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
                return properties.getProperty("version");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + metadata, e);
            }
        }
    }
}
