package se.caseflow.web;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A case's bidding window, an hour long in the tests that bid: its deadline row in db-scheduler's table is made due
 * once the bids are in, so the window never closes before a slow machine has bid, and the deadline fires by itself.
 */
public final class BiddingWindow {

    private BiddingWindow() {}

    /** Makes the case's bidding-window deadline due now; answers how many deadline rows that moved. */
    public static int closeNow(JdbcTemplate jdbc, String caseId) {
        return jdbc.update(
                "UPDATE scheduled_tasks SET execution_time = now()"
                        + " WHERE position(convert_to(?, 'UTF8') in task_data) > 0"
                        + " AND position(convert_to(?, 'UTF8') in task_data) > 0",
                "bidding-window",
                caseId);
    }
}
