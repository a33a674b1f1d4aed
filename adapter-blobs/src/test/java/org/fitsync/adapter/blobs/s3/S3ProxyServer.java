package org.fitsync.adapter.blobs.s3;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy, a server that speaks the S3 protocol, run as a process of its own from the jar the build
 * copies to {@code target/s3proxy/s3proxy.jar} (its Jetty and Jackson would clash with Javalin's on one
 * classpath), keeping objects in a temporary directory. It checks V4 signatures, presigned ones too.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String BUCKET = "fitsync-test";
    public static final String ACCESS_KEY = "fitsync-access";
    public static final String SECRET_KEY = "fitsync-secret-0123456789";

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private S3ProxyServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Starts S3Proxy from {@code jar} with one empty bucket, {@link #BUCKET}, under {@code dir}. */
    public static S3ProxyServer start(Path jar, Path dir) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar.toAbsolutePath() + " is missing: the build copies it in the test phase");
        }
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(data.resolve(BUCKET));
        int port = freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", endpoint.toString());
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", ACCESS_KEY);
        properties.setProperty("s3proxy.credential", SECRET_KEY);
        properties.setProperty("jclouds.provider", "filesystem");
        properties.setProperty("jclouds.filesystem.basedir", data.toString());
        Path file = dir.resolve("s3proxy.properties");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "S3Proxy for FitSync's tests");
        }
        Path log = dir.resolve("s3proxy.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java, "-Xmx256m", "-jar", jar.toAbsolutePath().toString(), "--properties", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        S3ProxyServer server = new S3ProxyServer(process, endpoint, log);
        try {
            server.awaitPort(port, Duration.ofSeconds(60));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Where FitSync's store keeps blobs on this server, with a prefix of the test's choosing. */
    public S3Location location(String prefix) {
        return new S3Location(
                BUCKET,
                "us-east-1",
                Optional.of(endpoint),
                Optional.of(new S3Location.AccessKey(ACCESS_KEY, SECRET_KEY)),
                prefix,
                false);
    }

    private void awaitPort(int port, Duration patience) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + ": " + logText());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 500);
                return;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException(
                            "S3Proxy did not open port " + port + " within " + patience + ": " + logText());
                }
                // The process is starting: poll the port again after a short pause.
                Thread.sleep(100);
            }
        }
    }

    private String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
