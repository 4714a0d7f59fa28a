package se.caseflow.web.docstore;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import se.caseflow.projections.read.ProjectionReader;

/** Encodes the JSON frames of the doc-store protocol (docs/docstore.md). */
final class Frames {

    private static final JsonFactory JSON = new JsonFactory();

    private Frames() {}

    /** {@code {"key", "version", "doc"}}; the stored JSON is embedded as it is. */
    static byte[] document(String key, long version, String json) {
        return write(g -> {
            g.writeStringField("key", key);
            g.writeNumberField("version", version);
            g.writeFieldName("doc");
            g.writeRawValue(json);
        });
    }

    /** {@code {"key", "entries": [{"id", ...fields}]}}. */
    static byte[] feed(String key, List<ProjectionReader.FeedEntry> entries) {
        return write(g -> {
            g.writeStringField("key", key);
            g.writeArrayFieldStart("entries");
            for (ProjectionReader.FeedEntry entry : entries) {
                g.writeStartObject();
                g.writeStringField("id", entry.id());
                for (Map.Entry<String, String> field : entry.fields().entrySet()) {
                    if (!field.getKey().equals("id")) {
                        g.writeStringField(field.getKey(), field.getValue());
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /**
     * A view as a document: {@code {"key", "version", "doc": {"count", "offset", "members": [{"caseId",
     * "score"}]}}}; {@code version} is left out when negative (one-off reads).
     */
    static byte[] view(ProjectionReader.ViewPage page, long offset, long version) {
        return write(g -> {
            g.writeStringField("key", page.key());
            if (version >= 0) {
                g.writeNumberField("version", version);
            }
            g.writeObjectFieldStart("doc");
            g.writeNumberField("count", page.count());
            g.writeNumberField("offset", offset);
            g.writeArrayFieldStart("members");
            for (ProjectionReader.ViewPage.Member member : page.members()) {
                g.writeStartObject();
                g.writeStringField("caseId", member.caseId());
                g.writeNumberField("score", member.score());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** {@code {"key", "error", "message"?, "resumeAfter"?}}; {@code key} left out when null. */
    static byte[] error(String key, String error, String message, String resumeAfter) {
        return write(g -> {
            if (key != null) {
                g.writeStringField("key", key);
            }
            g.writeStringField("error", error);
            if (message != null) {
                g.writeStringField("message", message);
            }
            if (resumeAfter != null) {
                g.writeStringField("resumeAfter", resumeAfter);
            }
        });
    }

    static byte[] unsubscribed(String key) {
        return write(g -> {
            g.writeStringField("key", key);
            g.writeBooleanField("unsubscribed", true);
        });
    }

    static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

    private interface Body {
        void write(JsonGenerator generator) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            body.write(generator);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Compares feed entry ids ({@code <millis or n>-<seq>}) numerically; {@code null} is before all. */
    static int compareIds(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int da = a.indexOf('-');
        int db = b.indexOf('-');
        int first = Long.compare(Long.parseLong(a.substring(0, da)), Long.parseLong(b.substring(0, db)));
        return first != 0
                ? first
                : Long.compare(Long.parseLong(a.substring(da + 1)), Long.parseLong(b.substring(db + 1)));
    }
}
