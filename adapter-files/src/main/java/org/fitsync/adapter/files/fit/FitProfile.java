package org.fitsync.adapter.files.fit;

import java.util.Map;

/**
 * The few parts of the FIT profile (message and field numbers, enumerations) that FitSync reads. Numbers
 * are those of the published FIT profile; names are its own, lower case.
 */
final class FitProfile {

    static final long FIT_EPOCH_S = 631_065_600L; // 1989-12-31T00:00:00Z

    static final int MESG_FILE_ID = 0;
    static final int MESG_SPORT = 12;
    static final int MESG_SESSION = 18;
    static final int MESG_RECORD = 20;

    static final int FIELD_TIMESTAMP = 253;

    static final int FILE_ID_TYPE = 0;
    static final int FILE_ID_MANUFACTURER = 1;
    static final int FILE_TYPE_ACTIVITY = 4;

    static final int SESSION_START_TIME = 2;
    static final int SESSION_SPORT = 5;
    static final int SESSION_SUB_SPORT = 6;
    static final int SESSION_TOTAL_ELAPSED_TIME = 7; // uint32, scale 1000, s
    static final int SESSION_TOTAL_DISTANCE = 9; // uint32, scale 100, m

    static final int SPORT_SPORT = 0;
    static final int SPORT_SUB_SPORT = 1;

    static final int RECORD_POSITION_LAT = 0; // sint32 semicircles
    static final int RECORD_POSITION_LONG = 1;
    static final int RECORD_ALTITUDE = 2; // uint16, scale 5, offset 500, m
    static final int RECORD_HEART_RATE = 3;
    static final int RECORD_CADENCE = 4; // rpm; for running, strides per minute (one foot)
    static final int RECORD_DISTANCE = 5; // uint32, scale 100, m
    static final int RECORD_POWER = 7;
    static final int RECORD_TEMPERATURE = 13; // sint8, °C
    static final int RECORD_FRACTIONAL_CADENCE = 53; // uint8, scale 128
    static final int RECORD_ENHANCED_ALTITUDE = 78; // uint32, scale 5, offset 500, m

    static final int SPORT_RUNNING = 1;

    private static final Map<Integer, String> MANUFACTURERS =
            Map.of(1, "garmin", 23, "suunto", 32, "wahoo", 123, "polar", 294, "coros");

    private static final Map<Integer, String> SPORTS = Map.ofEntries(
            Map.entry(0, "generic"),
            Map.entry(1, "running"),
            Map.entry(2, "cycling"),
            Map.entry(3, "transition"),
            Map.entry(4, "fitness_equipment"),
            Map.entry(5, "swimming"),
            Map.entry(10, "training"),
            Map.entry(11, "walking"),
            Map.entry(12, "cross_country_skiing"),
            Map.entry(13, "alpine_skiing"),
            Map.entry(15, "rowing"),
            Map.entry(16, "mountaineering"),
            Map.entry(17, "hiking"),
            Map.entry(18, "multisport"),
            Map.entry(19, "paddling"));

    private static final Map<Integer, String> SUB_SPORTS = Map.ofEntries(
            Map.entry(1, "treadmill"),
            Map.entry(2, "street"),
            Map.entry(3, "trail"),
            Map.entry(4, "track"),
            Map.entry(5, "spin"),
            Map.entry(6, "indoor_cycling"),
            Map.entry(7, "road"),
            Map.entry(8, "mountain"),
            Map.entry(11, "cyclocross"),
            Map.entry(13, "track_cycling"),
            Map.entry(14, "indoor_rowing"),
            Map.entry(15, "elliptical"),
            Map.entry(17, "lap_swimming"),
            Map.entry(18, "open_water"),
            Map.entry(45, "indoor_running"),
            Map.entry(58, "virtual_activity"),
            Map.entry(59, "obstacle"),
            Map.entry(67, "ultra"));

    private FitProfile() {}

    /** The maker's lower-case name for the five FitSync knows, its number for any other. */
    static String manufacturer(int number) {
        return MANUFACTURERS.getOrDefault(number, Integer.toString(number));
    }

    /** {@code running}, {@code running/trail}, {@code cycling/road}, {@code sport_42}, ... */
    static String sportName(int sport, int subSport) {
        String name = SPORTS.getOrDefault(sport, "sport_" + sport);
        if (subSport <= 0) {
            return name;
        }
        return name + "/" + SUB_SPORTS.getOrDefault(subSport, "sub_sport_" + subSport);
    }
}
