package io.lintas.cluster;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The databases the shared-state classes run on: a fresh H2 in PostgreSQL mode, and one embedded
 * PostgreSQL for the whole test run (a fresh schema per use), both migrated by Flyway.
 */
public final class SharedDatabases {

    private static EmbeddedPostgres postgres;

    private SharedDatabases() {
    }

    /** Arguments for a parameterized test: "h2" and "postgres". */
    public static Stream<String> kinds() {
        return Stream.of("h2", "postgres");
    }

    public static JdbcTemplate fresh(String kind) {
        return new JdbcTemplate(migrated(kind.equals("postgres") ? postgresSchema() : h2()));
    }

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:cluster-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        return h2;
    }

    /** A new database on the shared embedded PostgreSQL. */
    static synchronized DataSource postgresSchema() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is going anyway
                    }
                }));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String db = "c" + UUID.randomUUID().toString().replace("-", "");
        new JdbcTemplate(postgres.getPostgresDatabase()).execute("CREATE DATABASE " + db);
        HikariDataSource pooled = new HikariDataSource();
        pooled.setDataSource(postgres.getDatabase("postgres", db));
        pooled.setMaximumPoolSize(8);
        return pooled;
    }

    private static DataSource migrated(DataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return ds;
    }
}
