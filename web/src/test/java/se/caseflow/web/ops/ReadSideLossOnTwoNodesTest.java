package se.caseflow.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.testsupport.ChildNode;

/**
 * Two nodes share {@code case-projections}, each holding one of its segments; their Redis is killed and started again without its data. Exactly one
 * of them rebuilds the read side, the other releasing its segments for the switch (docs/adr/0035): afterwards it
 * equals a rebuild from zero key for key, both nodes report {@code readSide} UP and both take new commands into
 * the read side. Then an ops rebuild started on the other node, with the first still running, needs nothing stopped
 * by hand, and both processors run on afterwards.
 */
class ReadSideLossOnTwoNodesTest {

    @Test
    void oneOfTwoNodesRebuildsTheReadSideRedisLostAndAnOpsRebuildNeedsNothingStopped() throws Exception {
        try (TwoNodes world = TwoNodes.start("loss-two-nodes", Map.of())) {
            List<String> cases = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String caseId = world.openCase(world.node(i % 2), "Person" + i);
                world.note(world.node((i + 1) % 2), caseId, "before the loss " + i);
                cases.add(caseId);
            }
            for (String caseId : cases) {
                world.awaitVersion(caseId, 2);
            }
            OpsClient.await("the read side marked", () -> world.marked() ? Optional.of(true) : Optional.empty());
            world.spreadSegments();

            world.redis.kill();
            Files.deleteIfExists(world.redis.directory().resolve("dump.rdb"));
            world.redis.restart();
            assertThat(world.version(cases.get(0)))
                    .as("Redis came back without the read side")
                    .isEqualTo(-1);
            // both live processors go on meanwhile: a new case on one node, a note on a lost case on the other
            String during = world.openCase(world.node(1), "During");
            world.note(world.node(0), cases.get(0), "while the read side is gone");
            cases.add(during);

            String id = world.awaitRebuild(
                    "the automatic rebuild done on one node",
                    () -> world.nodes.stream()
                            .flatMap(node -> world.rebuilds(node, ReadSideLossCheck.REASON).stream())
                            .filter(r -> r.get("phase").asText().equals("DONE"))
                            .map(r -> r.get("id").asText())
                            .findFirst());
            ChildNode rebuilder = world.nodes.stream()
                    .filter(node ->
                            !world.rebuilds(node, ReadSideLossCheck.REASON).isEmpty())
                    .findFirst()
                    .orElseThrow();
            ChildNode other = world.nodes.get(1 - world.nodes.indexOf(rebuilder));
            world.awaitVersion(cases.get(0), 3);
            world.awaitVersion(during, 1);
            for (String caseId : cases.subList(1, cases.size() - 1)) {
                world.awaitVersion(caseId, 2);
            }
            for (ChildNode node : world.nodes) {
                OpsClient.await(
                        "readSide UP on " + node.base(),
                        () -> world.readSide(node).equals("UP") ? Optional.of(true) : Optional.empty());
            }
            newCasesReachTheReadSideThroughBoth(world, cases);

            // an ops rebuild on the node that did not rebuild, the other one running: the same read side, key for key
            long generation = world.generation();
            SortedMap<String, String> restored = world.dump(generation);
            assertThat(restored.keySet()).contains("case/" + during);
            String fresh = world.post(
                            other,
                            "/api/ops/rebuilds",
                            "{\"processor\": \"" + ProcessingGroups.CASE_PROJECTIONS + "\"}",
                            202)
                    .get("id")
                    .asText();
            world.awaitDone(other, fresh);
            assertThat(world.generation()).isEqualTo(generation + 1);
            assertThat(world.dump(generation + 1))
                    .as("the read side restored on two nodes equals a rebuild from zero")
                    .isEqualTo(restored);
            assertThat(world.rebuildIds(ReadSideLossCheck.REASON))
                    .as(
                            "exactly one rebuild for the loss, on either node; the rebuilds:%n%s%s",
                            world.allRebuilds(), world.rebuildLogs())
                    .containsExactly(id);
            assertThat(world.get(rebuilder, TwoNodes.PROCESSOR)
                            .path("deadLetters")
                            .asLong())
                    .isZero();
            newCasesReachTheReadSideThroughBoth(world, cases);
        }
    }

    private static void newCasesReachTheReadSideThroughBoth(TwoNodes world, List<String> cases) {
        for (ChildNode node : world.nodes) {
            assertThat(world.processorRunning(node))
                    .as("case-projections runs on " + node.base())
                    .isTrue();
            String caseId = world.openCase(node, "After" + cases.size());
            cases.add(caseId);
            world.awaitVersion(caseId, 1);
        }
    }
}
