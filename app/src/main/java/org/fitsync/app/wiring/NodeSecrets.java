package org.fitsync.app.wiring;

import java.nio.file.Path;
import java.util.Optional;
import org.fitsync.app.config.AuthConfig;
import org.fitsync.app.config.FitSyncConfig;
import org.fitsync.app.config.ImportsConfig;
import org.fitsync.app.embedded.SecretFiles;

/**
 * The node's secrets: the configured ones, or ones generated once into the data directory. The
 * configuration requires them wherever a generated one would not do (several nodes on one database).
 */
public final class NodeSecrets {

    private NodeSecrets() {}

    /** The HS256 secret tokens are signed with: {@code FITSYNC_JWT_SECRET} or {@code <data dir>/jwt-secret}. */
    public static String jwtSecret(AuthConfig auth, Path dataDir) {
        return auth.jwtSecret().orElseGet(() -> SecretFiles.readOrCreate(dataDir.resolve("jwt-secret"), 48));
    }

    /**
     * The HS256 secret this node verifies tokens with, and so may sign them and sign-in links with; none
     * when it verifies with {@code FITSYNC_JWKS_URL} (an identity provider issues the tokens).
     */
    public static Optional<String> hs256Secret(AuthConfig auth, Path dataDir) {
        return auth.jwksUrl().isPresent() ? Optional.empty() : Optional.of(jwtSecret(auth, dataDir));
    }

    /** The key the run history cursors are derived from: {@code FITSYNC_CURSOR_SECRET}, else the JWT secret. */
    static String cursorSecret(FitSyncConfig config) {
        return config.runs().cursorSecret().orElseGet(() -> jwtSecret(config.auth(), config.dataDir()));
    }

    /**
     * The key upload URLs are signed with: {@code FITSYNC_FILES_SECRET}, else the JWT secret (configured,
     * so shared by every node, or generated into the data directory for one embedded node).
     */
    static String filesSecret(FitSyncConfig config) {
        return config.files().secret().orElseGet(() -> jwtSecret(config.auth(), config.dataDir()));
    }

    /** The provider tokens' key at rest: {@code FITSYNC_TOKEN_KEY} or {@code <data dir>/token-key}. */
    static String tokenKey(ImportsConfig imports, Path dataDir) {
        return imports.tokenKey().orElseGet(() -> SecretFiles.readOrCreate(dataDir.resolve("token-key"), 32));
    }
}
