package se.caseflow.secrets;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** JDBC access to the subject keys and tombstones; joins the caller's Spring transaction. */
final class SubjectKeyRepository {

    /** A subject's encrypted keyset as stored. */
    record StoredSubjectKey(String subject, long keyId, long kekKeyId, byte[] keyset) {
        @Override
        public String toString() {
            return "StoredSubjectKey[" + subject + ", keyId=" + keyId + ", kekKeyId=" + kekKeyId + "]";
        }
    }

    private static final String COLUMNS = "subject, key_id, kek_key_id, keyset";
    private static final RowMapper<StoredSubjectKey> ROW = SubjectKeyRepository::row;

    private final DataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;
    private volatile Boolean postgres;

    SubjectKeyRepository(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    Optional<StoredSubjectKey> find(String subject) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM secrets_subject_key WHERE subject = :subject",
                        new MapSqlParameterSource("subject", subject),
                        ROW)
                .stream()
                .findFirst();
    }

    Optional<StoredSubjectKey> findForUpdate(String subject) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM secrets_subject_key WHERE subject = :subject FOR UPDATE",
                        new MapSqlParameterSource("subject", subject),
                        ROW)
                .stream()
                .findFirst();
    }

    /**
     * Inserts the key unless the subject already has one. Safe when another transaction inserts for the same
     * subject at the same time: this one then waits for it and leaves its row in place.
     *
     * @return whether this call inserted the row
     */
    boolean insertIfAbsent(StoredSubjectKey key, Instant now) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("subject", key.subject())
                .addValue("keyId", key.keyId())
                .addValue("kekKeyId", key.kekKeyId())
                .addValue("keyset", key.keyset())
                .addValue("now", utc(now));
        String insert = "INSERT INTO secrets_subject_key (subject, key_id, kek_key_id, keyset, created_at)"
                + " VALUES (:subject, :keyId, :kekKeyId, :keyset, :now)";
        if (isPostgres()) {
            // A failed statement would abort a PostgreSQL transaction, so never let the insert fail.
            return jdbc.update(insert + " ON CONFLICT (subject) DO NOTHING", parameters) == 1;
        }
        try {
            return jdbc.update(insert, parameters) == 1;
        } catch (DuplicateKeyException alreadyThere) {
            // H2 waits for the other transaction and then reports the duplicate; its row stands.
            return false;
        }
    }

    boolean isShredded(String subject, long keyId) {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM secrets_subject_tombstone WHERE subject = :subject AND key_id = :keyId",
                new MapSqlParameterSource("subject", subject).addValue("keyId", keyId),
                Integer.class);
        return count != null && count > 0;
    }

    Set<Long> shreddedKeyIds(String subject) {
        return new HashSet<>(jdbc.queryForList(
                "SELECT key_id FROM secrets_subject_tombstone WHERE subject = :subject",
                new MapSqlParameterSource("subject", subject),
                Long.class));
    }

    void tombstone(String subject, long keyId, Instant now) {
        jdbc.update(
                "INSERT INTO secrets_subject_tombstone (subject, key_id, shredded_at) VALUES (:subject, :keyId, :now)",
                new MapSqlParameterSource("subject", subject)
                        .addValue("keyId", keyId)
                        .addValue("now", utc(now)));
    }

    void delete(String subject) {
        jdbc.update(
                "DELETE FROM secrets_subject_key WHERE subject = :subject",
                new MapSqlParameterSource("subject", subject));
    }

    /** The subject a personnummer's lookup HMAC names, if it has one. */
    Optional<String> subjectByLookup(String lookup) {
        return jdbc
                .queryForList(
                        "SELECT subject FROM secrets_subject_lookup WHERE lookup = :lookup",
                        new MapSqlParameterSource("lookup", lookup),
                        String.class)
                .stream()
                .findFirst();
    }

    /** Ties the lookup to the subject unless it already names one (then that one stands, as for keys). */
    void insertLookupIfAbsent(String lookup, String subject, Instant now) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("lookup", lookup)
                .addValue("subject", subject)
                .addValue("now", utc(now));
        // if another transaction inserted first, its subject stands
        insertIfAbsent(
                "INSERT INTO secrets_subject_lookup (lookup, subject, created_at) VALUES (:lookup, :subject, :now)",
                "lookup",
                parameters);
    }

    /** Runs {@code insert}, which does nothing where a row with the same {@code key} (columns) is there already. */
    private void insertIfAbsent(String insert, String key, MapSqlParameterSource parameters) {
        if (isPostgres()) {
            jdbc.update(insert + " ON CONFLICT (" + key + ") DO NOTHING", parameters);
            return;
        }
        try {
            jdbc.update(insert, parameters);
        } catch (DuplicateKeyException alreadyThere) {
            // nothing to add
        }
    }

    /**
     * Records that {@code subject} holds the phone number with this blind index, while the subject's key row is locked
     * (a shred locks it first, so the two never cross: a shred that committed first leaves no key row, and nothing is
     * recorded).
     *
     * @return false, recording nothing, when the subject has no key (shredded)
     */
    boolean insertPhoneIfKeyed(String phoneIndex, String subject) {
        if (findForUpdate(subject).isEmpty()) {
            return false;
        }
        MapSqlParameterSource parameters =
                new MapSqlParameterSource("phoneIndex", phoneIndex).addValue("subject", subject);
        insertIfAbsent(
                "INSERT INTO secrets_phone_subject (phone_index, subject) VALUES (:phoneIndex, :subject)",
                "phone_index, subject",
                parameters);
        return true;
    }

    /**
     * The subjects of no person (no look-up row: an unmatched message's) that wrapped a phone number {@code subject}
     * wrapped too.
     */
    List<String> messageSubjectsSharingPhone(String subject) {
        return jdbc.queryForList(
                "SELECT DISTINCT other.subject FROM secrets_phone_subject mine"
                        + " JOIN secrets_phone_subject other ON other.phone_index = mine.phone_index"
                        + " WHERE mine.subject = :subject AND other.subject <> :subject"
                        + " AND NOT EXISTS (SELECT 1 FROM secrets_subject_lookup l WHERE l.subject = other.subject)",
                new MapSqlParameterSource("subject", subject),
                String.class);
    }

    void deletePhones(String subject) {
        jdbc.update(
                "DELETE FROM secrets_phone_subject WHERE subject = :subject",
                new MapSqlParameterSource("subject", subject));
    }

    void deleteLookup(String subject) {
        jdbc.update(
                "DELETE FROM secrets_subject_lookup WHERE subject = :subject",
                new MapSqlParameterSource("subject", subject));
    }

    /** The next page (by subject) of keys not encrypted under the given KEK key. */
    List<StoredSubjectKey> findNotUnderKek(long kekKeyId, String afterSubject, int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM secrets_subject_key"
                        + " WHERE kek_key_id <> :kekKeyId AND subject > :after ORDER BY subject LIMIT :limit",
                new MapSqlParameterSource("kekKeyId", kekKeyId)
                        .addValue("after", afterSubject)
                        .addValue("limit", limit),
                ROW);
    }

    /** Replaces the encrypted keyset if the row is still as read (not shredded or rewrapped meanwhile). */
    boolean rewrap(StoredSubjectKey read, long newKekKeyId, byte[] newKeyset, Instant now) {
        return jdbc.update(
                        "UPDATE secrets_subject_key SET kek_key_id = :newKek, keyset = :keyset, rewrapped_at = :now"
                                + " WHERE subject = :subject AND key_id = :keyId AND kek_key_id = :oldKek",
                        new MapSqlParameterSource("newKek", newKekKeyId)
                                .addValue("keyset", newKeyset)
                                .addValue("now", utc(now))
                                .addValue("subject", read.subject())
                                .addValue("keyId", read.keyId())
                                .addValue("oldKek", read.kekKeyId()))
                == 1;
    }

    private boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            try {
                String product =
                        JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
                known = "PostgreSQL".equalsIgnoreCase(product);
            } catch (MetaDataAccessException e) {
                throw new IllegalStateException("cannot tell which database holds the secrets tables", e);
            }
            postgres = known;
        }
        return known;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static StoredSubjectKey row(ResultSet rs, int rowNum) throws SQLException {
        return new StoredSubjectKey(
                rs.getString("subject"), rs.getLong("key_id"), rs.getLong("kek_key_id"), rs.getBytes("keyset"));
    }
}
