package se.caseflow.projections.read;

import java.time.LocalDate;
import java.util.List;

/**
 * The views the projection keeps, in the order it declares them ({@code cases/Views}), for readers that
 * list them (the case viewer): a view added there shows up here with nothing else to change.
 */
public record ViewCatalog(List<Entry> views) {

    public ViewCatalog {
        views = List.copyOf(views);
    }

    /** One view: its name ({@code today}) and whether it is kept per Europe/Stockholm date. */
    public record Entry(String name, boolean daily) {

        /** The view's key on a Europe/Stockholm date ({@code view/today/2026-11-25}, or {@code view/open}). */
        public String key(LocalDate stockholmDate) {
            return daily ? ProjectionReader.dailyViewKey(name, stockholmDate) : "view/" + name;
        }

        /** The name as a heading: {@code closed-today} reads "Closed today". */
        public String label() {
            String words = name.replace('-', ' ');
            return Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }
    }
}
