package org.fitsync.client.remote;

import java.io.IOException;
import java.io.InputStream;

/** Opens the bytes of a file to send; called again for each attempt, so a retried upload starts over. */
@FunctionalInterface
public interface FileBytes {

    InputStream open() throws IOException;
}
