package se.caseflow.twilio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A local server that accepts one connection, reads the request line and never answers. */
final class SilentServer implements AutoCloseable {

    private final ServerSocket server;
    private final CompletableFuture<String> requestLine = new CompletableFuture<>();
    private volatile Socket accepted;

    private SilentServer(ServerSocket server) {
        this.server = server;
    }

    static SilentServer start() throws IOException {
        SilentServer silent = new SilentServer(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(silent::acceptOne, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return silent;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The first line of the request that reached it (fails if none did). */
    String requestLine() throws Exception {
        return requestLine.get(5, TimeUnit.SECONDS);
    }

    private void acceptOne() {
        try {
            accepted = server.accept();
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(accepted.getInputStream(), StandardCharsets.ISO_8859_1));
            requestLine.complete(reader.readLine());
        } catch (IOException e) {
            requestLine.completeExceptionally(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (accepted != null) {
            accepted.close();
        }
    }
}
