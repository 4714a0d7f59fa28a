package se.caseflow.web.docstore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;
import org.springframework.web.server.session.WebSessionStore;
import reactor.core.publisher.Mono;

/**
 * Websocket handshakes (upgraded on the connection's event loop, {@link EventLoopUpgradeStrategy}) that hand the
 * doc-store socket the web session it was opened under, so that the socket ends when that session does.
 */
final class SessionFollowingWebSocketService extends HandshakeWebSocketService {

    private final ObjectProvider<WebSessionManager> sessions;

    SessionFollowingWebSocketService(ObjectProvider<WebSessionManager> sessions) {
        super(new EventLoopUpgradeStrategy());
        this.sessions = sessions;
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        if (!(handler instanceof DocSocketHandler docs)) {
            return super.handleRequest(exchange, handler);
        }
        WebSessionStore store = store(sessions.getObject());
        return exchange.getSession()
                .flatMap(session -> super.handleRequest(
                        exchange, socket -> docs.handle(socket, SignedInSession.of(session, store))));
    }

    private static WebSessionStore store(WebSessionManager sessions) {
        if (!(sessions instanceof DefaultWebSessionManager manager)) {
            throw new IllegalStateException("the doc-store follows Spring's DefaultWebSessionManager, found "
                    + sessions.getClass().getName());
        }
        return manager.getSessionStore();
    }
}
