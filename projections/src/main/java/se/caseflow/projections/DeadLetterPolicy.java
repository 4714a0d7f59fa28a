package se.caseflow.projections;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.timeout.AxonTimeoutException;

/**
 * Which failures of a projection are dead letters. An event the projection cannot apply (unreadable data, a bug)
 * is dead-lettered with its cause and an {@code attempts} count in its diagnostics, and the rest of the stream
 * goes on; later events of the same case queue behind it. An outage (Redis unreachable or timing out, the
 * database's connections failing) is no fault of the event: it is thrown on, so the processor retries the batch
 * with back-off and nothing is dead-lettered or skipped. Redis answering with an error code that says it cannot
 * take writes for now ({@link #REDIS_OUTAGE_CODES}: still loading its data after a restart, busy with a script, a
 * replica or cut off from its master, out of memory) is an outage too (docs/adr/0023). So is a handler that Axon
 * interrupted for running past its timeout ({@code axon.timeout.handler.events}): on an overloaded machine a sound
 * event can take that long, and the next attempt applies it.
 */
public final class DeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    /** The diagnostics key counting how often the event was tried. */
    public static final String ATTEMPTS = "attempts";

    /** The first word of a Redis error reply that says the server, not the event, is the problem now. */
    static final Set<String> REDIS_OUTAGE_CODES =
            Set.of("LOADING", "BUSY", "READONLY", "OOM", "MASTERDOWN", "MISCONF", "TRYAGAIN", "CLUSTERDOWN");

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (isOutage(cause)) {
            throw cause instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException("Outage while projecting; the batch is retried", cause);
        }
        return Decisions.enqueue(
                ThrowableCause.truncated(cause), l -> l.diagnostics().and(ATTEMPTS, attempts(l) + 1));
    }

    static long attempts(DeadLetter<?> letter) {
        Object attempts = letter.diagnostics().get(ATTEMPTS);
        return attempts instanceof Number number ? number.longValue() : 0;
    }

    static boolean isOutage(Throwable cause) {
        boolean fromRedis = false;
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Lettuce reports a connection reset by peer as a RedisException over the channel's IOException
            fromRedis |= t instanceof RedisException;
            if (fromRedis && t instanceof IOException
                    || t instanceof RedisConnectionException
                    || t instanceof RedisCommandTimeoutException
                    || t instanceof RedisCommandInterruptedException
                    || t instanceof RedisCommandExecutionException redis && isRedisOutage(redis.getMessage())
                    || t instanceof AxonTimeoutException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof SocketException
                    || t instanceof SocketTimeoutException
                    || t instanceof ClosedChannelException
                    || t.getClass().getName().startsWith("org.springframework.dao.Transient")
                    || t.getClass().getName().equals("org.springframework.jdbc.CannotGetJdbcConnectionException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRedisOutage(String reply) {
        return reply != null && REDIS_OUTAGE_CODES.contains(reply.split(" ", 2)[0]);
    }
}
