package se.caseflow.web.docstore;

import java.util.Optional;
import java.util.regex.Pattern;
import se.caseflow.web.security.Role;

/** A key the doc-store knows how to read, and what kind of data sits under it. */
record DocKey(String key, Kind kind) {

    enum Kind {
        /** A whole JSON copy with a version, replaced on every change. */
        DOCUMENT,
        /** Append-only entries with ids; a client resumes after the last id it saw. */
        FEED,
        /**
         * A sorted set of case ids, delivered as a document of its first page and its count ({@code view/...}, and
         * {@code partner/<id>/offers}).
         */
        VIEW
    }

    static final int MAX_LENGTH = 200;

    private static final String ID = "[A-Za-z0-9][A-Za-z0-9-]{0,63}";
    private static final String PARTNER = "partner/" + Role.PARTNER_ID.pattern();
    private static final Pattern DOCUMENT = Pattern.compile("case/" + ID + "|" + PARTNER + "/case/" + ID);
    private static final Pattern FEED = Pattern.compile("case/" + ID + "/(activity|sms)|sms/unmatched");
    private static final Pattern OPS = Pattern.compile("ops/[a-z-]{1,32}");
    private static final Pattern VIEW =
            Pattern.compile("view/[a-z0-9-]{1,64}(/\\d{4}-\\d{2}-\\d{2})?|" + PARTNER + "/offers");

    /** The key's kind, or empty for a key of no known shape (which nobody may read). */
    static Optional<DocKey> parse(String key) {
        if (key == null || key.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (DOCUMENT.matcher(key).matches() || OPS.matcher(key).matches()) {
            return Optional.of(new DocKey(key, Kind.DOCUMENT));
        }
        if (FEED.matcher(key).matches()) {
            return Optional.of(new DocKey(key, Kind.FEED));
        }
        if (VIEW.matcher(key).matches()) {
            return Optional.of(new DocKey(key, Kind.VIEW));
        }
        return Optional.empty();
    }
}
