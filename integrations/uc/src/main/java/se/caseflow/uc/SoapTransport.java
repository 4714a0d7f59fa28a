package se.caseflow.uc;

import java.io.IOException;
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
 * never on a Netty event loop. Failures say whether the request can have reached UC.
 */
final class SoapTransport {

    static final String ACTION_PREFIX = "http://www.uc.se/ws/ucOrders/";

    private final HttpClient http;
    private final URI endpoint;
    private final Duration readTimeout;

    SoapTransport(HttpClient http, URI endpoint, Duration readTimeout) {
        this.http = http;
        this.endpoint = endpoint;
        this.readTimeout = readTimeout;
    }

    Response post(String operation, String envelope) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(readTimeout)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"" + ACTION_PREFIX + operation + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(UcXml.utf8(envelope)))
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.body());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new CallFailedException(
                    false, "UC not reachable (" + e.getClass().getSimpleName() + ")", e);
        } catch (HttpTimeoutException e) {
            throw new CallFailedException(true, "no answer from UC within " + readTimeout, e);
        } catch (IOException e) {
            throw new CallFailedException(
                    true, "the connection to UC broke (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailedException(true, "interrupted while waiting for UC", e);
        }
    }

    record Response(int status, byte[] body) {}

    /** The call did not end with a response; {@code maybeReceived}: UC may have got (and acted on) the request. */
    static final class CallFailedException extends RuntimeException {

        private final boolean maybeReceived;

        CallFailedException(boolean maybeReceived, String message, Throwable cause) {
            super(message, cause);
            this.maybeReceived = maybeReceived;
        }

        boolean maybeReceived() {
            return maybeReceived;
        }
    }
}
