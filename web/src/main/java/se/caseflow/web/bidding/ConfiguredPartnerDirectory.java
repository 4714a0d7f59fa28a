package se.caseflow.web.bidding;

import java.util.List;
import java.util.Optional;
import se.caseflow.domain.api.PartnerCaseSummary;
import se.caseflow.domain.bidding.PartnerDirectory;
import se.caseflow.web.bidding.BiddingProperties.Partner;

/** The partners of {@code caseflow.bidding.partners}, in their configured order. */
final class ConfiguredPartnerDirectory implements PartnerDirectory {

    private final List<Partner> partners;

    ConfiguredPartnerDirectory(List<Partner> partners) {
        this.partners = List.copyOf(partners);
    }

    @Override
    public List<String> matching(PartnerCaseSummary summary) {
        return partners.stream()
                .filter(partner -> matches(partner, summary))
                .map(Partner::id)
                .toList();
    }

    private static boolean matches(Partner partner, PartnerCaseSummary summary) {
        return summary.amountSek() >= partner.minAmountSek()
                && summary.amountSek() <= partner.maxAmountSek()
                && summary.termMonths() >= partner.minTermMonths()
                && summary.termMonths() <= partner.maxTermMonths()
                && summary.riskClass() >= partner.minimumRiskClass();
    }

    @Override
    public Optional<String> name(String partnerId) {
        return partners.stream()
                .filter(partner -> partner.id().equals(partnerId))
                .map(Partner::name)
                .findFirst();
    }
}
