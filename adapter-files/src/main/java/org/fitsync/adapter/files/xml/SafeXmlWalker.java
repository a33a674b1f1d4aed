package org.fitsync.adapter.files.xml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.fitsync.domain.files.FileReading;

/**
 * Streams an XML document through a {@link Handler} with the JDK's own StAX reader, refusing what an
 * activity file never needs and an attacker always does: a document type declaration (and with it every
 * entity, so neither billion laughs nor external entities are expanded or fetched), nesting deeper than a
 * bound, and text values longer than {@link #MAX_TEXT} (kept short: the rest is dropped).
 *
 * <p>Elements are matched by local name, so GPX 1.0 and 1.1 and the versions of Garmin's extensions read
 * alike.
 */
public final class SafeXmlWalker {

    /** No value FitSync reads (a time, a number, a short name) comes near this. */
    public static final int MAX_TEXT = 256;

    private final int maxDepth;

    public SafeXmlWalker(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** Receives the document's elements; after each call the walker stops if {@link #failure()} is set. */
    public interface Handler {

        /** {@code path} holds the local names from the root to this element (included). */
        void start(List<String> path, XMLStreamReader reader);

        /** {@code text} is the element's own text, trimmed and cut to {@link #MAX_TEXT} characters. */
        void end(List<String> path, String text);

        Optional<FileReading.Unreadable> failure();
    }

    /**
     * Walks the document; answers why it is unreadable, or empty when it was walked to its end. An
     * IOException of the stream (including a size cap's) is thrown as it is.
     */
    public Optional<FileReading.Unreadable> walk(InputStream content, Handler handler) throws IOException {
        FailureKeepingStream in = new FailureKeepingStream(content);
        XMLStreamReader reader;
        try {
            reader = factory().createXMLStreamReader(XmlCharset.decode(in));
        } catch (XMLStreamException e) {
            in.rethrowFailure();
            return Optional.of(malformed(e));
        }
        List<String> path = new ArrayList<>();
        List<String> readOnlyPath = Collections.unmodifiableList(path);
        StringBuilder text = new StringBuilder();
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.DTD,
                            XMLStreamConstants.ENTITY_REFERENCE,
                            XMLStreamConstants.ENTITY_DECLARATION -> {
                        return Optional.of(new FileReading.Unreadable(
                                "unsafe_xml",
                                "the file declares a document type or entities, which activity files never do"));
                    }
                    case XMLStreamConstants.START_ELEMENT -> {
                        path.add(reader.getLocalName());
                        if (path.size() > maxDepth) {
                            return Optional.of(new FileReading.Unreadable(
                                    "corrupt", "the XML nests deeper than " + maxDepth + " elements"));
                        }
                        text.setLength(0);
                        handler.start(readOnlyPath, reader);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (text.length() < MAX_TEXT) {
                            String chunk = reader.getText();
                            text.append(chunk, 0, Math.min(chunk.length(), MAX_TEXT - text.length()));
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        handler.end(readOnlyPath, text.toString().trim());
                        text.setLength(0);
                        path.remove(path.size() - 1);
                    }
                    default -> {
                        // comments, processing instructions, the document's start and end
                    }
                }
                Optional<FileReading.Unreadable> failure = handler.failure();
                if (failure.isPresent()) {
                    return failure;
                }
            }
            return Optional.empty();
        } catch (XMLStreamException e) {
            // The parser reports a failing stream (a size cap, a damaged gzip) as malformed XML, not
            // always with the stream's exception attached: the stream remembers it.
            in.rethrowFailure();
            return Optional.of(malformed(e));
        } finally {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // closing a reader releases nothing the stream's owner does not close itself
            }
        }
    }

    private static XMLInputFactory factory() {
        // The JDK's own implementation, whatever StAX provider the class path brings.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        // Problems are answered as values; the parser is not to print them (or the file's bytes) itself.
        factory.setXMLReporter((message, type, info, location) -> {});
        return factory;
    }

    /** Remembers the first IOException its stream threw, whatever the parser makes of it. */
    private static final class FailureKeepingStream extends FilterInputStream {
        private IOException failure;

        FailureKeepingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw keep(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                throw keep(e);
            }
        }

        private IOException keep(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }

        void rethrowFailure() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Names the place only: a parser's message may quote the file's content. */
    private static FileReading.Unreadable malformed(XMLStreamException e) {
        Location location = e.getLocation();
        String where = location == null
                ? ""
                : " (line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ")";
        return new FileReading.Unreadable("corrupt", "the file is not well-formed XML" + where);
    }
}
