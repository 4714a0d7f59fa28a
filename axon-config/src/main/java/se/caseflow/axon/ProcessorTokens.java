package se.caseflow.axon;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.AbstractTokenEntry;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event processors' tokens in Axon's token table ({@code tokenentry}), across nodes: read each segment's position
 * and owner, start a processor over, let go of this node's stale claims, and hand a token to another processor's
 * segment. The ops side (processor status, rebuilds, erasure progress) goes through here; nothing else reads or writes
 * Axon's tables. Every method runs in the caller's transaction when there is one. Blocking.
 */
public final class ProcessorTokens {

    /** How Axon's {@link JdbcTokenStore} names this JVM as the owner of the segments it claims. */
    public static final String THIS_NODE = ManagementFactory.getRuntimeMXBean().getName();

    /**
     * One segment of a processor: the node that claims it (null: nobody), its position (null before its first
     * event, or when the token cannot be read) and its token as stored (null before the processor first ran).
     */
    public record Segment(int segment, String owner, Long position, StoredToken token) {}

    /** A token as the token table holds it, to be handed to another segment unchanged. */
    public record StoredToken(byte[] bytes, String type) {}

    /** A claim that was let go because it had expired: the segment, the node that held it, when it expired. */
    public record ExpiredClaim(int segment, String owner, Instant expiredAt) {}

    private record Claim(int segment, String owner, String timestamp) {}

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    /** {@code tokenStore}: the application's; its serializer reads positions (none when it is not Axon's JDBC one). */
    public ProcessorTokens(JdbcTemplate jdbc, TokenStore tokenStore) {
        this.jdbc = jdbc;
        this.serializer = tokenStore instanceof JdbcTokenStore store ? store.serializer() : null;
    }

    /** Every segment of {@code processor} in the token table, by segment number. */
    public List<Segment> segments(String processor) {
        return jdbc.query(
                "SELECT segment, owner, token, tokentype FROM tokenentry WHERE processorname = ? ORDER BY segment",
                (rs, i) -> {
                    byte[] token = rs.getBytes("token");
                    String type = rs.getString("tokentype");
                    return new Segment(
                            rs.getInt("segment"),
                            rs.getString("owner"),
                            position(token, type),
                            token == null ? null : new StoredToken(token, type));
                },
                processor);
    }

    /** Deletes every token of {@code processor}, so that it starts again from its first token (it must be stopped). */
    public void reset(String processor) {
        jdbc.update("DELETE FROM tokenentry WHERE processorname = ?", processor);
    }

    /**
     * Lets go of every segment of {@code processor} that this node still claims; only for when none of its workers
     * runs here (the processor is shut down), so every such claim is stale.
     */
    public int releaseThisNodesClaims(String processor) {
        return jdbc.update(
                "UPDATE tokenentry SET owner = NULL WHERE processorname = ? AND owner = ?", processor, THIS_NODE);
    }

    /**
     * Lets go of every claim on a segment of {@code processor} older than {@code claimTimeout} (by Axon's token clock,
     * which stamps the claims): a dead node's, which Axon lets any node take. Each is released only if it was not
     * renewed meanwhile; returns those released.
     */
    public List<ExpiredClaim> releaseExpiredClaims(String processor, Duration claimTimeout) {
        Instant cutoff = AbstractTokenEntry.clock.instant().minus(claimTimeout);
        return jdbc
                .query(
                        "SELECT segment, owner, timestamp FROM tokenentry WHERE processorname = ? AND owner IS NOT NULL",
                        (rs, i) -> new Claim(rs.getInt("segment"), rs.getString("owner"), rs.getString("timestamp")),
                        processor)
                .stream()
                .filter(claim -> DateTimeUtils.parseInstant(claim.timestamp()).isBefore(cutoff))
                .filter(claim -> jdbc.update(
                                "UPDATE tokenentry SET owner = NULL WHERE processorname = ? AND segment = ?"
                                        + " AND owner = ? AND timestamp = ?",
                                processor,
                                claim.segment(),
                                claim.owner(),
                                claim.timestamp())
                        == 1)
                .map(claim -> new ExpiredClaim(
                        claim.segment(),
                        claim.owner(),
                        DateTimeUtils.parseInstant(claim.timestamp()).plus(claimTimeout)))
                .toList();
    }

    /**
     * Gives {@code segment} of {@code processor} the {@code token}, unless a node claims that segment: returns false
     * then, and changes nothing.
     */
    public boolean giveIfUnclaimed(StoredToken token, String processor, int segment) {
        return jdbc.update(
                        "UPDATE tokenentry SET token = ?, tokentype = ? WHERE processorname = ? AND segment = ?"
                                + " AND owner IS NULL",
                        token.bytes(),
                        token.type(),
                        processor,
                        segment)
                == 1;
    }

    private Long position(byte[] token, String type) {
        if (serializer == null || token == null || type == null) {
            return null;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        OptionalLong position = tracking == null ? OptionalLong.empty() : tracking.position();
        return position.isPresent() ? position.getAsLong() : null;
    }
}
