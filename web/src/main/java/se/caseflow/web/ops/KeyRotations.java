package se.caseflow.web.ops;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import se.caseflow.secrets.HmacKeyRotation;
import se.caseflow.secrets.KeyRewrapJob;

/**
 * Finishes a key rotation on a running cluster (docs/adr/0040, docs/ops.md#rotating-the-keys): after the operator put
 * the new KEK and HMAC keys into every node's key material, one rotation re-encrypts every subject key under the
 * primary KEK key and derives every erasable look-up row again under the primary HMAC key, then rebuilds the read
 * side (whose SMS routing indexes are HMACs too). Afterwards the old keys can be removed from the key material.
 *
 * <p>The rotation is a row in {@code ops_key_rotation}: at most one runs at a time (a unique column set while it
 * runs), and the node that works on it holds a lease in the row, renewed while it works. Every node looks for a
 * rotation to take every quarter lease; a node whose own primary keys differ from the ones the rotation was asked
 * for leaves it alone. A node that dies leaves a lease that expires, and another node (or the same one, restarted)
 * continues from the phase the row records: every phase is idempotent, so a phase done twice changes nothing.
 */
final class KeyRotations implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeyRotations.class);

    enum Phase {
        SEALING,
        REWRAPPING,
        REDERIVING,
        REBUILDING,
        DONE,
        FAILED
    }

    /** A rotation as stored, with what this node sees is left to do. */
    record Rotation(
            String id,
            Phase phase,
            String requestedBy,
            Instant requestedAt,
            long hmacKeyId,
            long kekKeyId,
            String owner,
            Instant leaseUntil,
            long adopted,
            long rewrapped,
            long rederived,
            Instant finishedAt,
            String error) {}

    /** The tokens of personal data in the event store, each handed to the action. */
    interface TokenSource {
        void forEachToken(Consumer<String> action);
    }

    /** Rebuilds every rebuildable projection and returns once the rebuilds are done. */
    interface ReadSideRebuild {
        void rebuildAll(String requestedBy, String reason) throws InterruptedException;
    }

    private static final String COLUMNS = "id, phase, requested_by, requested_at, hmac_key_id, kek_key_id, owner,"
            + " lease_until, adopted, rewrapped, rederived, finished_at, error";

    private final NamedParameterJdbcTemplate jdbc;
    private final HmacKeyRotation hmac;
    private final KeyRewrapJob kek;
    private final TokenSource tokens;
    private final ReadSideRebuild rebuild;
    private final Duration lease;
    private final Clock clock;
    private final String node;
    private final ReentrantLock working = new ReentrantLock();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "ops-key-rotation");
        thread.setDaemon(true);
        return thread;
    });

    KeyRotations(
            NamedParameterJdbcTemplate jdbc,
            HmacKeyRotation hmac,
            KeyRewrapJob kek,
            TokenSource tokens,
            ReadSideRebuild rebuild,
            Duration lease,
            Clock clock) {
        this.jdbc = jdbc;
        this.hmac = hmac;
        this.kek = kek;
        this.tokens = tokens;
        this.rebuild = rebuild;
        this.lease = lease;
        this.clock = clock;
        this.node = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Looks for a rotation to work on every quarter lease, from now on. */
    KeyRotations start() {
        long every = Math.max(1, lease.toMillis() / 4);
        scheduler.scheduleWithFixedDelay(this::tickQuietly, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    String node() {
        return node;
    }

    /**
     * Asks for a rotation to this node's primary keys, or answers the one that runs already (asking twice starts one).
     */
    Rotation request(String requestedBy) {
        Optional<Rotation> running = running();
        if (running.isPresent()) {
            return running.get();
        }
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        try {
            jdbc.update(
                    "INSERT INTO ops_key_rotation (id, phase, running, requested_by, requested_at, hmac_key_id,"
                            + " kek_key_id, adopted, rewrapped, rederived, updated_at)"
                            + " VALUES (:id, :phase, 'Y', :by, :now, :hmac, :kek, 0, 0, 0, :now)",
                    new MapSqlParameterSource("id", id)
                            .addValue("phase", Phase.SEALING.name())
                            .addValue("by", requestedBy)
                            .addValue("now", now.atOffset(ZoneOffset.UTC))
                            .addValue("hmac", hmac.primaryKeyId())
                            .addValue("kek", kek.primaryKekKeyId()));
        } catch (DuplicateKeyException anotherFirst) {
            return running().orElseThrow(() -> anotherFirst);
        }
        log.info("Key rotation {} asked for by {}", id, requestedBy);
        return find(id).orElseThrow();
    }

    /** Looks for work now rather than at the next quarter lease (after a request on this node). */
    void tickSoon() {
        scheduler.execute(this::tickQuietly);
    }

    Optional<Rotation> find(String id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM ops_key_rotation WHERE id = :id",
                        new MapSqlParameterSource("id", id),
                        (rs, n) -> row(rs))
                .stream()
                .findFirst();
    }

    Optional<Rotation> running() {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM ops_key_rotation WHERE running = 'Y'",
                        new MapSqlParameterSource(),
                        (rs, n) -> row(rs))
                .stream()
                .findFirst();
    }

    /** The newest rotations, newest first. */
    List<Rotation> recent(int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM ops_key_rotation ORDER BY requested_at DESC LIMIT :limit",
                new MapSqlParameterSource("limit", limit),
                (rs, n) -> row(rs));
    }

    HmacKeyRotation.Remaining remainingLookups() {
        return hmac.remaining();
    }

    long remainingSubjectKeys() {
        return kek.remainingSubjectKeys();
    }

    /** This node's HMAC keys besides the primary: the ones to remove from the key material once a rotation is done. */
    List<Long> oldHmacKeys() {
        return hmac.keyIds().stream().filter(id -> id != hmac.primaryKeyId()).toList();
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Key rotation: could not look for work", e);
        }
    }

    /** Takes the running rotation if no live lease holds it and its keys are this node's, and works it to its end. */
    void tick() throws InterruptedException {
        // one thread of this node at a time: the lease tells nodes apart, not threads
        if (!working.tryLock()) {
            return;
        }
        try {
            Optional<Rotation> running = running();
            if (running.isEmpty() || !claim(running.get())) {
                return;
            }
            Rotation rotation = running.get();
            var renewal = scheduler.scheduleWithFixedDelay(
                    () -> renewQuietly(rotation.id()),
                    lease.toMillis() / 3,
                    lease.toMillis() / 3,
                    TimeUnit.MILLISECONDS);
            try {
                work(rotation.id());
            } finally {
                renewal.cancel(false);
            }
        } finally {
            working.unlock();
        }
    }

    private boolean claim(Rotation rotation) {
        if (rotation.hmacKeyId() != hmac.primaryKeyId() || rotation.kekKeyId() != kek.primaryKekKeyId()) {
            log.warn(
                    "Key rotation {} is for HMAC key {} and KEK key {}, this node's primaries are {} and {}: left to"
                            + " the nodes with those keys",
                    rotation.id(),
                    rotation.hmacKeyId(),
                    rotation.kekKeyId(),
                    hmac.primaryKeyId(),
                    kek.primaryKekKeyId());
            return false;
        }
        Instant now = clock.instant();
        return jdbc.update(
                        "UPDATE ops_key_rotation SET owner = :node, lease_until = :until, updated_at = :now"
                                + " WHERE id = :id AND running = 'Y'"
                                + " AND (owner IS NULL OR owner = :node OR lease_until < :now)",
                        new MapSqlParameterSource("node", node)
                                .addValue("until", now.plus(lease).atOffset(ZoneOffset.UTC))
                                .addValue("now", now.atOffset(ZoneOffset.UTC))
                                .addValue("id", rotation.id()))
                == 1;
    }

    private void renewQuietly(String id) {
        try {
            claim(find(id).orElseThrow());
        } catch (RuntimeException e) {
            log.warn("Key rotation {}: lease not renewed", id, e);
        }
    }

    private void work(String id) throws InterruptedException {
        Rotation rotation = find(id).orElseThrow();
        try {
            Phase phase = rotation.phase();
            if (phase == Phase.SEALING) {
                long[] adopted = {0};
                tokens.forEachToken(token -> adopted[0] += hmac.adopt(token));
                phase = advance(id, Phase.REWRAPPING, "adopted", adopted[0]);
            }
            if (phase == Phase.REWRAPPING) {
                phase = advance(id, Phase.REDERIVING, "rewrapped", kek.rewrapAll());
            }
            if (phase == Phase.REDERIVING) {
                long moved = hmac.rederiveAll();
                HmacKeyRotation.Remaining left = hmac.remaining();
                if (left.rows() > 0) {
                    throw new IllegalStateException(left.rows() + " look-up rows are still under another HMAC key ("
                            + left.unsealedRows() + " with no sealed value and no token in the events to adopt)");
                }
                phase = advance(id, Phase.REBUILDING, "rederived", moved);
            }
            if (phase == Phase.REBUILDING) {
                if (hmac.keyIds().size() > 1) {
                    rebuild.rebuildAll(rotation.requestedBy(), "key rotation " + id);
                }
                finish(id, Phase.DONE, null);
                log.info("Key rotation {} done; the old keys can be removed from the key material", id);
            }
        } catch (InterruptedException e) {
            throw e; // the node stops: the lease expires and the rotation continues elsewhere
        } catch (RuntimeException e) {
            log.error("Key rotation {} failed", id, e);
            finish(id, Phase.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Records a phase done, if this node still owns the rotation (a node that lost its lease writes nothing). */
    private Phase advance(String id, Phase next, String counter, long count) {
        int updated = jdbc.update(
                "UPDATE ops_key_rotation SET phase = :next, " + counter + " = " + counter + " + :count,"
                        + " updated_at = :now WHERE id = :id AND owner = :node AND running = 'Y'",
                new MapSqlParameterSource("next", next.name())
                        .addValue("count", count)
                        .addValue("now", clock.instant().atOffset(ZoneOffset.UTC))
                        .addValue("id", id)
                        .addValue("node", node));
        if (updated != 1) {
            throw new IllegalStateException("this node lost key rotation " + id + " to another node");
        }
        return next;
    }

    private void finish(String id, Phase phase, String error) {
        Instant now = clock.instant();
        jdbc.update(
                "UPDATE ops_key_rotation SET phase = :phase, running = NULL, owner = NULL, lease_until = NULL,"
                        + " finished_at = :now, updated_at = :now, error = :error"
                        + " WHERE id = :id AND owner = :node AND running = 'Y'",
                new MapSqlParameterSource("phase", phase.name())
                        .addValue("now", now.atOffset(ZoneOffset.UTC))
                        .addValue("error", error == null ? null : error.substring(0, Math.min(500, error.length())))
                        .addValue("id", id)
                        .addValue("node", node));
    }

    private static Rotation row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Rotation(
                rs.getString("id"),
                Phase.valueOf(rs.getString("phase")),
                rs.getString("requested_by"),
                instant(rs, "requested_at"),
                rs.getLong("hmac_key_id"),
                rs.getLong("kek_key_id"),
                rs.getString("owner"),
                instant(rs, "lease_until"),
                rs.getLong("adopted"),
                rs.getLong("rewrapped"),
                rs.getLong("rederived"),
                instant(rs, "finished_at"),
                rs.getString("error"));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        java.time.OffsetDateTime at = rs.getObject(column, java.time.OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
