package org.fitsync.app.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.fitsync.adapter.strava.StravaWebhookSubscriptions;
import org.fitsync.app.config.ConfigException;
import org.fitsync.app.config.Environment;
import org.fitsync.app.config.FitSyncConfig;
import org.fitsync.app.config.ImportsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fitsync strava-webhook create|list|delete}: manages the app's Strava webhook subscription.
 * Strava validates the callback ({@code FITSYNC_PUBLIC_URL/api/v1/webhooks/strava}) while creating
 * it, so a FitSync node with the same {@code FITSYNC_STRAVA_VERIFY_TOKEN} must be reachable there.
 */
@Command(name = "strava-webhook", description = "Create, list or delete the Strava webhook subscription.")
public final class StravaWebhookCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "create, list or delete")
    String action;

    @Option(names = "--id", description = "The subscription to delete (see list).")
    Long id;

    @Override
    public Integer call() {
        return run(Environment.system(), action, id, System.out, System.err);
    }

    static int run(Environment env, String action, Long id, PrintStream out, PrintStream err) {
        ImportsConfig.Strava settings = FitSyncConfig.from(env)
                .imports()
                .strava()
                .orElseThrow(() ->
                        new ConfigException("FITSYNC_STRAVA_CLIENT_ID", "is required to manage the Strava webhook"));
        StravaWebhookSubscriptions subscriptions = new StravaWebhookSubscriptions(settings.client());
        StravaWebhookSubscriptions.Outcome outcome;
        switch (action) {
            case "create" -> {
                if (settings.verifyToken().isEmpty()) {
                    throw new ConfigException(
                            "FITSYNC_STRAVA_VERIFY_TOKEN", "is required to create the webhook subscription");
                }
                outcome = subscriptions.create(
                        settings.webhookUrl(), settings.verifyToken().get());
            }
            case "list" -> outcome = subscriptions.list();
            case "delete" -> {
                if (id == null) {
                    err.println("delete needs --id (see: fitsync strava-webhook list)");
                    return 2;
                }
                outcome = subscriptions.delete(id);
            }
            default -> {
                err.println("unknown action '" + action + "': use create, list or delete");
                return 2;
            }
        }
        if (outcome instanceof StravaWebhookSubscriptions.Outcome.Done done) {
            out.println(done.detail());
            return 0;
        }
        err.println(((StravaWebhookSubscriptions.Outcome.Failed) outcome).detail());
        return 1;
    }
}
