package se.caseflow.web.docstore;

import java.util.List;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /ws/docs}. Spring Security has authenticated the handshake; the origin check is CORS on the
 * handshake: a browser's cross-origin {@code Origin} is refused (403) unless it is in
 * {@code caseflow.web.allowed-origins}, a same-origin one or none (not a browser) passes.
 */
final class DocSocketHandler implements WebSocketHandler, CorsConfigurationSource {

    private final DocStoreHub hub;
    private final DocumentAccessPolicy policy;
    private final DocStoreProperties properties;
    private final CorsConfiguration origins = new CorsConfiguration();

    DocSocketHandler(DocStoreHub hub, DocumentAccessPolicy policy, DocStoreProperties properties) {
        this.hub = hub;
        this.policy = policy;
        this.properties = properties;
        origins.setAllowedOrigins(List.copyOf(properties.allowedOrigins()));
        origins.setAllowedMethods(List.of("GET"));
        origins.setAllowCredentials(true);
    }

    @Override
    public CorsConfiguration getCorsConfiguration(ServerWebExchange exchange) {
        return origins;
    }

    @Override
    public Mono<Void> handle(WebSocketSession socket) {
        return handle(socket, SignedInSession.NONE);
    }

    /** A socket that ends when {@code signedIn} does ({@link SessionFollowingWebSocketService}). */
    Mono<Void> handle(WebSocketSession socket, SignedInSession signedIn) {
        return socket.getHandshakeInfo().getPrincipal().map(Viewer::of).flatMap(viewer -> {
            DocSession session = hub.open(new DocSession(
                    socket,
                    viewer,
                    signedIn,
                    hub,
                    policy,
                    properties.docstore().queueFrames(),
                    properties.docstore().maxSubscriptions()));
            Mono<Void> inbound = socket.receive().doOnNext(session::onMessage).then();
            Mono<Void> outbound = socket.send(session.outbound());
            return Mono.firstWithSignal(inbound, outbound).doFinally(signal -> hub.closed(session));
        });
    }
}
