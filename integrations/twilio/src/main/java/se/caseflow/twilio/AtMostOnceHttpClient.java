package se.caseflow.twilio;

import com.twilio.auth_strategy.AuthStrategy;
import com.twilio.constant.EnumConstants;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.IRequest;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * The Twilio SDK's {@link NetworkHttpClient}, but each request is made exactly once: the SDK's own
 * {@code reliableRequest} repeats a request that got a 5xx up to three times, and a POST that created a
 * message before failing would then send the SMS again. Apache's automatic retries are off too. When an
 * API base URL is configured (a local fake in tests), requests go there instead of {@code *.twilio.com}.
 */
final class AtMostOnceHttpClient extends HttpClient {

    private final NetworkHttpClient network;
    private final URI apiBase;

    AtMostOnceHttpClient(TwilioProperties properties) {
        this.apiBase = properties.apiBaseUrl();
        Timeout connect = Timeout.of(properties.connectTimeout());
        Timeout read = Timeout.of(properties.readTimeout());
        HttpClientBuilder builder = org.apache.hc.client5.http.impl.classic.HttpClients.custom()
                .disableAutomaticRetries()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(read)
                        .build())
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(read)
                                .build())
                        .build());
        this.network = new NetworkHttpClient(builder);
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        return network.makeRequest(apiBase == null ? request : new Routed(request, apiBase));
    }

    /** The same request, addressed to another base URL (scheme, host and port); path and query kept. */
    private static final class Routed extends Request {

        private final Request original;
        private final URI base;

        Routed(Request original, URI base) {
            super(original.getMethod(), original.getUrl());
            this.original = original;
            this.base = base;
        }

        @Override
        public URL constructURL() {
            URL url = original.constructURL();
            String target = base.toString().replaceAll("/+$", "") + url.getFile();
            try {
                return URI.create(target).toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("Bad Twilio API base URL " + base, e);
            }
        }

        @Override
        public HttpMethod getMethod() {
            return original.getMethod();
        }

        @Override
        public boolean requiresAuthentication() {
            return original.requiresAuthentication();
        }

        @Override
        public String getAuthString() {
            return original.getAuthString();
        }

        @Override
        public AuthStrategy getAuthStrategy() {
            return original.getAuthStrategy();
        }

        @Override
        public Map<String, List<String>> getPostParams() {
            return original.getPostParams();
        }

        @Override
        public Map<String, List<String>> getQueryParams() {
            return original.getQueryParams();
        }

        @Override
        public Map<String, List<String>> getHeaderParams() {
            return original.getHeaderParams();
        }

        @Override
        public EnumConstants.ContentType getContentType() {
            return original.getContentType();
        }

        @Override
        public void setContentType(EnumConstants.ContentType contentType) {
            original.setContentType(contentType);
        }

        @Override
        public String getBody() {
            return original.getBody();
        }

        @Override
        public List<IRequest.FormParameters> getFormParameters() {
            return original.getFormParameters();
        }

        @Override
        public List<String> getUserAgentExtensions() {
            return original.getUserAgentExtensions();
        }
    }
}
