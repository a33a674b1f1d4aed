package org.fitsync.adapter.files.xml;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The device's maker from the name a GPX {@code creator} or a TCX {@code Creator/Name} gives, when it is
 * recognisable: a brand or one of its well-known product lines.
 */
public final class DeviceMakers {

    private static final List<Map.Entry<String, String>> HINTS = List.of(
            Map.entry("garmin", "garmin"),
            Map.entry("forerunner", "garmin"),
            Map.entry("fenix", "garmin"),
            Map.entry("fēnix", "garmin"),
            Map.entry("edge", "garmin"),
            Map.entry("vivoactive", "garmin"),
            Map.entry("vívoactive", "garmin"),
            Map.entry("venu", "garmin"),
            Map.entry("epix", "garmin"),
            Map.entry("enduro", "garmin"),
            Map.entry("instinct", "garmin"),
            Map.entry("coros", "coros"),
            Map.entry("polar", "polar"),
            Map.entry("suunto", "suunto"),
            Map.entry("wahoo", "wahoo"),
            Map.entry("elemnt", "wahoo"));

    private DeviceMakers() {}

    public static Optional<String> recognise(String deviceName) {
        String name = deviceName.toLowerCase(Locale.ROOT);
        return HINTS.stream()
                .filter(hint -> name.contains(hint.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
