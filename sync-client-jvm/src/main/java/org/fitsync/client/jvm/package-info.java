/** sync-client's ports for the JVM: SQLite, java.net.http, an HTTP connectivity probe and an executor scheduler. */
package org.fitsync.client.jvm;
