package se.caseflow.uc;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.caseflow.domain.api.IdentityRejectionReason;
import se.caseflow.domain.api.ProtectedApplicant;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.creditreport.CreditReportOutcome;
import se.caseflow.domain.creditreport.CreditReportPort;
import se.caseflow.domain.identity.IdentityCheckPort;
import se.caseflow.domain.identity.IdentityCheckResult;
import se.caseflow.domain.personal.Masks;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.TrustedCaller;
import se.caseflow.domain.personal.Unwrapped;

/**
 * The UC adapter behind both ports. It is the only place the personnummer is unwrapped
 * ({@link TrustedCaller#UC_ADAPTER}, audited by the secrets store), it turns it into UC's 10-digit object
 * reference and hands it to the client; it never logs it, and nothing it returns holds it.
 */
final class UcAdapter implements IdentityCheckPort, CreditReportPort {

    private static final Logger log = LoggerFactory.getLogger(UcAdapter.class);

    private final UcClient client;
    private final PersonalDataUnwrapper unwrapper;
    private final IdentityCache cache;
    private final MeterRegistry meters;

    UcAdapter(UcClient client, PersonalDataUnwrapper unwrapper, IdentityCache cache, MeterRegistry meters) {
        this.client = client;
        this.unwrapper = unwrapper;
        this.cache = cache;
        this.meters = meters;
    }

    @Override
    public IdentityCheckResult check(ProtectedApplicant person) {
        Optional<String> nameMask = nameMask(person.name());
        if (nameMask.isEmpty()) {
            return new IdentityCheckResult.Rejected(IdentityRejectionReason.NOT_FOUND, "the person was erased");
        }
        Optional<IdentityFacts> cached = cache.get(person.subject());
        IdentityFacts facts;
        if (cached.isPresent()) {
            facts = cached.get();
        } else {
            Optional<String> objectRef = objectReference(person.personalNumber(), "UC identity check");
            if (objectRef.isEmpty()) {
                return new IdentityCheckResult.Rejected(IdentityRejectionReason.NOT_FOUND, "the person was erased");
            }
            Timer.Sample sample = Timer.start(meters);
            try {
                facts = client.identityCheck(objectRef.get());
                sample.stop(callTimer("identityCheck", facts.kind().name()));
            } catch (RuntimeException e) {
                sample.stop(callTimer("identityCheck", "error"));
                String detail = UcFailure.detailOf(e);
                log.warn("UC identity check failed: {}", detail);
                return new IdentityCheckResult.Rejected(IdentityRejectionReason.CHECK_FAILED, detail);
            }
            cache.put(person.subject(), facts);
        }
        return judge(facts, nameMask.get());
    }

    @Override
    public CreditReportOutcome fetch(ProtectedValue personalNumber) {
        Optional<String> objectRef = objectReference(personalNumber, "UC credit report");
        if (objectRef.isEmpty()) {
            return new CreditReportOutcome.Failed("the person was erased");
        }
        Timer.Sample sample = Timer.start(meters);
        CreditReportOutcome outcome = client.individualReport(objectRef.get());
        sample.stop(callTimer("individualReport", outcome.getClass().getSimpleName()));
        if (!(outcome instanceof CreditReportOutcome.Received)) {
            log.warn("UC credit report not received: {}", outcome);
        }
        return outcome;
    }

    /** Every call to UC is timed as {@code caseflow.uc.calls}, tagged with the operation and its outcome. */
    private Timer callTimer(String operation, String outcome) {
        return meters.timer("caseflow.uc.calls", "operation", operation, "outcome", outcome.toLowerCase(Locale.ROOT));
    }

    /**
     * The detail of every name mismatch: a fixed text, since the detail is a plaintext event field (Kafka, Redis) that
     * outlives an erasure, so it names nothing of the applicant, not even their initials.
     */
    static final String NAME_MISMATCH_DETAIL = "UC's surname starts with none of the applicant's initials";

    /**
     * Register status W08020: 03 emigrated and 05 deceased are what framework42's address check reads; every
     * other code (06, 08, 09, 11, ...) also stops automatic handling and is reported as a protected or
     * otherwise marked identity, with the code, for a person to look at.
     */
    static IdentityCheckResult judge(IdentityFacts facts, String nameMask) {
        switch (facts.kind()) {
            case NOT_FOUND:
                return new IdentityCheckResult.Rejected(IdentityRejectionReason.NOT_FOUND, facts.detail());
            case REFUSED:
                return new IdentityCheckResult.Rejected(IdentityRejectionReason.CHECK_FAILED, facts.detail());
            default:
                break;
        }
        String status = facts.personStatus();
        if ("03".equals(status)) {
            return new IdentityCheckResult.Rejected(IdentityRejectionReason.EMIGRATED, "UC W08020 " + status);
        }
        if ("05".equals(status)) {
            return new IdentityCheckResult.Rejected(IdentityRejectionReason.DECEASED, "UC W08020 " + status);
        }
        if (status != null && !"00".equals(status)) {
            // two digits (UcClient checks them; a cache entry of an earlier version may hold anything)
            String code = status.matches("\\d{2}") ? status : "(not a two-digit code)";
            return new IdentityCheckResult.Rejected(IdentityRejectionReason.PROTECTED_IDENTITY, "UC W08020 " + code);
        }
        if (facts.surnameInitial() != null && !initials(nameMask).contains(facts.surnameInitial())) {
            return new IdentityCheckResult.Rejected(IdentityRejectionReason.NAME_MISMATCH, NAME_MISMATCH_DETAIL);
        }
        return new IdentityCheckResult.Verified();
    }

    /** The initials of a name mask ({@code T*** T***} -> {@code [T, T]}), upper case. */
    private static java.util.List<String> initials(String nameMask) {
        return Arrays.stream(nameMask.strip().split("\\s+"))
                .filter(part -> !part.isEmpty())
                .map(part -> part.substring(0, 1).toUpperCase(Locale.ROOT))
                .toList();
    }

    /** Unwraps (audited) and shortens {@code 191212121212} to UC's {@code 1212121212}; empty when erased. */
    private Optional<String> objectReference(ProtectedValue personalNumber, String purpose) {
        return reveal(personalNumber, purpose).map(normalised -> normalised.substring(normalised.length() - 10));
    }

    /** Only the initials are compared with UC's answer, so only the mask is kept of the name. */
    private Optional<String> nameMask(ProtectedValue name) {
        return reveal(name, "UC identity check: compare the surname").map(Masks::name);
    }

    private Optional<String> reveal(ProtectedValue value, String purpose) {
        return unwrapper.unwrap(value.token(), TrustedCaller.UC_ADAPTER, purpose) instanceof Unwrapped.Revealed revealed
                ? Optional.of(revealed.plaintext())
                : Optional.empty();
    }
}
