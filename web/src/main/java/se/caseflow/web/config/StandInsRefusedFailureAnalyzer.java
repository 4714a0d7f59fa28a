package se.caseflow.web.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says in one line which stand-ins were refused and which property allows each, instead of a stack trace. */
class StandInsRefusedFailureAnalyzer extends AbstractFailureAnalyzer<StandInsRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StandInsRefusedException cause) {
        return new FailureAnalysis(cause.getMessage(), null, cause);
    }
}
