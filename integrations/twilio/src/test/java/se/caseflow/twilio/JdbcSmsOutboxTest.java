package se.caseflow.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.TrustedCaller;
import se.caseflow.domain.personal.Unwrapped;
import se.caseflow.domain.sms.SmsGateway.OutgoingSms;
import se.caseflow.domain.sms.SmsGateway.SendResult;
import se.caseflow.testsupport.PostgresTestDatabase;

/**
 * Local mode keeps what would have been sent, on both databases, as tokens an erasure reaches, and says it was not
 * sent.
 */
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

    private static final String CASE_ID = "7b0d4c3e-2f7a-4a55-9a43-3f1c1d2a9e01";
    private static final String PHONE = "+46701740605";
    private static final String TEXT = "Hej Tove, ring mig";

    /** Stands in for the secrets store: a token opens to its plaintext until its subject is erased. */
    private static final class Vault implements PersonalDataUnwrapper {
        private final Set<String> erased = ConcurrentHashMap.newKeySet();

        String wrap(String subject, String plaintext) {
            return subject + ":" + Base64.getEncoder().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Unwrapped unwrap(String token, TrustedCaller caller, String purpose) {
            String subject = token.substring(0, token.indexOf(':'));
            return erased.contains(subject)
                    ? new Unwrapped.Erased(subject)
                    : new Unwrapped.Revealed(new String(
                            Base64.getDecoder().decode(token.substring(subject.length() + 1)), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void keepsTheMessageAsTokensShowsItsMaskAndTextAndReportsItAsLocal(String vendor) {
        JdbcTemplate jdbc = new JdbcTemplate(migrated(vendor));
        Vault vault = new Vault();
        JdbcSmsOutbox outbox = new JdbcSmsOutbox(jdbc, vault, CLOCK, false);
        String messageId = UUID.randomUUID().toString();
        OutgoingSms sms = new OutgoingSms(CASE_ID, messageId, vault.wrap("s_one", PHONE), vault.wrap("s_one", TEXT));

        SendResult result = outbox.send(sms);
        outbox.send(sms);

        assertThat(result).isEqualTo(new SendResult.Sent("local-" + messageId, "local-outbox"));
        assertThat(outbox.latest(10))
                .filteredOn(e -> e.messageId().equals(messageId))
                .containsExactly(new SmsOutbox.Entry(messageId, CASE_ID, "+4670*****05", TEXT, CLOCK.instant()));
        assertThat(storedRow(jdbc, messageId))
                .doesNotContain(TEXT, PHONE, "0701740605", "+4670*****05")
                .contains(sms.to(), sms.text());
        assertThat(outbox.twilioConfigured()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void anErasedPersonsMessagesReadAsErasedAndOthersStillOpen(String vendor) {
        Vault vault = new Vault();
        JdbcSmsOutbox outbox = new JdbcSmsOutbox(new JdbcTemplate(migrated(vendor)), vault, CLOCK, false);
        String erasedId = UUID.randomUUID().toString();
        String keptId = UUID.randomUUID().toString();
        outbox.send(new OutgoingSms(CASE_ID, erasedId, vault.wrap("s_gone", PHONE), vault.wrap("s_gone", TEXT)));
        outbox.send(new OutgoingSms(CASE_ID, keptId, vault.wrap("s_kept", PHONE), vault.wrap("s_kept", "Hej")));

        vault.erased.add("s_gone");

        assertThat(outbox.latest(10))
                .filteredOn(e -> e.messageId().equals(erasedId) || e.messageId().equals(keptId))
                .extracting(SmsOutbox.Entry::messageId, SmsOutbox.Entry::toMask, SmsOutbox.Entry::body)
                .containsExactlyInAnyOrder(
                        tuple(erasedId, JdbcSmsOutbox.ERASED, JdbcSmsOutbox.ERASED),
                        tuple(keptId, "+4670*****05", "Hej"));
    }

    /** Every column of the message's row, as text. */
    private static String storedRow(JdbcTemplate jdbc, String messageId) {
        return jdbc.queryForList("SELECT * FROM sms_outbox WHERE message_id = ?", messageId)
                .toString();
    }
}
