package org.fitsync.adapter.files.xml;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes an XML document's bytes before the parser sees them: the JDK's parser prints a line to
 * standard error for every badly encoded file, and FitSync answers those as values instead. The charset
 * is the byte-order mark's, else the XML declaration's, else UTF-8; bytes that do not decode become
 * U+FFFD, so junk ends as malformed XML or as values that do not parse.
 */
final class XmlCharset {

    private static final int PEEK = 256;
    private static final Pattern DECLARED =
            Pattern.compile("^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]{1,40})[\"']");

    private XmlCharset() {}

    static Reader decode(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(PEEK);
        byte[] head = buffered.readNBytes(PEEK);
        buffered.reset();
        Charset charset = StandardCharsets.UTF_8;
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            buffered.skipNBytes(3);
        } else if (startsWith(head, 0xFE, 0xFF)) {
            buffered.skipNBytes(2);
            charset = StandardCharsets.UTF_16BE;
        } else if (startsWith(head, 0xFF, 0xFE)) {
            buffered.skipNBytes(2);
            charset = StandardCharsets.UTF_16LE;
        } else {
            charset = declared(new String(head, StandardCharsets.ISO_8859_1));
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new InputStreamReader(buffered, decoder);
    }

    private static Charset declared(String head) {
        Matcher matcher = DECLARED.matcher(head);
        if (!matcher.find()) {
            return StandardCharsets.UTF_8;
        }
        try {
            Charset named = Charset.forName(matcher.group(1));
            // A declaration read as Latin-1 can only name a charset that reads it alike.
            return named.equals(StandardCharsets.UTF_16) || named.name().startsWith("UTF-16")
                    ? StandardCharsets.UTF_8
                    : named;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static boolean startsWith(byte[] head, int... prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((head[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
