package org.fitsync.client.schedule;

/**
 * Whether the server can be reached now, asked while the client is offline. A host with network
 * callbacks (Android's ConnectivityManager) calls {@code FitSyncClient.onConnectivityRegained()} as well.
 */
public interface ConnectivityProbe {

    boolean reachable();
}
