package se.caseflow.axon;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Checks, before Axon's processors start, that at least one configured Axon Server node answers, and
 * stops start-up with one plain message naming the address and the property when none does. Without
 * it the first sign of a wrong address is a burst of connector retries and a processor start failure.
 */
class AxonServerReachability implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(AxonServerReachability.class);
    private static final int DEFAULT_GRPC_PORT = 8124;
    private static final int PROBE_TIMEOUT_MILLIS = 2000;

    private final String servers;

    AxonServerReachability(String servers) {
        this.servers = servers;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> unreachable = new ArrayList<>();
        for (String server : servers.split(",")) {
            String problem = probe(server.trim());
            if (problem == null) {
                log.info("Axon Server reachable at {}", server.trim());
                return;
            }
            unreachable.add(server.trim() + " (" + problem + ")");
        }
        throw new AxonServerUnreachableException("Axon Server is not reachable at " + String.join(", ", unreachable)
                + ". Check axon.axonserver.servers (AXONSERVER_SERVERS) and that Axon Server is running,"
                + " or start caseflow without the axonserver profile.");
    }

    /** Start-up stops with this when no Axon Server node answers. */
    static final class AxonServerUnreachableException extends IllegalStateException {
        AxonServerUnreachableException(String message) {
            super(message);
        }
    }

    private static String probe(String server) {
        int colon = server.lastIndexOf(':');
        String host = colon < 0 ? server : server.substring(0, colon);
        int port = colon < 0 ? DEFAULT_GRPC_PORT : Integer.parseInt(server.substring(colon + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MILLIS);
            return null;
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
