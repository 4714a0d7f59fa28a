package se.caseflow.bench;

import com.twilio.security.RequestValidator;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.domain.validation.MobilePhoneNumber;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;

/**
 * Twilio's inbound webhook {@code POST /twilio/sms} at a steady rate (open loop): each request is signed
 * like Twilio signs it, and caseflow checks the signature, finds the case by the sender's blind index on
 * the read side, and appends {@code SmsReceived} through the command gate (idempotency key = MessageSid);
 * one in five comes from an unknown number and is recorded as unmatched. Latency is from the moment a
 * request was due to its answer, so queueing counts. Baseline: the signature check alone (the SDK's
 * RequestValidator), in one thread. Arguments: {@code rate=200 requests=6000 cases=50}.
 */
public final class WebhookBenchmark {

    private static final String ACCOUNT = "AC" + "be11c4e5".repeat(4);
    private static final String TOKEN = "bench-twilio-token";
    private static final String PUBLIC_BASE = "https://caseflow.example.se";

    private WebhookBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = Options.parse(args, Map.of("rate", 200, "requests", 6000, "cases", 50));
        int rate = options.get("rate");
        int requests = options.get("requests");
        int caseCount = options.get("cases");
        try (PostgresTestDatabase database = PostgresTestDatabase.create("bench");
                RedisTestPrefix redis = RedisTestPrefix.create("bench")) {
            ConfigurableApplicationContext app = BenchApplication.start(
                    database,
                    redis,
                    "--caseflow.twilio.account-sid=" + ACCOUNT,
                    "--caseflow.twilio.auth-token=" + TOKEN,
                    "--caseflow.twilio.from=+46766860000",
                    "--caseflow.twilio.public-base-url=" + PUBLIC_BASE,
                    "--caseflow.twilio.api-base-url=http://127.0.0.1:9");
            try {
                int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
                HttpClient http = HttpClient.newBuilder()
                        .executor(Executors.newFixedThreadPool(16))
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
                List<String> phones = openCases(app, http, port, caseCount);
                List<LatencyRecorder.Result> results = new ArrayList<>();
                results.add(signatureBaseline(requests));
                results.add(webhooks(http, port, phones, rate, requests));
                Report.print("Twilio inbound webhook", results, results.get(0));
                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                System.out.println("Events appended: SmsReceived " + count(jdbc, "SmsReceived")
                        + ", UnmatchedSmsReceived " + count(jdbc, "UnmatchedSmsReceived"));
                Report.memory(ManagementFactory.getMemoryMXBean());
            } finally {
                app.close();
            }
        }
        System.exit(0); // Axon's non-daemon "axon-janitor" thread would keep the JVM alive
    }

    private static List<String> openCases(ConfigurableApplicationContext app, HttpClient http, int port, int count)
            throws Exception {
        List<String> phones = new ArrayList<>();
        PersonalDataVault vault = app.getBean(PersonalDataVault.class);
        ProjectionReader reader = app.getBean(ProjectionReader.class);
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/commands/OpenCase"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", BenchApplication.AUTHORIZATION)
                            .POST(HttpRequest.BodyPublishers.ofString(TestPeople.openCase(i)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("OpenCase answered " + response.statusCode() + ": " + response.body());
            }
            phones.add(MobilePhoneNumber.normaliseE164(TestPeople.mobilePhone(i)));
        }
        for (String phone : phones) {
            String key = "sms/phone/" + vault.blindIndex(PersonalDataKind.PHONE_NUMBER, phone);
            while (reader.count(key) == 0) {
                Thread.sleep(20);
            }
        }
        return phones;
    }

    private static LatencyRecorder.Result signatureBaseline(int requests) throws Exception {
        RequestValidator validator = new RequestValidator(TOKEN);
        Map<String, String> form = form(UUID.randomUUID(), "+46701740600");
        String signature = sign(PUBLIC_BASE + "/twilio/sms", form);
        LatencyRecorder recorder = new LatencyRecorder(requests);
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            if (!validator.validate(PUBLIC_BASE + "/twilio/sms", form, signature)) {
                throw new IllegalStateException("the baseline's signature does not validate");
            }
            recorder.record(System.nanoTime() - t);
        }
        return recorder.summarise("signature check alone (SDK RequestValidator, 1 thread)", System.nanoTime() - start);
    }

    private static LatencyRecorder.Result webhooks(
            HttpClient http, int port, List<String> phones, int rate, int requests) throws Exception {
        Random random = new Random(5);
        List<HttpRequest> prepared = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            String from = random.nextInt(5) == 0
                    ? String.format("+4673%07d", random.nextInt(10_000_000))
                    : phones.get(random.nextInt(phones.size()));
            Map<String, String> form = form(UUID.randomUUID(), from);
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            prepared.add(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/twilio/sms"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", sign(PUBLIC_BASE + "/twilio/sms", form))
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build());
        }
        LatencyRecorder recorder = new LatencyRecorder(requests);
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> answers = new ArrayList<>(requests);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        CompletableFuture<Void> allSent = new CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        ticker.scheduleAtFixedRate(
                () -> {
                    long now = System.nanoTime();
                    // every request whose time has come, each timed from when it was due
                    while (next.get() < requests && start + next.get() * intervalNanos <= now) {
                        int i = next.getAndIncrement();
                        long due = start + i * intervalNanos;
                        answers.add(http.sendAsync(prepared.get(i), HttpResponse.BodyHandlers.ofString())
                                .whenComplete((response, error) -> {
                                    recorder.record(System.nanoTime() - due);
                                    if (error != null || response.statusCode() != 200) {
                                        failures.incrementAndGet();
                                    }
                                }));
                    }
                    if (next.get() >= requests) {
                        allSent.complete(null);
                    }
                },
                0,
                1,
                TimeUnit.MILLISECONDS);
        allSent.get();
        ticker.shutdown();
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .exceptionally(e -> null)
                .get();
        long wall = System.nanoTime() - start;
        System.out.println("Webhook requests not answered 200: " + failures.get() + " of " + requests);
        return recorder.summarise("POST /twilio/sms at " + rate + "/s (signature, look-up, append)", wall);
    }

    private static Map<String, String> form(UUID id, String from) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", "SM" + id.toString().replace("-", ""));
        form.put("AccountSid", ACCOUNT);
        form.put("From", from);
        form.put("To", "+46766860000");
        form.put("Body", "Tack, jag skickar lönespecen i morgon");
        form.put("NumSegments", "1");
        return form;
    }

    /** Twilio's signature: HMAC-SHA1 with the auth token over the URL and the sorted parameters, base64. */
    private static String sign(String url, Map<String, String> form) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static int count(JdbcTemplate jdbc, String type) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE payloadtype = ?",
                Integer.class,
                "se.caseflow.domain.api." + type);
    }
}
