package se.caseflow.web.sms;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real PostgreSQL failure, on purpose: a trigger that refuses the first append of one event type whose payload
 * names {@code marker} (a message id), and lets every later attempt through. The sequence it counts attempts with is
 * not transactional, so the count survives the refused attempt's rollback.
 */
final class DatabaseFault implements AutoCloseable {

    private final JdbcTemplate jdbc;
    private final String name;

    private DatabaseFault(JdbcTemplate jdbc, String name) {
        this.jdbc = jdbc;
        this.name = name;
    }

    static DatabaseFault failFirstAppend(JdbcTemplate jdbc, String eventType, String marker) {
        if (!eventType.matches("[A-Za-z]+") || !marker.matches("[0-9a-f-]+")) {
            throw new IllegalArgumentException("an event type and an id, nothing to quote");
        }
        String name = "fault_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.execute("CREATE SEQUENCE " + name);
        jdbc.execute("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF nextval('"
                + name + "') = 1 THEN RAISE EXCEPTION 'injected fault: the first " + eventType
                + " is refused'; END IF; RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER " + name + " BEFORE INSERT ON domainevententry FOR EACH ROW WHEN"
                + " (NEW.payloadtype LIKE '%." + eventType + "' AND convert_from(NEW.payload, 'UTF8') LIKE '%"
                + marker + "%') EXECUTE FUNCTION " + name + "()");
        return new DatabaseFault(jdbc, name);
    }

    /** How many appends of the event were attempted: the refused first one and every one after it. */
    long attempts() {
        return jdbc.queryForObject("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + name, Long.class);
    }

    @Override
    public void close() {
        jdbc.execute("DROP TRIGGER IF EXISTS " + name + " ON domainevententry");
        jdbc.execute("DROP FUNCTION IF EXISTS " + name + "()");
        jdbc.execute("DROP SEQUENCE IF EXISTS " + name);
    }
}
