package org.fitsync.adapter.strava;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Strava's answers as this adapter's own JSON setup reads them. */
class StravaJsonTest {

    private static final String ACTIVITY = """
            {"id":4242,"name":"Morning Run","sport_type":"Run","start_date":"2026-11-20T07:00:00Z",
             "elapsed_time":3600,"moving_time":3500,"distance":10000.5,"start_latlng":[52.52,13.40]}""";

    private final StravaJson json = new StravaJson(StravaJsonMapper.newMapper());

    @Test
    void anActivityIsRead() {
        assertThat(json.activity(ACTIVITY)).hasValueSatisfying(activity -> {
            assertThat(activity.id()).isEqualTo("4242");
            assertThat(activity.name()).isEqualTo("Morning Run");
        });
    }

    @Test
    void aKeyGivenTwiceIsMalformed() {
        assertThat(json.activity(ACTIVITY.replaceFirst("\\{", "{\"id\":1,"))).isEmpty();
    }

    @Test
    void anAnswerNestedDeeperThanAnyStravaShapeIsMalformed() {
        int tooDeep = StravaJsonMapper.MAX_NESTING_DEPTH + 1;
        String deep = "[".repeat(tooDeep) + "]".repeat(tooDeep);
        assertThat(json.activity(ACTIVITY.replaceFirst("\\{", "{\"extra\":" + deep + ",")))
                .isEmpty();
        String shallow = "[".repeat(10) + "]".repeat(10);
        assertThat(json.activity(ACTIVITY.replaceFirst("\\{", "{\"extra\":" + shallow + ",")))
                .isPresent();
    }
}
