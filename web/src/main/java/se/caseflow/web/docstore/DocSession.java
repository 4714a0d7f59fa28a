package se.caseflow.web.docstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import se.caseflow.domain.json.Json;

/**
 * One socket: its subscriptions and its bounded outbound queue. Frames are written only as fast as the
 * socket asks for them (Reactor Netty requests while the channel is writable); meanwhile a newer copy of
 * a document replaces the queued one, and feed frames beyond {@code queueFrames} end that feed's
 * subscription with a {@code gap} frame instead of growing the queue.
 */
final class DocSession {

    static final CloseStatus IDLE = new CloseStatus(4408, "idle timeout");
    static final CloseStatus FLOODED = new CloseStatus(4429, "too many unread frames");
    static final CloseStatus SIGNED_OUT = new CloseStatus(4401, "signed out or session expired");

    private static final ObjectMapper JSON = Json.mapper();
    private static final Pattern ENTRY_ID = Pattern.compile("\\d{1,19}-\\d{1,19}");
    private static final Set<String> FIELDS = Set.of("subscribe", "unsubscribe", "after");
    private static final byte[] EMPTY = new byte[0];

    final Viewer viewer;
    final SignedInSession signedIn;
    final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    volatile long lastSeen = System.nanoTime();

    private final WebSocketSession socket;
    private final DocStoreHub hub;
    private final DocumentAccessPolicy policy;
    private final int queueFrames;
    private final int maxSubscriptions;

    // the outbound queue, guarded by this
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private final Map<String, Item> queuedDocuments = new HashMap<>();
    private int queuedFeedFrames;
    private boolean pingQueued;
    private boolean closed;
    private FluxSink<WebSocketMessage> sink;

    private final AtomicInteger draining = new AtomicInteger();

    DocSession(
            WebSocketSession socket,
            Viewer viewer,
            SignedInSession signedIn,
            DocStoreHub hub,
            DocumentAccessPolicy policy,
            int queueFrames,
            int maxSubscriptions) {
        this.socket = socket;
        this.viewer = viewer;
        this.signedIn = signedIn;
        this.hub = hub;
        this.policy = policy;
        this.queueFrames = queueFrames;
        this.maxSubscriptions = maxSubscriptions;
    }

    /** What the socket sends: drained from the queue on demand. */
    Flux<WebSocketMessage> outbound() {
        return Flux.create(
                s -> {
                    synchronized (this) {
                        sink = s;
                    }
                    s.onRequest(n -> drain());
                },
                FluxSink.OverflowStrategy.BUFFER);
    }

    // ---- inbound

    void onMessage(WebSocketMessage message) {
        lastSeen = System.nanoTime();
        switch (message.getType()) {
            case PING, PONG -> {}
            case BINARY -> badRequest(null, "frames are JSON text");
            case TEXT -> onText(message.getPayloadAsText());
        }
    }

    private void onText(String text) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (Exception e) {
            badRequest(null, "not JSON");
            return;
        }
        if (frame == null || !frame.isObject()) {
            badRequest(null, "a frame is a JSON object");
            return;
        }
        for (Iterator<String> names = frame.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                badRequest(null, "unknown field '" + name + "'; known: subscribe, unsubscribe, after");
                return;
            }
        }
        JsonNode subscribe = frame.get("subscribe");
        JsonNode unsubscribe = frame.get("unsubscribe");
        JsonNode after = frame.get("after");
        if ((subscribe == null) == (unsubscribe == null)) {
            badRequest(null, "a frame has exactly one of subscribe, unsubscribe");
            return;
        }
        JsonNode keyNode = subscribe != null ? subscribe : unsubscribe;
        if (!keyNode.isTextual()
                || keyNode.asText().isEmpty()
                || keyNode.asText().length() > DocKey.MAX_LENGTH) {
            badRequest(null, "the key is a string of 1 to " + DocKey.MAX_LENGTH + " characters");
            return;
        }
        String key = keyNode.asText();
        if (unsubscribe != null) {
            if (after != null) {
                badRequest(key, "after belongs to subscribe");
                return;
            }
            hub.unsubscribe(this, key);
            offerControl(Frames.unsubscribed(key));
            return;
        }
        Optional<DocKey> docKey = DocKey.parse(key);
        if (docKey.isEmpty() || !policy.allows(viewer, docKey.get())) {
            offerControl(Frames.error(key, "forbidden", null, null));
            return;
        }
        String afterId = null;
        if (after != null) {
            if (docKey.get().kind() != DocKey.Kind.FEED) {
                badRequest(key, "after is for feeds only");
                return;
            }
            if (!after.isTextual() || !ENTRY_ID.matcher(after.asText()).matches()) {
                badRequest(key, "after is an entry id like \"12-0\"");
                return;
            }
            afterId = after.asText();
        }
        if (subscriptions.size() >= maxSubscriptions && !subscriptions.containsKey(key)) {
            offerControl(Frames.error(key, "limit", "at most " + maxSubscriptions + " subscriptions", null));
            return;
        }
        hub.subscribe(this, docKey.get(), afterId);
    }

    private void badRequest(String key, String message) {
        offerControl(Frames.error(key, "bad-request", message, null));
    }

    // ---- outbound

    /** Queues a document (or view) copy; a copy of the same key still waiting is replaced. */
    void offerDocument(String key, byte[] frame) {
        synchronized (this) {
            if (closed) {
                return;
            }
            Item waiting = queuedDocuments.get(key);
            if (waiting != null) {
                waiting.bytes = frame;
            } else {
                Item item = new Item(WebSocketMessage.Type.TEXT, frame, key, null, null);
                queuedDocuments.put(key, item);
                queue.add(item);
            }
        }
        drain();
    }

    /**
     * Queues the entries of a feed frame this subscription has not had yet. On overflow the feed's queued
     * frames are dropped, a {@code gap} frame says where to resume, and the subscription ends; returns
     * {@code false} then.
     */
    boolean offerFeed(Subscription subscription, Topic.FeedFrame frame) {
        boolean overflow = false;
        synchronized (this) {
            if (closed || !subscription.active()) {
                return false;
            }
            if (Frames.compareIds(frame.lastId(), subscription.lastQueued) <= 0) {
                return true;
            }
            byte[] bytes = frame.bytes();
            if (Frames.compareIds(frame.firstId(), subscription.lastQueued) <= 0) {
                String seen = subscription.lastQueued;
                bytes = Frames.feed(
                        frame.key(),
                        frame.entries().stream()
                                .filter(e -> Frames.compareIds(e.id(), seen) > 0)
                                .toList());
            }
            if (queuedFeedFrames >= queueFrames) {
                for (Iterator<Item> items = queue.iterator(); items.hasNext(); ) {
                    if (items.next().feed == subscription) {
                        items.remove();
                        queuedFeedFrames--;
                    }
                }
                queue.add(new Item(
                        WebSocketMessage.Type.TEXT,
                        Frames.error(
                                frame.key(),
                                "gap",
                                "too slow: subscribe again with after = resumeAfter",
                                subscription.lastDelivered),
                        null,
                        null,
                        null));
                overflow = true;
            } else {
                queue.add(new Item(WebSocketMessage.Type.TEXT, bytes, null, subscription, frame.lastId()));
                queuedFeedFrames++;
                subscription.lastQueued = frame.lastId();
            }
        }
        if (overflow) {
            hub.leave(subscription);
        }
        drain();
        return !overflow;
    }

    /** Queues an answer or error frame; a client that keeps asking without reading is disconnected. */
    void offerControl(byte[] frame) {
        boolean flooded;
        synchronized (this) {
            if (closed) {
                return;
            }
            flooded = queue.size() >= queueFrames + maxSubscriptions;
            if (!flooded) {
                queue.add(new Item(WebSocketMessage.Type.TEXT, frame, null, null, null));
            }
        }
        if (flooded) {
            close(FLOODED);
        } else {
            drain();
        }
    }

    void offerPing() {
        synchronized (this) {
            if (closed || pingQueued) {
                return;
            }
            pingQueued = true;
            queue.add(new Item(WebSocketMessage.Type.PING, EMPTY, null, null, null));
        }
        drain();
    }

    void close(CloseStatus status) {
        socket.close(status).subscribe();
    }

    /** Forgets everything queued; the socket is gone. */
    void dispose() {
        synchronized (this) {
            closed = true;
            queue.clear();
            queuedDocuments.clear();
        }
    }

    private void drain() {
        if (draining.getAndIncrement() != 0) {
            return;
        }
        do {
            while (true) {
                FluxSink<WebSocketMessage> target;
                Item item;
                synchronized (this) {
                    target = sink;
                    if (closed || target == null || target.requestedFromDownstream() <= 0) {
                        break;
                    }
                    item = queue.poll();
                    if (item == null) {
                        break;
                    }
                    if (item.documentKey != null) {
                        queuedDocuments.remove(item.documentKey);
                    } else if (item.feed != null) {
                        queuedFeedFrames--;
                        item.feed.lastDelivered = item.lastId;
                    } else if (item.type == WebSocketMessage.Type.PING) {
                        pingQueued = false;
                    }
                }
                // the frame's bytes are shared by every socket: wrapped, never copied
                target.next(
                        new WebSocketMessage(item.type, socket.bufferFactory().wrap(item.bytes)));
            }
        } while (draining.decrementAndGet() != 0);
    }

    private static final class Item {
        final WebSocketMessage.Type type;
        byte[] bytes;
        final String documentKey;
        final Subscription feed;
        final String lastId;

        Item(WebSocketMessage.Type type, byte[] bytes, String documentKey, Subscription feed, String lastId) {
            this.type = type;
            this.bytes = bytes;
            this.documentKey = documentKey;
            this.feed = feed;
            this.lastId = lastId;
        }
    }
}
