package io.trainyard.server.common.database;

import io.trainyard.server.common.TrainyardProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * A one-machine install needs only a JDK: with no {@code spring.datasource.url} the server runs real
 * PostgreSQL binaries (from Maven Central) on a data directory under {@code trainyard.data-dir}.
 * The library's defaults suit throwaway test databases (fsync and synchronous commit off); a real install
 * must survive a power cut, so they are switched back on here.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoExternalDatabaseCondition.class)
class EmbeddedDatabaseConfiguration {

    static final String DATABASE = "trainyard";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(TrainyardProperties properties) throws IOException {
        Path dataDirectory = properties.dataDir().resolve("postgres").toAbsolutePath();
        Files.createDirectories(dataDirectory);
        StalePostmaster.stopIfRunning(dataDirectory);
        Path passwordFile = SuperuserPassword.file(properties.dataDir());
        String password = SuperuserPassword.loadOrCreate(passwordFile);
        EmbeddedPostgres postgres = durable(EmbeddedPostgres.builder())
                // initdb's own options ride on the library's locale settings (it passes them as --key=value):
                // the superuser gets a password and every connection must present it, instead of the
                // library's "trust", which would let any local user in
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", passwordFile.toString())
                .setConnectConfig("password", password)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                // Spring closes it after the connection pool; the library's own hook would race that
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofMinutes(2))
                .start();
        log.info("Embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), dataDirectory);
        return postgres;
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres, TrainyardProperties properties) throws SQLException, IOException {
        createDatabaseIfMissing(postgres);
        return DataSourceBuilder.create()
                .url(postgres.getJdbcUrl("postgres", DATABASE))
                .username("postgres")
                .password(SuperuserPassword.loadOrCreate(SuperuserPassword.file(properties.dataDir())))
                .build();
    }

    /** fsync, synchronous_commit and full_page_writes on: the settings PostgreSQL ships with. */
    static EmbeddedPostgres.Builder durable(EmbeddedPostgres.Builder builder) {
        return builder
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on");
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery(
                    "select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("create database " + DATABASE);
        }
    }
}
