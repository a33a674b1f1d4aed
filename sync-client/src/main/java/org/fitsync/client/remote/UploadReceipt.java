package org.fitsync.client.remote;

/** The signed URL took the bytes: its 2xx status (the body, if any, is the store's, not FitSync's). */
public record UploadReceipt(int status) {}
