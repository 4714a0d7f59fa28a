package se.caseflow.domain.credit;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Sends a command so that its events are committed when {@link #send} returns, even when called from an
 * event handler. A command sent from a saga on the processor's own thread runs in a unit of work nested in
 * the processor's: its events would be appended only when the processor commits its batch and token. Here
 * the command runs on a thread of its own, with no unit of work and no transaction bound, so Axon opens a
 * root unit of work and a transaction of its own, and commits both before the result comes back.
 */
public final class DetachedCommands implements AutoCloseable {

    private final CommandGateway gateway;
    private final ExecutorService executor;
    private final Duration timeout;

    public DetachedCommands(CommandGateway gateway, int threads, Duration timeout) {
        this.gateway = gateway;
        this.timeout = timeout;
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "detached-command-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Sends and waits until the command's transaction committed.
     *
     * @throws RuntimeException what the handler threw (e.g. a {@code CaseRuleViolation}), or an
     *     {@link IllegalStateException} when no answer came within the timeout (the command may still commit)
     */
    public void send(Object command) {
        Future<?> result = executor.submit(() -> gateway.sendAndWait(command));
        try {
            result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    command.getClass().getSimpleName() + " got no answer within " + timeout + "; it may still commit",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "Interrupted while sending " + command.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
