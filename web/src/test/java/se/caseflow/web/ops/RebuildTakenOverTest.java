package se.caseflow.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.testsupport.ChildNode;

/**
 * The node rebuilding the read side is killed in the middle of its rebuild: its lock expires, the other node starts
 * the same rebuild again and switches (docs/adr/0035), and its processor runs on the new generation.
 *
 * <p>Node A is configured never to reach the switch (a catch-up lag of -1 events: its rebuild waits to come closer
 * to the head than the head itself), so it is certainly killed while rebuilding, after it replayed every event.
 */
class RebuildTakenOverTest {

    private static final String BODY =
            "{\"processor\": \"" + ProcessingGroups.CASE_PROJECTIONS + "\", \"reason\": \"%s\"}";

    @Test
    void aRebuildWhoseNodeIsKilledIsFinishedByTheOtherNode() throws Exception {
        try (TwoNodes world = TwoNodes.start("rebuild-takeover", Map.of("caseflow.ops.rebuild-catch-up-lag", "-1"))) {
            ChildNode a = world.node(0);
            ChildNode b = world.node(1);
            String first = world.openCase(a, "First");
            world.note(b, first, "a note");
            String second = world.openCase(b, "Second");
            world.awaitVersion(first, 2);
            world.awaitVersion(second, 1);
            world.spreadSegments();
            long generation = world.generation();

            JsonNode started = world.post(a, "/api/ops/rebuilds", BODY.formatted("taken over"), 202);
            String id = started.get("id").asText();
            assertThat(world.post(b, "/api/ops/rebuilds", BODY.formatted("a second one"), 409)
                            .get("detail")
                            .asText())
                    .as("one rebuild at a time in the cluster")
                    .contains("is rebuilding the read side");
            OpsClient.await("node A's rebuild replayed every event", () -> {
                JsonNode current = world.get(a, "/api/ops/rebuilds").path("current");
                return current.path("phase").asText().equals("BUILDING")
                                && current.path("head").asLong() > 0
                                && current.path("position").asLong()
                                        == current.path("head").asLong()
                        ? Optional.of(true)
                        : Optional.empty();
            });
            JsonNode seenFromB = world.get(b, "/api/ops/rebuilds");
            assertThat(seenFromB.path("current").isNull()).isTrue();
            assertThat(seenFromB.get("rebuilder").asText())
                    .as("B names the node that rebuilds")
                    .isEqualTo(
                            world.get(a, "/api/ops/rebuilds").get("rebuilder").asText())
                    .isNotEmpty();
            a.kill();

            world.awaitDone(b, id);
            JsonNode done = world.get(b, "/api/ops/rebuilds").path("current");
            assertThat(done.get("reason").asText()).isEqualTo("taken over");
            assertThat(world.generation()).isEqualTo(generation + 1);
            assertThat(world.redis.<Long>call(r -> r.exists(
                            TwoNodes.PREFIX + RebuildLock.LOCK_KEY, TwoNodes.PREFIX + RebuildLock.REQUEST_KEY)))
                    .as("neither the lock nor the request is left")
                    .isZero();
            assertThat(world.get(b, "/api/ops/rebuilds").get("rebuilder").isNull())
                    .isTrue();
            assertThat(world.processorRunning(b)).isTrue();
            String after = world.openCase(b, "After");
            world.note(b, first, "after the takeover");
            world.awaitVersion(after, 1);
            world.awaitVersion(first, 3);
            assertThat(world.readSide(b)).isEqualTo("UP");
        }
    }
}
