package se.caseflow.domain.processing;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The identity and credit-check sagas exist only while {@value #PROPERTY} is true (the default): off, no
 * saga is registered, so nothing calls UC and no processor is created for them.
 */
public final class UcFlowEnabled implements Condition {

    public static final String PROPERTY = "caseflow.uc.enabled";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return context.getEnvironment().getProperty(PROPERTY, Boolean.class, true);
    }
}
