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
 * resident memory ({@code VmRSS}, which also holds Jetty's direct buffers and the stacks) and its
 * threads ({@code Threads:}), both from {@code /proc/<pid>/status}.
 */
record ServerFootprint(long heapBytes, long residentBytes, int threads) {

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
        long heap = 0;
        for (String line : metrics.lines().toList()) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
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
        return new ServerFootprint(heap, resident, threads);
    }
}
