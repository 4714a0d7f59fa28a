package se.caseflow.uc;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * SOAP 1.1 over the JDK HttpClient: one POST per call, {@code text/xml; charset=utf-8}, SOAPAction
 * {@code http://www.uc.se/ws/ucOrders/<operation>}. Blocking: callers run on processor or worker threads,
 * never on a Netty event loop. Failures say whether the request can have reached UC. A reply larger than
 * {@code maxReplyBytes} is not read into memory: it is refused as unreadable.
 */
final class SoapTransport {

    static final String ACTION_PREFIX = "http://www.uc.se/ws/ucOrders/";

    private final HttpClient http;
    private final URI endpoint;
    private final Duration readTimeout;
    private final int maxReplyBytes;

    SoapTransport(HttpClient http, URI endpoint, Duration readTimeout, int maxReplyBytes) {
        this.http = http;
        this.endpoint = endpoint;
        this.readTimeout = readTimeout;
        this.maxReplyBytes = maxReplyBytes;
    }

    Response post(String operation, String envelope) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(readTimeout)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"" + ACTION_PREFIX + operation + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(UcXml.utf8(envelope)))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(maxReplyBytes + 1);
            }
            if (body.length > maxReplyBytes) {
                throw new UnexpectedReplyException(UcFailure.TOO_LARGE);
            }
            return new Response(response.statusCode(), body);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new CallFailedException(false, UcFailure.NOT_REACHABLE, e);
        } catch (HttpTimeoutException e) {
            throw new CallFailedException(true, UcFailure.TIMEOUT, e);
        } catch (IOException e) {
            throw new CallFailedException(true, UcFailure.CONNECTION_BROKE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailedException(true, UcFailure.INTERRUPTED, e);
        }
    }

    record Response(int status, byte[] body) {}

    /**
     * The call did not end with a response; {@code maybeReceived}: UC may have got (and acted on) the request. The
     * message is the failure's fixed text (an I/O exception's own message stays in the cause).
     */
    static final class CallFailedException extends RuntimeException {

        private final boolean maybeReceived;

        CallFailedException(boolean maybeReceived, UcFailure failure, Throwable cause) {
            super(failure.text(), cause);
            this.maybeReceived = maybeReceived;
        }

        boolean maybeReceived() {
            return maybeReceived;
        }
    }
}
