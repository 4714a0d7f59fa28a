package se.caseflow.axon;

import java.util.List;
import java.util.stream.Stream;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.saga.AbstractSagaManager;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Where a fired deadline goes: to the deadline handlers of caseflow's own (the {@link ScopeAware} beans that are not
 * Axon's repositories or saga managers, such as the case's {@code CaseDeadlines}) when one of them claims the
 * deadline's scope, and then to them alone; otherwise to Axon's aggregates and sagas, as Axon would. So a case's
 * deadline never loads the aggregate: the handler's command does, through the gate, and no aggregate lock is held by
 * the firing while the gate waits for it.
 */
final class DeadlineScopes implements ScopeAwareProvider {

    private final ScopeAwareProvider axon;
    private final ObjectProvider<ScopeAware> beans;
    private volatile List<ScopeAware> own;

    DeadlineScopes(ScopeAwareProvider axon, ObjectProvider<ScopeAware> beans) {
        this.axon = axon;
        this.beans = beans;
    }

    @Override
    public Stream<ScopeAware> provideScopeAwareStream(ScopeDescriptor scope) {
        List<ScopeAware> claiming =
                own().stream().filter(handler -> handler.canResolve(scope)).toList();
        return claiming.isEmpty() ? axon.provideScopeAwareStream(scope) : claiming.stream();
    }

    /** Looked up at the first firing: the handlers depend on the gate, which is built after the deadline manager. */
    private List<ScopeAware> own() {
        List<ScopeAware> handlers = own;
        if (handlers == null) {
            handlers = beans.orderedStream()
                    .filter(bean -> !(bean instanceof Repository<?>) && !(bean instanceof AbstractSagaManager<?>))
                    .toList();
            own = handlers;
        }
        return handlers;
    }
}
