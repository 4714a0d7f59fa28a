package se.caseflow.web.docstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import se.caseflow.domain.json.Json;
import se.caseflow.projections.read.ProjectionReader;

/**
 * The node's side of the doc-store: one Redis pub/sub subscription for the whole node, a {@link Topic}
 * per key that has subscribers, and every socket. A change notice makes the topic read the key once,
 * encode the frame once and offer it to each subscribed socket that may still read it. Redis is read
 * only on the worker pool, never on a Netty or Lettuce thread.
 */
final class DocStoreHub implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DocStoreHub.class);
    private static final ObjectMapper JSON = Json.mapper();

    private final ProjectionReader reader;
    private final DocumentAccessPolicy policy;
    private final Scheduler workers;
    private final DocStoreProperties.Docstore settings;
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final Set<DocSession> sessions = ConcurrentHashMap.newKeySet();
    /** View frames carry this node's revision counter as their version. */
    private final AtomicLong viewRevisions = new AtomicLong();

    private AutoCloseable notices;
    private Disposable heartbeat;
    private Disposable sessionCheck;

    DocStoreHub(
            ProjectionReader reader,
            DocumentAccessPolicy policy,
            Scheduler workers,
            DocStoreProperties.Docstore settings) {
        this.reader = reader;
        this.policy = policy;
        this.workers = workers;
        this.settings = settings;
    }

    void start() {
        notices = reader.subscribe(this::onNotice, this::refreshAll);
        Duration every = settings.heartbeat();
        heartbeat = Flux.interval(every, every).subscribe(tick -> heartbeat());
        Duration check = settings.sessionCheck();
        sessionCheck = Flux.interval(check, check).subscribe(tick -> closeSignedOut());
    }

    @Override
    public void close() throws Exception {
        if (heartbeat != null) {
            heartbeat.dispose();
        }
        if (sessionCheck != null) {
            sessionCheck.dispose();
        }
        if (notices != null) {
            notices.close();
        }
    }

    int sessionCount() {
        return sessions.size();
    }

    int topicCount() {
        return topics.size();
    }

    DocSession open(DocSession session) {
        sessions.add(session);
        return session;
    }

    void closed(DocSession session) {
        sessions.remove(session);
        session.dispose();
        for (Subscription subscription : List.copyOf(session.subscriptions.values())) {
            leave(subscription);
        }
    }

    void subscribe(DocSession session, DocKey key, String after) {
        Subscription previous = session.subscriptions.get(key.key());
        if (previous != null) {
            leave(previous);
        }
        Subscription subscription = new Subscription(session, key, after);
        session.subscriptions.put(key.key(), subscription);
        Topic topic = topics.compute(key.key(), (k, existing) -> {
            Topic t = existing != null ? existing : new Topic(key, new SerialExecutor(workers));
            t.members++;
            return t;
        });
        subscription.topic = topic;
        topic.serial.execute(() -> join(topic, subscription));
    }

    void unsubscribe(DocSession session, String key) {
        Subscription subscription = session.subscriptions.get(key);
        if (subscription != null) {
            leave(subscription);
        }
    }

    void leave(Subscription subscription) {
        if (!subscription.deactivate()) {
            return;
        }
        subscription.session.subscriptions.remove(subscription.key.key(), subscription);
        Topic topic = subscription.topic;
        topic.subscribers.remove(subscription);
        topics.computeIfPresent(subscription.key.key(), (k, t) -> {
            if (t != topic) {
                return t;
            }
            t.members--;
            return t.members == 0 ? null : t;
        });
    }

    private void onNotice(String notice) {
        if (notice.startsWith(ProjectionReader.GENERATION_NOTICE)) {
            // a rebuilt generation serves now: every key may have a new copy, even at the same version
            log.info("Read side switched to a rebuilt generation; re-reading {} subscribed keys", topics.size());
            for (Topic topic : topics.values()) {
                topic.serial.execute(() -> refresh(topic, true));
            }
            return;
        }
        Topic topic;
        try {
            JsonNode key = JSON.readTree(notice).get("key");
            topic = key == null ? null : topics.get(key.asText());
        } catch (Exception e) {
            log.warn("Unreadable change notice {}", notice);
            return;
        }
        if (topic != null && topic.refreshQueued.compareAndSet(false, true)) {
            topic.serial.execute(() -> refresh(topic, false));
        }
    }

    /** After the notice channel was re-established: any notice may have been lost, so re-read every topic. */
    private void refreshAll() {
        log.info("Change notices resumed after a Redis disconnect; re-reading {} subscribed keys", topics.size());
        for (Topic topic : topics.values()) {
            if (topic.refreshQueued.compareAndSet(false, true)) {
                topic.serial.execute(() -> refresh(topic, false));
            }
        }
    }

    /** The first frame of a subscription: the current copy, or a feed's entries after {@code after}. */
    private void join(Topic topic, Subscription subscription) {
        if (!subscription.active()) {
            return;
        }
        DocSession session = subscription.session;
        String key = topic.key.key();
        try {
            switch (topic.key.kind()) {
                case DOCUMENT -> {
                    if (topic.current == null) {
                        Optional<ProjectionReader.Document> document = reader.document(key);
                        if (document.isEmpty()) {
                            notFound(subscription);
                            return;
                        }
                        topic.current = documentFrame(document.get());
                    }
                    session.offerDocument(key, topic.current.bytes());
                }
                case VIEW -> {
                    if (topic.current == null) {
                        readView(topic);
                    }
                    session.offerDocument(key, topic.current.bytes());
                }
                case FEED -> {
                    if (!reader.exists(key)) {
                        notFound(subscription);
                        return;
                    }
                    String last = null;
                    List<ProjectionReader.FeedEntry> entries =
                            reader.feed(key, subscription.after, settings.feedChunk());
                    if (entries.isEmpty()) {
                        session.offerControl(Frames.feed(key, List.of()));
                    }
                    while (!entries.isEmpty()) {
                        if (!session.offerFeed(subscription, Topic.FeedFrame.of(key, entries))) {
                            return;
                        }
                        last = entries.get(entries.size() - 1).id();
                        if (entries.size() < settings.feedChunk()) {
                            break;
                        }
                        entries = reader.feed(key, last, settings.feedChunk());
                    }
                    if (topic.cursor == null) {
                        // with nothing read the stream's end is unknown: the first push reads it all,
                        // and each socket skips what it has
                        topic.cursor = last != null ? last : "0-0";
                    }
                }
            }
            topic.subscribers.add(subscription);
            if (!subscription.active()) {
                topic.subscribers.remove(subscription);
            }
        } catch (RuntimeException e) {
            log.warn("Doc-store could not read {}", key, e);
            session.offerControl(Frames.error(key, "unavailable", "the read side did not answer", null));
            leave(subscription);
        }
    }

    /**
     * After a change notice: read the key once and offer the new frame to every subscriber. After a generation
     * switch a document is pushed when its copy differs even at the same version (an erased name, say).
     */
    private void refresh(Topic topic, boolean generationSwitch) {
        if (!generationSwitch) {
            topic.refreshQueued.set(false);
        }
        String key = topic.key.key();
        try {
            switch (topic.key.kind()) {
                case DOCUMENT -> {
                    Optional<ProjectionReader.Document> document = reader.document(key);
                    // gone, or an older notice than the copy already pushed
                    if (document.isEmpty()
                            || (topic.current != null && document.get().version() < topic.current.version())) {
                        return;
                    }
                    Topic.DocFrame frame = documentFrame(document.get());
                    if (topic.current != null
                            && document.get().version() == topic.current.version()
                            && (!generationSwitch || Arrays.equals(frame.bytes(), topic.current.bytes()))) {
                        return;
                    }
                    topic.current = frame;
                    broadcast(topic, topic.current.bytes(), null);
                }
                case VIEW -> {
                    ProjectionReader.ViewPage before = topic.currentPage;
                    readView(topic);
                    if (!topic.currentPage.equals(before)) {
                        broadcast(topic, topic.current.bytes(), null);
                    }
                }
                case FEED -> {
                    if (topic.cursor == null) {
                        return; // no subscriber has joined yet; joining reads the feed
                    }
                    while (true) {
                        List<ProjectionReader.FeedEntry> entries = reader.feed(key, topic.cursor, settings.feedChunk());
                        if (entries.isEmpty()) {
                            break;
                        }
                        Topic.FeedFrame frame = Topic.FeedFrame.of(key, entries);
                        topic.cursor = frame.lastId();
                        broadcast(topic, null, frame);
                        if (entries.size() < settings.feedChunk()) {
                            break;
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("Doc-store could not refresh {}", key, e);
            topic.current = null;
            topic.currentPage = null;
        }
    }

    private void broadcast(Topic topic, byte[] document, Topic.FeedFrame feed) {
        for (Subscription subscription : topic.subscribers) {
            if (!subscription.active()) {
                topic.subscribers.remove(subscription);
            } else if (!policy.allows(subscription.session.viewer, topic.key)) {
                subscription.session.offerControl(Frames.error(topic.key.key(), "forbidden", null, null));
                leave(subscription);
            } else if (feed != null) {
                subscription.session.offerFeed(subscription, feed);
            } else {
                subscription.session.offerDocument(topic.key.key(), document);
            }
        }
    }

    private void readView(Topic topic) {
        ProjectionReader.ViewPage page = reader.view(topic.key.key(), 0, settings.viewPageSize());
        long version = viewRevisions.incrementAndGet();
        topic.currentPage = page;
        topic.current = new Topic.DocFrame(version, Frames.view(page, 0, version));
    }

    private void notFound(Subscription subscription) {
        subscription.session.offerControl(Frames.error(subscription.key.key(), "not-found", null, null));
        leave(subscription);
    }

    private static Topic.DocFrame documentFrame(ProjectionReader.Document document) {
        return new Topic.DocFrame(
                document.version(), Frames.document(document.key(), document.version(), document.json()));
    }

    /** A socket opened under a sign-in that has ended (signed out, expired, replaced) is closed with 4401. */
    private void closeSignedOut() {
        for (DocSession session : sessions) {
            if (session.signedIn.ended()) {
                session.close(DocSession.SIGNED_OUT);
            }
        }
    }

    private void heartbeat() {
        long now = System.nanoTime();
        long idle = settings.idleTimeout().toNanos();
        for (DocSession session : sessions) {
            if (now - session.lastSeen > idle) {
                session.close(DocSession.IDLE);
            } else {
                session.offerPing();
            }
        }
    }
}
