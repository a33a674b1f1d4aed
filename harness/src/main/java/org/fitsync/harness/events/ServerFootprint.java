package org.fitsync.harness.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What a server process holds: its heap in use right after a full collection ({@code jcmd GC.run},
 * then the server's own {@code jvm_memory_used_bytes{area="heap"}} from {@code /metrics}), its
 * direct buffers in use (Jetty's, {@code jvm_buffer_memory_used_bytes{id="direct"}}), its resident
 * memory ({@code VmRSS}: also the heap the JVM has committed and not used) and its threads
 * ({@code Threads:}), both from {@code /proc/<pid>/status}.
 */
record ServerFootprint(long heapBytes, long directBytes, long residentBytes, int threads) {

    static ServerFootprint of(HttpClient http, URI base, long pid) throws IOException, InterruptedException {
        Process gc = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!gc.waitFor(2, TimeUnit.MINUTES) || gc.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " GC.run failed");
        }
        String metrics = http.send(
                        HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        long heap = sum(metrics, "jvm_memory_used_bytes{", "area=\"heap\"");
        long direct = sum(metrics, "jvm_buffer_memory_used_bytes{", "id=\"direct\"");
        int threads = 0;
        long resident = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.substring(8).trim());
            } else if (line.startsWith("VmRSS:")) {
                resident = 1024
                        * Long.parseLong(line.substring(6).replace("kB", "").trim());
            }
        }
        return new ServerFootprint(heap, direct, resident, threads);
    }

    /** The sum of the Prometheus samples of {@code metric} whose labels include {@code label}. */
    private static long sum(String metrics, String metric, String label) {
        long sum = 0;
        for (String line : metrics.lines().toList()) {
            if (line.startsWith(metric) && line.contains(label)) {
                sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
