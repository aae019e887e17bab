package io.trainyard.server.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.server.common.ApiException;
import io.trainyard.server.support.IntegrationTest;
import io.trainyard.server.support.Multipart;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

/** The split training uses: deterministic, stratified by the named column, with exact shares. */
class DatasetSplitsTest extends IntegrationTest {

    @Autowired
    DatasetSplits splits;
    @Autowired
    UserDetailsService accounts;

    @Test
    void sameVersionAndSpecGiveTheSameAssignmentAndStrataKeepTheirShares() throws Exception {
        String dataset = "split-" + UUID.randomUUID().toString().substring(0, 8);
        api().basic("admin", ADMIN_PASSWORD).post("/api/v1/projects/default/datasets", "{\"name\":\"" + dataset + "\"}");
        api().basic("admin", ADMIN_PASSWORD).upload("/api/v1/projects/default/datasets/" + dataset + "/versions",
                new Multipart().file("file", "p.csv", Files.readAllBytes(DatasetApiTest.PENGUINS)));
        var admin = accounts.loadUserByUsername("admin");
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(admin, null, admin.getAuthorities()));
        try {
            SplitSpec spec = new SplitSpec(0.15, 0.15, "Species", 42);
            DatasetSplit first = splits.split("default", dataset, 1, spec);
            DatasetSplit again = splits.split("default", dataset, 1, spec);

            assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
            assertThat(again.assignment()).isEqualTo(first.assignment());
            assertThat(first.train() + first.validation() + first.test()).isEqualTo(344);
            // 152 Adelie, 124 Gentoo, 68 Chinstrap: round(n * 0.15) of each go to test
            assertThat(first.test()).isEqualTo(23 + 19 + 10);
            assertThat(first.validation()).isEqualTo(23 + 19 + 10);

            DatasetSplit otherSeed = splits.split("default", dataset, 1, new SplitSpec(0.15, 0.15, "Species", 7));
            assertThat(otherSeed.fingerprint()).isNotEqualTo(first.fingerprint());

            assertThatThrownBy(() -> splits.split("default", dataset, 1, new SplitSpec(0.5, 0.5, null, 1)))
                    .isInstanceOf(ApiException.BadRequest.class);
            assertThatThrownBy(() -> splits.split("default", dataset, 1, new SplitSpec(0.1, 0.1, "Nope", 1)))
                    .isInstanceOf(ApiException.BadRequest.class).hasMessageContaining("Nope");
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
