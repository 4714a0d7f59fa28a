package se.caseflow.uc;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code caseflow.uc.*}. Without an {@code endpoint}, the UC simulator answers (only where
 * {@code simulator} is true, which application.yml sets in the default mode alone).
 */
@ConfigurationProperties("caseflow.uc")
public record UcProperties(
        @DefaultValue("true") boolean enabled,
        URI endpoint,
        String userId,
        String password,
        @DefaultValue("3") String product,
        @DefaultValue("PT5S") Duration connectTimeout,
        @DefaultValue("PT30S") Duration readTimeout,
        @DefaultValue("PT10M") Duration maxEventAge,
        @DefaultValue("PT1H") Duration identityCacheTtl,
        @DefaultValue("false") boolean simulator,
        @DefaultValue("0") int simulatorPort,
        @DefaultValue("1048576") int maxReplyBytes) {

    public UcProperties {
        // an empty environment variable (CASEFLOW_UC_ENDPOINT=) means "not set"
        endpoint = endpoint == null || endpoint.toString().isBlank() ? null : endpoint;
        userId = userId == null || userId.isBlank() ? null : userId;
        password = password == null || password.isEmpty() ? null : password;
    }

    /** Refuses settings that would send something unusable to UC, naming the key. */
    void check() {
        if (maxReplyBytes < 1024) {
            throw new IllegalStateException(
                    "caseflow.uc.max-reply-bytes must be at least 1024 (a UC reply is several KB), not "
                            + maxReplyBytes);
        }
        if (endpoint == null) {
            if (!simulator) {
                throw new IllegalStateException("caseflow.uc.endpoint is not set and the UC simulator is off"
                        + " (caseflow.uc.simulator=false): set the endpoint, user id and password of UC's ucOrders2,"
                        + " or caseflow.uc.enabled=false to run without identity and credit checks");
            }
            return;
        }
        if (userId == null || userId.length() != 5) {
            throw new IllegalStateException("caseflow.uc.user-id must be UC's 5-character customer user id");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException("caseflow.uc.password must be set when caseflow.uc.endpoint is");
        }
    }
}
