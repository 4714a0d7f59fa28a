package se.caseflow.web.docstore;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code caseflow.web.*}: the websocket doc-store.
 *
 * @param allowedOrigins origins besides the page's own that may open {@code /ws/docs} (browser handshakes
 *     carry {@code Origin}; a same-origin one is always allowed)
 * @param docstore limits and timers of the doc-store
 */
@ConfigurationProperties("caseflow.web")
record DocStoreProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue Docstore docstore) {

    /**
     * @param heartbeat how often the server pings every socket
     * @param idleTimeout a socket that sent nothing (not even a pong) for this long is closed
     * @param queueFrames frames a socket may have waiting before its feeds overflow (documents coalesce)
     * @param maxSubscriptions keys one socket may subscribe to at once
     * @param viewPageSize cases in a view frame (its first page, latest first)
     * @param feedChunk entries at most per feed frame
     * @param threads worker threads that read Redis for the doc-store (never the event loop)
     * @param sessionCheck how often sockets are checked for a sign-in that ended (signed out, expired): such a
     *     socket is closed with 4401 within this time
     */
    record Docstore(
            @DefaultValue("PT20S") Duration heartbeat,
            @DefaultValue("PT60S") Duration idleTimeout,
            @DefaultValue("64") int queueFrames,
            @DefaultValue("256") int maxSubscriptions,
            @DefaultValue("100") int viewPageSize,
            @DefaultValue("500") int feedChunk,
            @DefaultValue("8") int threads,
            @DefaultValue("PT2S") Duration sessionCheck) {}
}
