package io.trainyard.server.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageTokenTest {

    @Test
    void keysBelowWhichTheNextPageStarts() {
        assertThat(PageToken.decodeBelow(null)).isEqualTo(Long.MAX_VALUE);
        assertThat(PageToken.decodeBelow("")).isEqualTo(Long.MAX_VALUE);
        assertThat(PageToken.decodeBelow(PageToken.encode("42"))).isEqualTo(42L);
        assertThat(PageToken.decodeBelowInt(null)).isEqualTo(Integer.MAX_VALUE);
        assertThat(PageToken.decodeBelowInt(PageToken.encode("7"))).isEqualTo(7);
    }

    @Test
    void tokensThatCarryNoNumberAreRefusedNamingTheField() {
        for (String token : new String[] {"!!!!", PageToken.encode("abc"), PageToken.encode("1.5")}) {
            assertThatThrownBy(() -> PageToken.decodeBelow(token)).isInstanceOfSatisfying(ApiException.BadRequest.class,
                    e -> assertThat(e.fieldProblems().get(0).field()).isEqualTo("pageToken"));
        }
        assertThatThrownBy(() -> PageToken.decodeBelowInt(PageToken.encode("4294967296")))
                .isInstanceOf(ApiException.BadRequest.class);
    }
}
