package se.caseflow.idempotence;

import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.domain.idempotency.SubjectCases;

/**
 * The cases of each subject in {@code idempotency_case_subject}, next to the keys they reach. Both statements join
 * the caller's transaction: a case's record commits with its {@code CaseOpened}, the keys go with the shred.
 */
class JdbcSubjectCases implements SubjectCases {

    private final JdbcTemplate jdbc;

    JdbcSubjectCases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(String caseId, String subject) {
        jdbc.update(
                "INSERT INTO idempotency_case_subject (subject, case_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                subject,
                caseId);
    }

    @Override
    public int forgetKeys(String subject) {
        int keys = jdbc.update(
                "DELETE FROM idempotency_key WHERE case_id IN"
                        + " (SELECT case_id FROM idempotency_case_subject WHERE subject = ?)",
                subject);
        jdbc.update("DELETE FROM idempotency_case_subject WHERE subject = ?", subject);
        return keys;
    }
}
