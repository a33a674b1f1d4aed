package org.fitsync.domain.coach;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PairingCodeTest {

    @Test
    void generatedCodesHaveTheDisplayFormatAndDiffer() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            PairingCode code = PairingCode.generate(random);
            assertThat(code.value()).matches("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}");
            seen.add(code.value());
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void typedCodesAreNormalisedBeforeHashing() {
        PairingCode shown = new PairingCode("K7Q2-9XPA");
        assertThat(PairingCode.parse(" k7q2 9xpa ")).contains(shown);
        assertThat(PairingCode.parse("K7Q29XPA").orElseThrow().hash()).isEqualTo(shown.hash());
        assertThat(PairingCode.parse("K7Q2-9XPB").orElseThrow().hash()).isNotEqualTo(shown.hash());
    }

    @Test
    void garbageIsNotACode() {
        assertThat(PairingCode.parse("K7Q2-9XP")).isEmpty();
        assertThat(PairingCode.parse("O1IL-9XPA")).isEmpty();
        assertThat(PairingCode.parse("")).isEmpty();
        assertThat(PairingCode.parse(null)).isEmpty();
        assertThat(PairingCode.parse("x".repeat(1000))).isEmpty();
    }

    @Test
    void theClearTextNeverLeaksIntoLogs() {
        assertThat(new PairingCode("K7Q2-9XPA").toString()).doesNotContain("K7Q2");
    }
}
