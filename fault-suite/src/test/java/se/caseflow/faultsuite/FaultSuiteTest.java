package se.caseflow.faultsuite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FaultSuiteTest {

    @Test
    void everyPromiseHoldsWhileNodesAndServersAreKilledAndRestartedUnderLoad() throws Exception {
        try (FaultWorld world = FaultWorld.start()) {
            assertThat(world.nodes()).allMatch(n -> n.alive());
        }
    }
}
