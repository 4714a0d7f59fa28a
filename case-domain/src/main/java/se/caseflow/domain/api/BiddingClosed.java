package se.caseflow.domain.api;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The window closed (its deadline fired): the live bids still valid, ranked by effective interest (then
 * monthly cost, then partner id). Empty when nobody bid.
 */
@Revision("1")
public record BiddingClosed(String caseId, List<RankedOffer> offers) {}
