package se.caseflow.domain.bidding;

import java.util.List;
import java.util.Optional;
import se.caseflow.domain.api.PartnerCaseSummary;

/** The partner lenders caseflow offers cases to, and what each of them takes. */
public interface PartnerDirectory {

    /**
     * The ids of the partners whose criteria match the case: amount and term inside their ranges and the case's
     * risk class at least their minimum. In a stable order; empty when none matches.
     */
    List<String> matching(PartnerCaseSummary summary);

    /** The display name of a partner; empty for an unknown id. */
    Optional<String> name(String partnerId);
}
