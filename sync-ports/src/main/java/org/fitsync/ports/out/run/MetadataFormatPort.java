package org.fitsync.ports.out.run;

/**
 * What the run store can keep as a run's metadata. Metadata pushed through sync arrives as JSON text
 * nobody has parsed; the runs table keeps a JSON object, and a text it would refuse must be turned
 * away before the push writes anything. Parsing JSON is the adapter's, so the domain stays free of it.
 */
public interface MetadataFormatPort {

    /** Whether {@code json} is one JSON object, and one the store can keep as it is. */
    boolean isStorableObject(String json);
}
