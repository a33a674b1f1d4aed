package org.fitsync.domain.archviolation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A deliberate violation, for ArchitectureTest: a domain type carrying a framework annotation. */
public record DomainUsingJackson(@JsonProperty("name") String name) {}
