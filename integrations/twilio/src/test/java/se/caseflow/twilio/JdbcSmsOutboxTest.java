package se.caseflow.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import se.caseflow.domain.personal.Unwrapped;
import se.caseflow.domain.sms.SmsGateway.OutgoingSms;
import se.caseflow.domain.sms.SmsGateway.SendResult;
import se.caseflow.testsupport.PostgresTestDatabase;

/** Local mode keeps what would have been sent, on both databases, and says it was not sent. */
class JdbcSmsOutboxTest {

    private static final PostgresTestDatabase POSTGRES = PostgresTestDatabase.create("twilio");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @AfterAll
    static void dropDatabase() {
        POSTGRES.close();
    }

    private static DataSource migrated(String vendor) {
        DataSource dataSource = vendor.equals("h2")
                ? new DriverManagerDataSource(
                        "jdbc:h2:mem:outbox;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "")
                : POSTGRES.dataSource();
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + vendor)
                .load()
                .migrate();
        return dataSource;
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void keepsTheMessageWithTheMaskOnlyAndReportsItAsLocal(String vendor) {
        JdbcSmsOutbox outbox = new JdbcSmsOutbox(
                new JdbcTemplate(migrated(vendor)),
                (token, caller, purpose) ->
                        new Unwrapped.Revealed(token.startsWith("text:") ? token.substring(5) : "+46701740605"),
                CLOCK,
                false);
        String messageId = java.util.UUID.randomUUID().toString();

        SendResult result =
                outbox.send(new OutgoingSms("7b0d4c3e-2f7a-4a55-9a43-3f1c1d2a9e01", messageId, "token", "text:Hej"));
        outbox.send(new OutgoingSms("7b0d4c3e-2f7a-4a55-9a43-3f1c1d2a9e01", messageId, "token", "text:Hej"));

        assertThat(result).isEqualTo(new SendResult.Sent("local-" + messageId, "local-outbox"));
        assertThat(outbox.latest(10))
                .filteredOn(e -> e.messageId().equals(messageId))
                .containsExactly(new SmsOutbox.Entry(
                        messageId, "7b0d4c3e-2f7a-4a55-9a43-3f1c1d2a9e01", "+4670*****05", "Hej", CLOCK.instant()));
        assertThat(outbox.twilioConfigured()).isFalse();
    }
}
