package org.fitsync.adapter.http.sync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A pull's response, written while the pull holds its database snapshot and sent to the client
 * afterwards, so a slow client never holds a connection (docs/adr/0024). Up to {@code memoryBytes}
 * stay on the heap (most incremental pulls); a larger response goes to a temporary file in
 * {@code directory}, opened with {@link StandardOpenOption#DELETE_ON_CLOSE} (unlinked at once on
 * POSIX systems, so not even a crash leaves health data behind), which keeps a 100,000-record first
 * sync off a small heap.
 */
final class PullSpool implements AutoCloseable {

    private static final int COPY_BUFFER = 16 * 1024;

    private final Path directory;
    private final int memoryBytes;
    private final ByteArrayOutputStream memory = new ByteArrayOutputStream(1024);
    private FileChannel file;
    private OutputStream fileOut;
    private long size;

    PullSpool(Path directory, int memoryBytes) {
        this.directory = directory;
        this.memoryBytes = memoryBytes;
    }

    /** Where the response is written; closing it only flushes (the spool is read afterwards). */
    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                append(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                if (fileOut != null) {
                    fileOut.flush();
                }
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private void append(byte[] bytes, int offset, int length) throws IOException {
        if (fileOut == null && memory.size() + length > memoryBytes) {
            Path path = Files.createTempFile(directory, "fitsync-pull-", ".json");
            file = FileChannel.open(
                    path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
            fileOut = new java.io.BufferedOutputStream(Channels.newOutputStream(file), COPY_BUFFER);
            memory.writeTo(fileOut);
            memory.reset();
        }
        if (fileOut != null) {
            fileOut.write(bytes, offset, length);
        } else {
            memory.write(bytes, offset, length);
        }
        size += length;
    }

    /** Bytes written so far: the response's length once the pull is done. */
    long size() {
        return size;
    }

    /** Copies the whole spool to {@code out}; blocks as long as the client takes to read it. */
    void sendTo(OutputStream out) throws IOException {
        if (fileOut == null) {
            memory.writeTo(out);
            return;
        }
        fileOut.flush();
        file.position(0);
        // Not closed: closing the channel's stream would close (and so delete) the file before close().
        InputStream in = Channels.newInputStream(file);
        byte[] buffer = new byte[COPY_BUFFER];
        long left = size;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("pull spool ended early");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    /** Deletes the spool's file, if it has one. */
    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
