package se.caseflow.faultsuite;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the load sent and what caseflow answered, each under the fault phase it was sent in: what the promises are
 * checked against once the load has settled.
 */
final class Ledger {

    /** A case the suite opened: its applicant's UC object reference and mobile number (E.164). */
    record OpenedCase(String caseId, String phase, String objectRef, String phone) {}

    /** A command sent on Kafka: record key, the idempotency key in the message ({@code null}: none). */
    record KafkaCommand(String recordKey, String idempotencyKey, String type, String caseId, String phase) {}

    /** An HTTP command that could not be settled (no answer, or an error to the end): its events may exist. */
    record Unsettled(String type, String caseId, String key, String phase, String answer) {}

    private volatile String phase = "steady load";
    final List<String> phases = new CopyOnWriteArrayList<>(List.of(phase));

    final Map<String, OpenedCase> cases = new ConcurrentHashMap<>();
    /** Accepted AddNote keys by case. */
    final Map<String, Set<String>> notes = new ConcurrentHashMap<>();
    /** Accepted SendSms: message id to case id. */
    final Map<String, String> sms = new ConcurrentHashMap<>();
    /** Messages whose {@code delivered} callback caseflow answered 200. */
    final Set<String> delivered = ConcurrentHashMap.newKeySet();
    /** Inbound messages sent (each twice): MessageSid to phase. */
    final Map<String, String> inbound = new ConcurrentHashMap<>();
    /** What caseflow answered each of an inbound message's two webhooks, by MessageSid. */
    final Map<String, List<Integer>> inboundAnswers = new ConcurrentHashMap<>();
    /** Every applicant the suite sent an OpenCase for (one case each), by UC object reference: the phase. */
    final Map<String, String> applicants = new ConcurrentHashMap<>();
    /** The case id the suite chose for an applicant's case (none for a Kafka OpenCase without a key). */
    final Map<String, String> intendedCases = new ConcurrentHashMap<>();
    /** Kafka commands without a key handled but not committed when a node was SIGKILLed, by phase. */
    final Map<String, List<UncommittedRecords.Held>> heldAtKill = new ConcurrentHashMap<>();
    /** Accepted bids: case id to phase. */
    final Map<String, String> bids = new ConcurrentHashMap<>();

    final Map<String, KafkaCommand> kafka = new ConcurrentHashMap<>();
    final List<Unsettled> unsettled = new CopyOnWriteArrayList<>();
    /** The phase of every case-related id the suite made (case, message, MessageSid). */
    final Map<String, String> phaseOf = new ConcurrentHashMap<>();

    String phase() {
        return phase;
    }

    void phase(String name) {
        phase = name;
        phases.add(name);
    }

    void opened(String caseId, String objectRef, String phone, String phase) {
        cases.put(caseId, new OpenedCase(caseId, phase, objectRef, phone));
        phaseOf.put(caseId, phase);
    }

    /** An OpenCase about to be sent for a new applicant; {@code caseId} null when caseflow picks it. */
    void applicant(String objectRef, String caseId, String phase) {
        applicants.put(objectRef, phase);
        if (caseId != null) {
            intendedCases.put(objectRef, caseId);
        }
    }

    void noted(String caseId, String key) {
        notes.computeIfAbsent(caseId, k -> ConcurrentHashMap.newKeySet()).add(key);
    }
}
