package se.caseflow.domain.api;

import java.math.BigDecimal;

/**
 * The values caseflow keeps from a UC credit report, typed: risk as a percentage (UC's "12,5 %" is
 * {@code 12.5}), money in whole kronor. {@code recommendedCreditSek} and {@code yearlyIncomeSek} are null
 * when UC's reply does not hold them (never a silent zero); no payment remarks and no inquiries are zeros.
 */
public record CreditReport(
        BigDecimal riskPercent,
        Long recommendedCreditSek,
        Long yearlyIncomeSek,
        int paymentRemarks,
        long paymentRemarksSumSek,
        int recentInquiries) {}
