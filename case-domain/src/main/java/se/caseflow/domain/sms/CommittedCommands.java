package se.caseflow.domain.sms;

import se.caseflow.domain.api.CaseRuleViolation;

/**
 * Sends a command through the command gate in a transaction of its own that has committed when the call
 * returns, independent of the caller's unit of work and transaction. The SMS saga runs inside its event
 * processor's transaction; what it records must not wait for (or roll back with) that transaction.
 */
public interface CommittedCommands {

    /**
     * @throws CaseRuleViolation when the case refused the command (its code says why)
     */
    void submit(Object command);
}
