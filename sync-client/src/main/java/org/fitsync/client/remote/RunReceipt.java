package org.fitsync.client.remote;

import java.util.UUID;

/** {@code POST /api/v1/runs} took the run: {@code created} on {@code 201}, false on an idempotent {@code 200}. */
public record RunReceipt(UUID id, boolean created) {}
