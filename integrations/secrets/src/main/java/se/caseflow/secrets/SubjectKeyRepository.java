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

    /**
     * A row of {@code secrets_subject_lookup} or {@code secrets_phone_subject}: the HMAC, the subject, the key it was
     * derived under (null: before V42, the one key of then) and the token it was derived from (null: not yet sealed).
     */
    record LookupRow(String index, String subject, Long hmacKeyId, String sealed) {
        @Override
        public String toString() {
            return "LookupRow[" + subject + ", hmacKeyId=" + hmacKeyId + ", sealed=" + (sealed != null) + "]";
        }
    }

    /** The row of a personnummer's look-up HMAC, if it has one. */
    Optional<LookupRow> lookupRow(String lookup) {
        return jdbc
                .query(
                        "SELECT lookup, subject, hmac_key_id, sealed FROM secrets_subject_lookup WHERE lookup = :lookup",
                        new MapSqlParameterSource("lookup", lookup),
                        (rs, n) -> lookupRow(rs, "lookup"))
                .stream()
                .findFirst();
    }

    /** The subject a personnummer's lookup HMAC names, if it has one. */
    Optional<String> subjectByLookup(String lookup) {
        return lookupRow(lookup).map(LookupRow::subject);
    }

    /** The look-up row naming this subject, if it has one. */
    Optional<LookupRow> lookupRowOf(String subject) {
        return jdbc
                .query(
                        "SELECT lookup, subject, hmac_key_id, sealed FROM secrets_subject_lookup"
                                + " WHERE subject = :subject",
                        new MapSqlParameterSource("subject", subject),
                        (rs, n) -> lookupRow(rs, "lookup"))
                .stream()
                .findFirst();
    }

    /** Ties the lookup to the subject unless it already names one (then that one stands, as for keys). */
    void insertLookupIfAbsent(String lookup, String subject, long hmacKeyId, String sealed, Instant now) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("lookup", lookup)
                .addValue("subject", subject)
                .addValue("keyId", hmacKeyId)
                .addValue("sealed", sealed)
                .addValue("now", utc(now));
        // if another transaction inserted first, its subject stands
        insertIfAbsent(
                "INSERT INTO secrets_subject_lookup (lookup, subject, hmac_key_id, sealed, created_at)"
                        + " VALUES (:lookup, :subject, :keyId, :sealed, :now)",
                "lookup",
                parameters);
    }

    /** Keeps the token a look-up row was derived from, unless it has one. */
    boolean sealLookup(String lookup, String sealed) {
        return jdbc.update(
                        "UPDATE secrets_subject_lookup SET sealed = :sealed WHERE lookup = :lookup AND sealed IS NULL",
                        new MapSqlParameterSource("lookup", lookup).addValue("sealed", sealed))
                == 1;
    }

    /** Runs {@code insert}, which does nothing where a row with the same {@code key} (columns) is there already. */
    private int insertIfAbsent(String insert, String key, MapSqlParameterSource parameters) {
        if (isPostgres()) {
            return jdbc.update(insert + " ON CONFLICT (" + key + ") DO NOTHING", parameters);
        }
        try {
            return jdbc.update(insert, parameters);
        } catch (DuplicateKeyException alreadyThere) {
            return 0;
        }
    }

    /**
     * Records that {@code subject} holds the phone number with this blind index (under that HMAC key, {@code sealed}
     * the number as a token under the subject's key), while the subject's key row is locked (a shred locks it first,
     * so the two never cross: a shred that committed first leaves no key row, and nothing is recorded).
     *
     * @return false, recording nothing, when the subject has no key (shredded)
     */
    boolean insertPhoneIfKeyed(String phoneIndex, String subject, long hmacKeyId, String sealed) {
        if (findForUpdate(subject).isEmpty()) {
            return false;
        }
        MapSqlParameterSource parameters = new MapSqlParameterSource("phoneIndex", phoneIndex)
                .addValue("subject", subject)
                .addValue("keyId", hmacKeyId)
                .addValue("sealed", sealed);
        if (insertIfAbsent(
                        "INSERT INTO secrets_phone_subject (phone_index, subject, hmac_key_id, sealed)"
                                + " VALUES (:phoneIndex, :subject, :keyId, :sealed)",
                        "phone_index, subject",
                        parameters)
                == 0) {
            sealPhone(phoneIndex, subject, sealed);
        }
        return true;
    }

    /** Keeps the token a phone row was derived from, unless it has one. */
    boolean sealPhone(String phoneIndex, String subject, String sealed) {
        return jdbc.update(
                        "UPDATE secrets_phone_subject SET sealed = :sealed"
                                + " WHERE phone_index = :phoneIndex AND subject = :subject AND sealed IS NULL",
                        new MapSqlParameterSource("phoneIndex", phoneIndex)
                                .addValue("subject", subject)
                                .addValue("sealed", sealed))
                == 1;
    }

    /** The phone rows of a subject. */
    List<LookupRow> phoneRows(String subject) {
        return jdbc.query(
                "SELECT phone_index, subject, hmac_key_id, sealed FROM secrets_phone_subject WHERE subject = :subject",
                new MapSqlParameterSource("subject", subject),
                (rs, n) -> lookupRow(rs, "phone_index"));
    }

    /**
     * The subjects of no person (no look-up row: an unmatched message's) that wrapped a phone number with one of
     * these blind indexes, other than {@code subject}.
     */
    List<String> messageSubjectsWithPhone(String subject, Set<String> phoneIndexes) {
        if (phoneIndexes.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList(
                "SELECT DISTINCT other.subject FROM secrets_phone_subject other"
                        + " WHERE other.phone_index IN (:indexes) AND other.subject <> :subject"
                        + " AND NOT EXISTS (SELECT 1 FROM secrets_subject_lookup l WHERE l.subject = other.subject)",
                new MapSqlParameterSource("subject", subject).addValue("indexes", phoneIndexes),
                String.class);
    }

    /** How many look-up rows (person, phone) are not derived under this key, and how many of those are unsealed. */
    long[] notUnder(long hmacKeyId) {
        MapSqlParameterSource key = new MapSqlParameterSource("keyId", hmacKeyId);
        String notUnder = " WHERE (hmac_key_id IS NULL OR hmac_key_id <> :keyId)";
        return new long[] {
            count("SELECT COUNT(*) FROM secrets_subject_lookup" + notUnder, key),
            count("SELECT COUNT(*) FROM secrets_phone_subject" + notUnder, key),
            count("SELECT COUNT(*) FROM secrets_subject_lookup" + notUnder + " AND sealed IS NULL", key)
                    + count("SELECT COUNT(*) FROM secrets_phone_subject" + notUnder + " AND sealed IS NULL", key)
        };
    }

    private long count(String sql, MapSqlParameterSource parameters) {
        Long count = jdbc.queryForObject(sql, parameters, Long.class);
        return count == null ? 0 : count;
    }

    /** The next page (by index) of sealed rows of {@code table} not derived under the given HMAC key. */
    List<LookupRow> sealedNotUnder(LookupTable table, long hmacKeyId, String afterIndex, int limit) {
        return jdbc.query(
                "SELECT " + table.index + ", subject, hmac_key_id, sealed FROM " + table.name
                        + " WHERE (hmac_key_id IS NULL OR hmac_key_id <> :keyId) AND sealed IS NOT NULL"
                        + " AND " + table.index + " > :after ORDER BY " + table.index + " LIMIT :limit",
                new MapSqlParameterSource("keyId", hmacKeyId)
                        .addValue("after", afterIndex)
                        .addValue("limit", limit),
                (rs, n) -> lookupRow(rs, table.index));
    }

    /** The two tables of look-up rows and the name of their HMAC column. */
    enum LookupTable {
        PERSON("secrets_subject_lookup", "lookup"),
        PHONE("secrets_phone_subject", "phone_index");

        final String name;
        final String index;

        LookupTable(String name, String index) {
            this.name = name;
            this.index = index;
        }
    }

    /**
     * Moves a row to its index under another key, if it is still as read; when the new index is there already for the
     * same subject (written meanwhile by a wrap or a look-up), the old row is deleted instead.
     *
     * @return false when the new index names another subject for a person (left as it is)
     */
    boolean rederive(LookupTable table, LookupRow read, String newIndex, long newKeyId) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("old", read.index())
                .addValue("new", newIndex)
                .addValue("keyId", newKeyId)
                .addValue("subject", read.subject());
        List<String> there = jdbc.queryForList(
                "SELECT subject FROM " + table.name + " WHERE " + table.index + " = :new"
                        + (table == LookupTable.PHONE ? " AND subject = :subject" : "")
                        + " FOR UPDATE",
                parameters,
                String.class);
        if (!there.isEmpty()) {
            if (!there.get(0).equals(read.subject())) {
                return false;
            }
            jdbc.update(
                    "DELETE FROM " + table.name + " WHERE " + table.index + " = :old AND subject = :subject",
                    parameters);
            return true;
        }
        jdbc.update(
                "UPDATE " + table.name + " SET " + table.index + " = :new, hmac_key_id = :keyId" + " WHERE "
                        + table.index + " = :old AND subject = :subject",
                parameters);
        return true;
    }

    /** Deletes one row (its subject was erased meanwhile). */
    void deleteRow(LookupTable table, LookupRow row) {
        jdbc.update(
                "DELETE FROM " + table.name + " WHERE " + table.index + " = :index AND subject = :subject",
                new MapSqlParameterSource("index", row.index()).addValue("subject", row.subject()));
    }

    /** How many subject keys are not encrypted under the given KEK key. */
    long countNotUnderKek(long kekKeyId) {
        return count(
                "SELECT COUNT(*) FROM secrets_subject_key WHERE kek_key_id <> :kekKeyId",
                new MapSqlParameterSource("kekKeyId", kekKeyId));
    }

    private static LookupRow lookupRow(ResultSet rs, String indexColumn) throws SQLException {
        long keyId = rs.getLong("hmac_key_id");
        return new LookupRow(
                rs.getString(indexColumn),
                rs.getString("subject"),
                rs.wasNull() ? null : keyId,
                rs.getString("sealed"));
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
