package org.fitsync.adapter.http.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.fitsync.adapter.http.Json;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private final ObjectMapper mapper = Json.newMapper();

    @Test
    void sortsMembersAtEveryDepthAndDropsWhitespace() throws Exception {
        String a = CanonicalJson.write(
                mapper, mapper.readTree("{\"b\": [ {\"y\":1, \"x\":2} ], \"a\": {\"d\": null, \"c\": \"é\"}}"));
        String b = CanonicalJson.write(
                mapper, mapper.readTree("{\"a\":{\"c\":\"é\",\"d\":null},\"b\":[{\"x\":2,\"y\":1}]}"));
        assertThat(a).isEqualTo(b).isEqualTo("{\"a\":{\"c\":\"é\",\"d\":null},\"b\":[{\"x\":2,\"y\":1}]}");
    }

    @Test
    void keepsArrayOrder() throws Exception {
        assertThat(CanonicalJson.write(mapper, mapper.readTree("[3,1,2]"))).isEqualTo("[3,1,2]");
    }
}
