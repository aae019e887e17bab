package io.trainyard.server.common.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.trainyard.server.common.TrainyardProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The one-machine install's database: durable settings, data kept across restarts and orphaned postmasters. */
class EmbeddedDatabaseTest {

    private final EmbeddedDatabaseConfiguration configuration = new EmbeddedDatabaseConfiguration();

    @TempDir
    Path dataDir;

    @Test
    void runsWithDurableSettingsUnlikeTheLibraryDefaults() throws Exception {
        try (EmbeddedPostgres postgres = configuration.embeddedPostgres(properties())) {
            JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
            assertThat(jdbc.queryForObject("show fsync", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("show full_page_writes", String.class)).isEqualTo("on");
            assertThat(dataDir.resolve("postgres/PG_VERSION")).content().startsWith("17");
        }
    }

    @Test
    void connectionsNeedThePasswordUnlikeTheLibrarysTrustDefault() throws Exception {
        try (EmbeddedPostgres postgres = configuration.embeddedPostgres(properties());
             HikariDataSource dataSource = (HikariDataSource) configuration.dataSource(postgres, properties())) {
            assertThat(new JdbcTemplate(dataSource).queryForObject("select 1", Integer.class)).isEqualTo(1);
            String url = postgres.getJdbcUrl("postgres", "postgres");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "wrong").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            assertThat(dataDir.resolve("postgres/pg_hba.conf")).content().doesNotContainPattern("(?m)^[^#].*\\btrust\\b");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("postgres-password"))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void keepsDataAcrossRestartsAndStopsAPostmasterLeftByAKilledServer() throws Exception {
        EmbeddedPostgres first = configuration.embeddedPostgres(properties());
        try (HikariDataSource dataSource = (HikariDataSource) configuration.dataSource(first, properties())) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("create table survivor (value text)");
            jdbc.update("insert into survivor values ('kept')");
        }
        // a killed server leaves its postmaster running on the data directory
        long orphan = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(orphan)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        StalePostmaster.stopIfRunning(dataDir.resolve("postgres").toAbsolutePath());

        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        first.close(); // releases the library's lock file; its own stop finds nothing left to stop

        try (EmbeddedPostgres second = configuration.embeddedPostgres(properties());
             HikariDataSource dataSource = (HikariDataSource) configuration.dataSource(second, properties())) {
            assertThat(new JdbcTemplate(dataSource).queryForObject("select value from survivor", String.class))
                    .isEqualTo("kept");
        }
    }

    private TrainyardProperties properties() {
        return new TrainyardProperties(dataDir, null,
                new TrainyardProperties.Executor(new TrainyardProperties.Embedded(1, "0", java.util.List.of())));
    }
}
