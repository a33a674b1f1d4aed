package org.fitsync.app.security;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The hostile corpus against every endpoint that takes a body: no 5xx, no leaked internals, and a
 * rejected request changes nothing (see {@link HostileRequestProperties}).
 */
class HostileInputTest {

    private static SecurityFixture fixture;

    @BeforeAll
    static void start() {
        fixture = SecurityFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @TestFactory
    Stream<DynamicTest> brokenBodies() {
        return BodyEndpoints.ALL.stream()
                .flatMap(endpoint -> HostileInputs.wholeBodies(endpoint.validBody()).stream()
                        .map(input -> DynamicTest.dynamicTest(
                                endpoint + " " + input,
                                () -> HostileRequestProperties.check(fixture, endpoint, input.body()))));
    }

    @TestFactory
    Stream<DynamicTest> everyFieldWithEveryHostileValue() {
        List<DynamicTest> tests = new ArrayList<>();
        for (BodyEndpoint endpoint : BodyEndpoints.ALL) {
            // One test per endpoint and field, so a failure names the field without thousands of entries.
            var byField = new java.util.LinkedHashMap<String, List<HostileInputs.Input>>();
            for (HostileInputs.Input input : HostileInputs.leafVariations(endpoint.validBody())) {
                byField.computeIfAbsent(input.name().substring(0, input.name().indexOf('=')), k -> new ArrayList<>())
                        .add(input);
            }
            byField.forEach((field, inputs) -> tests.add(DynamicTest.dynamicTest(endpoint + " " + field, () -> {
                for (HostileInputs.Input input : inputs) {
                    HostileRequestProperties.check(fixture, endpoint, input.body());
                }
            })));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> validBodiesAreAccepted() {
        // Guards the table itself: a hostile variation of a body that is already rejected proves little.
        return BodyEndpoints.ALL.stream()
                .filter(endpoint -> !BodyEndpoints.REFUSED_IN_FIXTURE.contains(endpoint.name()))
                .map(endpoint -> DynamicTest.dynamicTest(endpoint.toString(), () -> {
                    var response = HostileRequestProperties.check(
                            fixture, endpoint, endpoint.validBody().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    org.assertj.core.api.Assertions.assertThat(response.status())
                            .as("%s: %s", endpoint, response)
                            .isBetween(200, 299);
                }));
    }
}
