package org.fitsync.domain.sync;

/** The column types of WatermelonDB's schema; structured values travel as JSON text in a string. */
public enum ColumnType {
    STRING,
    NUMBER,
    BOOLEAN
}
