package se.caseflow.web.docstore;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import se.caseflow.projections.read.ProjectionReader;

/**
 * Everything this node holds for one key with subscribers: who they are, the last copy read (encoded
 * once, shared by every socket), and for feeds the last entry id pushed. Reads and pushes run one at a
 * time on the topic's {@link SerialExecutor}; the fields below the executor are touched only there.
 */
final class Topic {

    final DocKey key;
    final SerialExecutor serial;
    final Set<Subscription> subscribers = ConcurrentHashMap.newKeySet();
    final AtomicBoolean refreshQueued = new AtomicBoolean();
    /** Subscriptions joining or joined; changed only inside the hub's {@code topics.compute}. */
    int members;

    DocFrame current;
    ProjectionReader.ViewPage currentPage;
    String cursor;

    Topic(DocKey key, SerialExecutor serial) {
        this.key = key;
        this.serial = serial;
    }

    record DocFrame(long version, byte[] bytes) {}

    record FeedFrame(String key, List<ProjectionReader.FeedEntry> entries, byte[] bytes) {

        static FeedFrame of(String key, List<ProjectionReader.FeedEntry> entries) {
            return new FeedFrame(key, entries, Frames.feed(key, entries));
        }

        String firstId() {
            return entries.get(0).id();
        }

        String lastId() {
            return entries.get(entries.size() - 1).id();
        }
    }
}
