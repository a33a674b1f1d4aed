package org.fitsync.phone;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.fitsync.client.FitSyncClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that works on the user's client and closes it afterwards. */
abstract class PhoneCommand implements Callable<Integer> {

    @Mixin
    PhoneOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        try (FitSyncClient client = Phone.open(options)) {
            return run(client);
        }
    }

    abstract int run(FitSyncClient client) throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
