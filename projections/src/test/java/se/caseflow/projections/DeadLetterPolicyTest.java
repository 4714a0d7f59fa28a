package se.caseflow.projections;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import java.io.IOException;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The shapes of failure the fault suite met that are not produced on demand by {@code RedisOutageTest}: a
 * connection reset by peer while Redis restarts is an outage, and so is a handler Axon interrupted for running past
 * its timeout on an overloaded machine; a bad event stays a dead letter.
 */
class DeadLetterPolicyTest {

    @Test
    void aConnectionResetUnderLettuceIsAnOutage() {
        RedisException reset = new RedisException(
                "io.netty.channel.unix.Errors$NativeIoException: recvAddress(..) failed with error(-104): "
                        + "Connection reset by peer",
                new IOException("recvAddress(..) failed with error(-104): Connection reset by peer"));

        assertThat(DeadLetterPolicy.isOutage(reset)).isTrue();
    }

    @Test
    void aHandlerInterruptedForRunningPastItsTimeoutIsAnOutage() {
        AxonTimeoutException timeout = new AxonTimeoutException(
                "Message [se.caseflow.domain.api.SmsRequested] for handler [SmsProjection] has timed out");

        assertThat(DeadLetterPolicy.isOutage(new IllegalStateException("projection failed", timeout)))
                .isTrue();
    }

    @Test
    void anUnreadableEventIsNotAnOutageEvenThoughJacksonCallsItAnIoException() {
        assertThat(DeadLetterPolicy.isOutage(new IllegalStateException(
                        "cannot read the event", new JsonParseException(null, "Unexpected character"))))
                .isFalse();
    }

    @Test
    void aScriptErrorReplyIsNotAnOutage() {
        assertThat(DeadLetterPolicy.isOutage(new RedisCommandExecutionException(
                        "ERR user_script:12: Script attempted to access nonexistent global variable")))
                .isFalse();
    }
}
