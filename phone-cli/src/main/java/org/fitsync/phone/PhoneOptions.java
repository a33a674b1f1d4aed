package org.fitsync.phone;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the phone keeps its data, which server it syncs with, and as whom. */
public final class PhoneOptions {

    @Option(
            names = "--data",
            defaultValue = "${env:FITSYNC_PHONE_DATA:-${sys:user.home}/.fitsync-phone}",
            description = "Directory of the local stores (one database per user). Default: ${DEFAULT-VALUE}")
    Path data;

    @Option(
            names = "--server",
            defaultValue = "${env:FITSYNC_SERVER:-http://localhost:7070}",
            description = "FitSync server. Default: ${DEFAULT-VALUE}")
    URI server;

    @Option(
            names = "--user",
            defaultValue = "${env:FITSYNC_USER}",
            required = true,
            description = "The signed-in user (the token's subject); env FITSYNC_USER.")
    String user;

    @Option(
            names = "--token",
            defaultValue = "${env:FITSYNC_TOKEN}",
            description = "Bearer token (e.g. from `fitsync.jar token --user alice`); env FITSYNC_TOKEN. "
                    + "Needed only by commands that reach the server.")
    String token;
}
