package se.caseflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import se.caseflow.domain.api.OpenCase;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.domain.gate.CommandRequest;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;

/**
 * OpenCase throughput and latency on PostgreSQL: over HTTP, through the command gate, and through
 * Axon's CommandGateway, beside plain JDBC inserts (one per transaction) in the same run and database.
 *
 * <p>Arguments: {@code operations=N threads=T warmup=W} (defaults 5000, 16, 1000).
 */
public final class CommandBenchmark {

    private CommandBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = Options.parse(args, Map.of("operations", 5000, "threads", 16, "warmup", 1000));
        int operations = options.get("operations");
        int threads = options.get("threads");
        int warmup = options.get("warmup");

        try (PostgresTestDatabase database = PostgresTestDatabase.create("bench");
                RedisTestPrefix redis = RedisTestPrefix.create("bench")) {
            ConfigurableApplicationContext app = BenchApplication.start(database, redis);
            try {
                List<LatencyRecorder.Result> results = measure(app, operations, threads, warmup);
                Report.print(
                        "OpenCase on PostgreSQL, " + operations + " operations, " + threads + " client threads",
                        results,
                        results.get(0));
            } finally {
                app.close();
            }
        }
    }

    private static List<LatencyRecorder.Result> measure(
            ConfigurableApplicationContext app, int operations, int threads, int warmup) throws Exception {
        int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
        // Reactor Netty's client: far less CPU per request than java.net.http on these two shared cores
        HttpClient http = HttpClient.create()
                .baseUrl("http://127.0.0.1:" + port)
                .headers(h -> h.add("Authorization", BenchApplication.AUTHORIZATION));
        CommandGate gate = app.getBean(CommandGate.class);
        CommandGateway gateway = app.getBean(CommandGateway.class);
        ObjectMapper json = new ObjectMapper();
        JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
        jdbc.execute("CREATE TABLE bench_raw (id BIGSERIAL PRIMARY KEY, payload BYTEA NOT NULL)");
        byte[] rawPayload = new byte[1500];

        LoadRunner.Operation overHttp = n -> {
            int status = http.headers(h -> h.add("Content-Type", "application/json")
                            .add("Idempotency-Key", UUID.randomUUID().toString()))
                    .post()
                    .uri("/api/commands/OpenCase")
                    .send(ByteBufFlux.fromString(Mono.just(TestPeople.openCase(n))))
                    .responseSingle((response, body) -> body.asString()
                            .defaultIfEmpty("")
                            .map(text -> {
                                if (response.status().code() != 200) {
                                    throw new IllegalStateException("OpenCase answered "
                                            + response.status().code() + ": " + text);
                                }
                                return response.status().code();
                            }))
                    .block(Duration.ofSeconds(30));
            if (status != 200) {
                throw new IllegalStateException("OpenCase answered " + status);
            }
        };
        int offset = warmup;
        LoadRunner.run("warm-up", warmup, threads, overHttp);

        List<LatencyRecorder.Result> results = new ArrayList<>();
        results.add(LoadRunner.run(
                "plain JDBC insert (1.5 KB bytea, one per transaction)",
                operations,
                threads,
                n -> jdbc.update("INSERT INTO bench_raw (payload) VALUES (?)", (Object) rawPayload)));
        int httpBase = offset;
        results.add(LoadRunner.run(
                "OpenCase over HTTP (with Idempotency-Key)", operations, threads, n -> overHttp.run(httpBase + n)));
        offset += operations;
        int gateBase = offset;
        results.add(LoadRunner.run("OpenCase through the CommandGate", operations, threads, n -> {
            CommandOutcome outcome = gate.submit(new CommandRequest(
                    "OpenCase",
                    json.readTree(TestPeople.openCase(gateBase + n)),
                    UUID.randomUUID().toString(),
                    "bench"));
            if (!(outcome instanceof CommandOutcome.Accepted)) {
                throw new IllegalStateException("Gate refused: " + outcome);
            }
        }));
        offset += operations;
        int gatewayBase = offset;
        results.add(LoadRunner.run("OpenCase through Axon's CommandGateway", operations, threads, n -> {
            ObjectNode body = (ObjectNode) json.readTree(TestPeople.openCase(gatewayBase + n));
            body.put("caseId", UUID.randomUUID().toString());
            gateway.sendAndWait(json.treeToValue(body, OpenCase.class));
        }));
        Report.memory(ManagementFactory.getMemoryMXBean());
        return results;
    }
}
