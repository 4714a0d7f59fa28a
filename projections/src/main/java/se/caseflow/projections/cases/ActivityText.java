package se.caseflow.projections.cases;

import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.NoteAdded;

/** One English line per event for the activity feed; never any personal data beyond what staff typed. */
final class ActivityText {

    private ActivityText() {}

    static String opened(CaseOpened event) {
        return "Case opened: " + SwedishFormat.kronor(event.loan().amountSek()) + " over "
                + event.loan().termMonths() + " months (" + event.loan().purpose() + ")"
                + (event.coApplicant() == null ? "" : ", with a co-applicant");
    }

    static String note(NoteAdded event) {
        return "Note " + event.noteNumber() + " added: " + event.text();
    }

    static String closed(CaseClosed event) {
        String comment = event.comment() == null || event.comment().isBlank() ? "" : " (" + event.comment() + ")";
        return "Case closed: " + event.reason() + comment;
    }
}
