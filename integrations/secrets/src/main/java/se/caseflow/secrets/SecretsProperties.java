package se.caseflow.secrets;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the secrets store, under {@code caseflow.secrets}.
 *
 * @param keyFile JSON file holding the KEK keyset and the HMAC keyset (format: see {@link KeyMaterial})
 * @param keys the same JSON inline (e.g. from an environment variable); wins over {@code keyFile} when set
 * @param generateIfMissing create {@code keyFile} with fresh keys when neither source exists (local use only)
 * @param cacheSize how many decrypted subject keys to keep in memory (0 disables the cache)
 * @param cacheTtl how long a cached subject key is used before it is read again; bounds how long another node
 *     may still open a subject shredded elsewhere
 * @param rewrapBatchSize subject keys re-encrypted per transaction by the rewrap job
 */
@ConfigurationProperties("caseflow.secrets")
public record SecretsProperties(
        @DefaultValue("data/caseflow-secrets-keys.json") Path keyFile,
        String keys,
        @DefaultValue("false") boolean generateIfMissing,
        @DefaultValue("10000") int cacheSize,
        @DefaultValue("60s") Duration cacheTtl,
        @DefaultValue("500") int rewrapBatchSize) {

    public SecretsProperties {
        if (keyFile == null) {
            keyFile = Path.of("data", "caseflow-secrets-keys.json");
        }
        if (cacheTtl == null) {
            cacheTtl = Duration.ofSeconds(60);
        }
        if (cacheSize < 0) {
            throw new IllegalArgumentException("caseflow.secrets.cache-size must be >= 0");
        }
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("caseflow.secrets.cache-ttl must not be negative");
        }
        if (rewrapBatchSize <= 0) {
            throw new IllegalArgumentException("caseflow.secrets.rewrap-batch-size must be > 0");
        }
    }

    boolean hasInlineKeys() {
        return keys != null && !keys.isBlank();
    }

    @Override
    public String toString() {
        return "SecretsProperties[keyFile=" + keyFile + ", keys=" + (hasInlineKeys() ? "[withheld]" : "unset")
                + ", generateIfMissing=" + generateIfMissing + ", cacheSize=" + cacheSize + ", cacheTtl=" + cacheTtl
                + ", rewrapBatchSize=" + rewrapBatchSize + "]";
    }
}
