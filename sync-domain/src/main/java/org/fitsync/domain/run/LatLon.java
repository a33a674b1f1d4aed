package org.fitsync.domain.run;

/** A position in degrees (WGS 84). */
public record LatLon(double lat, double lon) {}
