package org.fitsync.browser;

/** Google's encoded polyline format: how many points an encoded line holds. */
final class Polyline {

    private Polyline() {}

    static int pointCount(String encoded) {
        int values = 0;
        for (int i = 0; i < encoded.length(); i++) {
            // Each value ends with a character below 0x20 + 63: its last five-bit chunk.
            if (encoded.charAt(i) - 63 < 0x20) {
                values++;
            }
        }
        return values / 2;
    }
}
