package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Staff: look at the case again on {@code date} (ISO {@code yyyy-MM-dd}, Europe/Stockholm). On that date the
 * case appears in {@code view/today}; a date that has already begun is due at once. {@code followUpId}
 * (UUID, chosen by the caller) names the follow-up; the same id twice is refused.
 */
public record ScheduleFollowUp(@TargetAggregateIdentifier String caseId, String followUpId, String date, String note) {}
