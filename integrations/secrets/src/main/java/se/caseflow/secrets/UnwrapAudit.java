package se.caseflow.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.TrustedCaller;

/**
 * Writes one row per unwrap attempt. Each row commits in its own transaction: a refusal or a failure usually rolls
 * back the caller's transaction, and a plaintext once revealed stays revealed even if the caller's work is undone.
 * (Each audited unwrap inside a transaction therefore briefly needs a second pooled connection.)
 */
final class UnwrapAudit {

    enum Outcome {
        REVEALED,
        ERASED,
        REFUSED,
        INVALID
    }

    static final int MAX_PURPOSE_CHARS = 200;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    UnwrapAudit(DataSource dataSource, TransactionTemplate transactionTemplate, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.ownTransaction = new TransactionTemplate(transactionTemplate.getTransactionManager());
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    void record(
            TrustedCaller caller,
            String purpose,
            String token,
            String subject,
            PersonalDataKind kind,
            Outcome outcome) {
        MapSqlParameterSource row = new MapSqlParameterSource()
                .addValue("at", clock.instant().atOffset(ZoneOffset.UTC))
                .addValue("caller", caller.name())
                .addValue("purpose", purpose)
                .addValue("subject", subject)
                .addValue("kind", kind == null ? null : kind.name())
                .addValue("tokenHash", sha256(token))
                .addValue("outcome", outcome.name());
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "INSERT INTO secrets_unwrap_audit (occurred_at, caller, purpose, subject, kind, token_sha256, outcome)"
                        + " VALUES (:at, :caller, :purpose, :subject, :kind, :tokenHash, :outcome)",
                row));
    }

    static String sha256(String token) {
        try {
            byte[] input = (token == null ? "" : token).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
