package org.fitsync.adapter.postgres.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenCipherTest {

    private final TokenCipher cipher = TokenCipher.fromBase64("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY");

    @Test
    void roundTripsAndUsesAFreshNonceEachTime() {
        byte[] one = cipher.encrypt("alice", "token");
        byte[] two = cipher.encrypt("alice", "token");
        assertThat(one).isNotEqualTo(two);
        assertThat(cipher.decrypt("alice", one)).contains("token");
        assertThat(cipher.decrypt("alice", two)).contains("token");
    }

    @Test
    void aCiphertextIsBoundToItsUserAndTamperingIsDetected() {
        byte[] sealed = cipher.encrypt("alice", "token");
        assertThat(cipher.decrypt("bob", sealed)).isEmpty();
        sealed[sealed.length - 1] ^= 1;
        assertThat(cipher.decrypt("alice", sealed)).isEmpty();
        assertThat(cipher.decrypt("alice", new byte[3])).isEmpty();
    }

    @Test
    void theKeyMustBe256Bits() {
        assertThatThrownBy(() -> TokenCipher.fromBase64("c2hvcnQ")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> TokenCipher.fromBase64("***")).hasMessageContaining("base64");
    }
}
