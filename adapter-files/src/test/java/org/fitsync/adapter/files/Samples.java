package org.fitsync.adapter.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The sample files under {@code src/test/resources/samples} (see the README there for their origin). */
final class Samples {

    private Samples() {}

    static byte[] bytes(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
