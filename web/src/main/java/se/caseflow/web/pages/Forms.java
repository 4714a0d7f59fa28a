package se.caseflow.web.pages;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.caseflow.web.forms.FormState;

/**
 * The forms on a case page by name: what was typed, the errors of the last post, and a fresh idempotency key
 * each (a refused post claimed no key, so a new one is as good and never conflicts). Public methods for templates.
 */
record Forms(Map<String, FormState> byName) {

    static final String NOTE = "note";
    static final String CLOSE = "close";
    static final String ACCEPT = "accept";
    static final String SEND_LETTER = "sendLetter";
    static final String LETTER_SIGNED = "letterSigned";
    static final String PAYOUT = "payout";
    static final String FOLLOW_UP = "followUp";
    private static final List<String> NAMES =
            List.of(NOTE, CLOSE, ACCEPT, SEND_LETTER, LETTER_SIGNED, PAYOUT, FOLLOW_UP);

    Forms {
        byName = Map.copyOf(byName);
    }

    static Forms fresh() {
        Map<String, FormState> forms = new HashMap<>();
        NAMES.forEach(name -> forms.put(name, FormState.fresh()));
        return new Forms(forms);
    }

    Forms with(String name, FormState state) {
        Map<String, FormState> forms = new HashMap<>(byName);
        forms.put(name, state);
        return new Forms(forms);
    }

    public FormState of(String name) {
        return byName.get(name);
    }
}
