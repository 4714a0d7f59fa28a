package se.caseflow.web.docstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

/** A real websocket client of {@code /ws/docs}: frames received go to a queue, text frames go out. */
public final class SocketClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable connection;
    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

    private SocketClient(int port, HttpHeaders headers, CompletableFuture<Void> opened) {
        connection = new ReactorNettyWebSocketClient()
                .execute(URI.create("ws://localhost:" + port + "/ws/docs"), headers, session -> {
                    opened.complete(null);
                    session.closeStatus().subscribe(closed::complete);
                    return session.send(outbound.asFlux().map(session::textMessage))
                            .and(session.receive()
                                    .doOnNext(m -> frames.add(parse(m.getPayloadAsText())))
                                    .then());
                })
                .subscribe(null, opened::completeExceptionally);
    }

    /** Connects, or throws what the handshake failed with. */
    public static SocketClient connect(int port, HttpHeaders headers) throws Exception {
        CompletableFuture<Void> opened = new CompletableFuture<>();
        SocketClient client = new SocketClient(port, headers, opened);
        opened.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    public void send(String text) {
        outbound.tryEmitNext(text).orThrow();
    }

    /** The next frame, whatever it is. */
    public JsonNode next() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame = frames.poll(100, TimeUnit.MILLISECONDS);
            if (frame != null) {
                return frame;
            }
        }
        throw new AssertionError("No frame within " + TIMEOUT);
    }

    /** The next frame, or {@code null} if none arrived within {@code timeout}. */
    public JsonNode poll(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next frame matching, skipping others (pushes of other keys). */
    public JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame = frames.poll(100, TimeUnit.MILLISECONDS);
            if (frame != null && wanted.test(frame)) {
                return frame;
            }
        }
        throw new AssertionError("No matching frame within " + TIMEOUT);
    }

    /** Every frame received and not yet taken, oldest first. */
    public java.util.List<JsonNode> drain() {
        java.util.List<JsonNode> all = new java.util.ArrayList<>();
        frames.drainTo(all);
        return all;
    }

    /** How the server closed the socket, waiting up to {@code timeout} for it. */
    public CloseStatus awaitClosed(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        outbound.tryEmitComplete();
        connection.dispose();
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
