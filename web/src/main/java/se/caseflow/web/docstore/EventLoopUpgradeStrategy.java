package se.caseflow.web.docstore;

import io.netty.channel.EventLoop;
import java.util.function.Supplier;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.lang.Nullable;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * Reactor Netty's upgrade, started on the connection's own event loop. The handshake request may resume on
 * another thread (signing in is reactive); upgraded from there, Reactor Netty hands the socket's inbound to
 * the websocket only in a later event-loop task than the one that wrote the 101, so a frame the client sends
 * as soon as it sees the 101 can be read in between and dropped with the finished HTTP exchange (like
 * reactor/reactor-netty#1089). On the event loop the hand-over happens in the same task as the write.
 */
final class EventLoopUpgradeStrategy implements RequestUpgradeStrategy {

    private final RequestUpgradeStrategy delegate = new ReactorNettyRequestUpgradeStrategy();

    @Override
    public Mono<Void> upgrade(
            ServerWebExchange exchange,
            WebSocketHandler handler,
            @Nullable String subProtocol,
            Supplier<HandshakeInfo> handshakeInfoFactory) {
        Connection connection = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
        EventLoop loop = connection.channel().eventLoop();
        Mono<Void> upgrade = Mono.defer(() -> delegate.upgrade(exchange, handler, subProtocol, handshakeInfoFactory));
        return loop.inEventLoop() ? upgrade : upgrade.subscribeOn(Schedulers.fromExecutor(loop));
    }
}
