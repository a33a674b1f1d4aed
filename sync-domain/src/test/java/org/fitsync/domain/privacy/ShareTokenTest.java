package org.fitsync.domain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShareTokenTest {

    @Test
    void tokensAre43Base64UrlCharactersAndDifferEveryTime() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String value = ShareToken.generate(random).value();
            assertThat(value).matches("[A-Za-z0-9_-]{43}");
            assertThat(seen.add(value)).isTrue();
        }
    }

    @Test
    void onlyTheTokensFormParsesAndItsHashIsSha256OfItsText() throws Exception {
        ShareToken token = ShareToken.generate(new SecureRandom());
        assertThat(ShareToken.parse(token.value())).isPresent();
        assertThat(ShareToken.parse(token.value()).get().hash()).isEqualTo(token.hash());
        assertThat(token.hash())
                .isEqualTo(MessageDigest.getInstance("SHA-256")
                        .digest(token.value().getBytes(StandardCharsets.US_ASCII)));
        assertThat(ShareToken.parse(token.value() + "A")).isEmpty();
        assertThat(ShareToken.parse(token.value().substring(1))).isEmpty();
        assertThat(ShareToken.parse("%".repeat(43))).isEmpty();
        assertThat(ShareToken.parse(null)).isEmpty();
        assertThat(token.toString()).doesNotContain(token.value());
    }
}
