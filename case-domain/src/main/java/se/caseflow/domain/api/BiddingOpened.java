package se.caseflow.domain.api;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The case was offered to {@code invitedPartners} (partner ids) until {@code closesAt} (ISO instant). With no
 * partner invited the window closes at once.
 */
@Revision("1")
public record BiddingOpened(String caseId, List<String> invitedPartners, String closesAt, PartnerCaseSummary summary) {}
