/**
 * The sync client's local store on SQLite: one database file per user, written in WAL mode with full
 * synchronous commits, so a transaction that returned survives a killed process and a power cut.
 * {@link org.fitsync.client.jvm.sqlite.SqliteStores} is the entry point.
 */
package org.fitsync.client.jvm.sqlite;
