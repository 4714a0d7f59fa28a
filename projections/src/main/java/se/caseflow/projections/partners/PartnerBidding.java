package se.caseflow.projections.partners;

import java.util.List;

/**
 * The partner projection's own record of one case, {@code partner-state/{caseId}} (nobody reads it through the
 * doc-store): the case events applied ({@code version}) and the document of every invited partner.
 */
record PartnerBidding(long version, List<PartnerCaseDocument> partners) {}
