package org.fitsync.adapter.files;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.fitsync.adapter.files.CappedInputStream.InputTooLargeException;
import org.fitsync.adapter.files.fit.FitActivityDecoder;
import org.fitsync.adapter.files.gpx.GpxReader;
import org.fitsync.adapter.files.tcx.TcxReader;
import org.fitsync.domain.files.FileFormat;
import org.fitsync.domain.files.FileReading;
import org.fitsync.ports.out.files.ReadActivityFilePort;

/**
 * Reads FIT, GPX and TCX activity files, each also gzip-compressed (recognised by its magic bytes
 * {@code 1f 8b}, whatever the file is called), within {@link ActivityFileLimits}: no more than
 * {@code maxFileBytes} of content is ever read, so a decompression bomb costs that much and no more.
 *
 * <p>A FIT file is read whole into memory (at most {@code maxFileBytes}) since its CRC covers all of it;
 * GPX and TCX are streamed. Memory otherwise grows with the samples kept, bounded by
 * {@code maxSamples}. The reader keeps no state between files: one instance serves every thread.
 */
public final class ActivityFileReader implements ReadActivityFilePort {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final ActivityFileLimits limits;

    public ActivityFileReader(ActivityFileLimits limits) {
        this.limits = limits;
    }

    public ActivityFileReader() {
        this(ActivityFileLimits.defaults());
    }

    @Override
    public FileReading read(InputStream bytes, FileFormat format) throws IOException {
        BufferedInputStream in = new BufferedInputStream(bytes);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first < 0) {
            return new FileReading.Unreadable("empty", "the file is empty");
        }
        boolean gzip = first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
        try {
            InputStream content = gzip ? new GZIPInputStream(in) : in;
            return readContent(new CappedInputStream(content, limits.maxFileBytes()), format);
        } catch (InputTooLargeException e) {
            return new FileReading.Unreadable(
                    "too_large",
                    "the " + (gzip ? "decompressed " : "") + "file exceeds " + limits.maxFileBytes() + " bytes");
        } catch (ZipException e) {
            if (!gzip) {
                throw e;
            }
            return new FileReading.Unreadable("corrupt", "the gzip compression is damaged");
        } catch (EOFException e) {
            if (!gzip) {
                throw e;
            }
            return new FileReading.Unreadable("truncated", "the gzip stream ends before its end");
        } catch (RuntimeException e) {
            // A defect of a reader must not take the caller down with a hostile file: it is that file's
            // problem as far as the caller can tell. The message may quote content and is not kept.
            return new FileReading.Unreadable(
                    "corrupt", "the file could not be decoded (" + e.getClass().getSimpleName() + ")");
        }
    }

    private FileReading readContent(InputStream content, FileFormat format) throws IOException {
        return switch (format) {
            case FIT -> FitActivityDecoder.decode(content.readAllBytes(), limits.maxSamples());
            case GPX -> emptyOr(content, new GpxReader(limits.maxXmlDepth(), limits.maxSamples())::read);
            case TCX -> emptyOr(content, new TcxReader(limits.maxXmlDepth(), limits.maxSamples())::read);
            case ZIP -> new FileReading.Unreadable("unsupported", "an archive is read entry by entry, not as one file");
        };
    }

    private interface XmlRead {
        FileReading read(InputStream in) throws IOException;
    }

    /** A gzip file may decompress to nothing; an XML parser would call that malformed, it is empty. */
    private static FileReading emptyOr(InputStream content, XmlRead reader) throws IOException {
        BufferedInputStream in = new BufferedInputStream(content);
        in.mark(1);
        if (in.read() < 0) {
            return new FileReading.Unreadable("empty", "the file is empty");
        }
        in.reset();
        return reader.read(in);
    }
}
