package se.caseflow.domain.cases;

/**
 * The deadlines of the bidding flow, scheduled by the {@link Case} aggregate on Axon's deadline manager. Each
 * payload carries a stable id (what it is for, on which case) so that a deadline can be told apart in logs and in
 * {@code scheduled_tasks}, and so that {@link CaseDeadlines} keys the command a firing sends by it; the commands'
 * handlers check the case's state, so a deadline that fires twice, late, or after the step it guards happened does
 * nothing. Names and payload types are part of the rows already stored: renaming them strands those rows.
 */
final class BiddingDeadlines {

    static final String WINDOW = "bidding-window";
    static final String REMINDER = "debt-letter-reminder";

    private BiddingDeadlines() {}

    /** The bidding window of a case closes. */
    record WindowCloses(String deadlineId) {

        static WindowCloses of(String caseId) {
            return new WindowCloses(WINDOW + ":" + caseId);
        }
    }

    /** The {@code reminder}-th reminder (from 1) of an unsigned debt letter is due. */
    record ReminderDue(String deadlineId, int reminder) {

        static ReminderDue of(String caseId, int reminder) {
            return new ReminderDue(REMINDER + ":" + caseId + ":" + reminder, reminder);
        }
    }
}
