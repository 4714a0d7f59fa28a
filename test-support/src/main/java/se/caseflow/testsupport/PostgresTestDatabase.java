package se.caseflow.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A throw-away database on the machine's real PostgreSQL server, so parallel forks and reruns never see
 * each other's data. Connection settings come from {@code CASEFLOW_TEST_PG_*} environment variables,
 * defaulting to the local trust-auth server.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    private static final String HOST = env("CASEFLOW_TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = env("CASEFLOW_TEST_PG_PORT", "5432");
    private static final String USER = env("CASEFLOW_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("CASEFLOW_TEST_PG_PASSWORD", "");
    private static final String ADMIN_DATABASE = env("CASEFLOW_TEST_PG_DATABASE", "test");

    private final String name;

    private PostgresTestDatabase(String name) {
        this.name = name;
    }

    /** Creates a new empty database named {@code caseflow_<prefix>_<random>}. */
    public static PostgresTestDatabase create(String prefix) {
        String name = ("caseflow_" + prefix + "_"
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name);
        return new PostgresTestDatabase(name);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public DataSource dataSource() {
        return new SimpleDriverDataSource(new org.postgresql.Driver(), jdbcUrl(), USER, PASSWORD);
    }

    /**
     * Takes the database away for real, for the applications using it: every new connection is refused ("database
     * ... is not currently accepting connections") and the open ones are ended. The server itself stays up for
     * everybody else. {@link #acceptConnections} brings it back.
     */
    public void refuseConnections() {
        admin("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    }

    public void acceptConnections() {
        admin("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true");
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        String url = "jdbc:postgresql://" + HOST + ":" + PORT + "/" + ADMIN_DATABASE;
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test database admin failed: " + sql, e);
        }
    }

    private static String env(String key, String fallback) {
        String value = System.getenv(key);
        return value == null || value.isBlank() ? fallback : value;
    }
}
