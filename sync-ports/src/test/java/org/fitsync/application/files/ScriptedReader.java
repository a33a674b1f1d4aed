package org.fitsync.application.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.fitsync.domain.files.FileFormat;
import org.fitsync.domain.files.FileReading;
import org.fitsync.ports.out.files.ReadActivityFilePort;

/** A reader answering what the test scripted for a file's bytes (as text); anything else is corrupt. */
final class ScriptedReader implements ReadActivityFilePort {

    private final Map<String, FileReading> readings = new HashMap<>();
    int reads;

    synchronized void answer(String bytes, FileReading reading) {
        readings.put(bytes, reading);
    }

    @Override
    public synchronized FileReading read(InputStream bytes, FileFormat format) throws IOException {
        reads++;
        String text = new String(bytes.readAllBytes(), StandardCharsets.UTF_8);
        return readings.getOrDefault(text, new FileReading.Unreadable("corrupt", "not a file this test knows"));
    }
}
