package org.fitsync.phone;

import java.time.LocalDate;
import org.fitsync.client.FitSyncClient;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.StepsReading;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "steps", description = "Queue a device's step count for a day: steps 2026-11-20 8123")
final class StepsCommand extends PhoneCommand {

    @Parameters(index = "0")
    LocalDate date;

    @Parameters(index = "1")
    int steps;

    @Option(names = "--source", defaultValue = "healthkit", description = "healthkit, health_connect or garmin")
    String source;

    @Override
    int run(FitSyncClient client) {
        DeviceSource device = DeviceSource.fromWireName(source)
                .orElseThrow(() ->
                        new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown source " + source));
        if (!StepsReading.check(date, steps).isEmpty()) {
            StepsReading.check(date, steps).forEach(e -> err().println(e.field() + ": " + e.message()));
            return 2;
        }
        client.recordSteps(device, new StepsReading(date, steps));
        out().println("queued");
        return 0;
    }
}
