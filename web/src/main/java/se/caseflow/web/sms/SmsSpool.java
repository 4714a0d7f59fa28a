package se.caseflow.web.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import se.caseflow.domain.json.Json;
import se.caseflow.secrets.FileKeys;

/**
 * Inbound SMS the {@link SmsInbox} could not store (the database away), kept on this node's disk until it can
 * (docs/adr/0034). One file per MessageSid, {@code <sid>.sms}: Twilio's retry of a sid is the same file, not a
 * second message. A file is written to a temporary one, fsync'd, moved into place and the directory fsync'd before
 * the webhook answers 200. The sender, text and arrival time in it are encrypted under the spool's own key
 * ({@code spool.key}, itself encrypted under the secrets store's KEK, {@link FileKeys}) and bound to the sid; the key
 * is made with the first file of an outage and deleted with the last one, so a copy of a deleted file never opens
 * again. Files and key change only under the directory's lock ({@code spool.lock}), which other processes using the
 * same directory respect too. A file that does not open is renamed {@code <sid>.unreadable} for a person. Blocking.
 */
final class SmsSpool {

    /** A spooled message, opened. */
    record Spooled(String messageSid, String from, String body, Instant receivedAt) {}

    /** Thrown for a file that is there but does not open (another KEK, its key gone, altered). */
    static final class UnreadableException extends Exception {
        UnreadableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final String MESSAGE = ".sms";
    private static final String UNREADABLE = ".unreadable";
    private static final String KEY_FILE = "spool.key";
    private static final String PURPOSE = "sms-spool";
    /** One process holds a file lock once: the threads of this JVM (every application context) queue here. */
    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

    private final Path directory;
    private final FileKeys keys;
    private final Clock clock;
    private final ObjectMapper json = Json.mapper();

    SmsSpool(Path directory, FileKeys keys, Clock clock) {
        this.directory = directory.toAbsolutePath().normalize();
        this.keys = keys;
        this.clock = clock;
    }

    Path directory() {
        return directory;
    }

    /**
     * Writes the message to disk, durably, unless its sid is spooled already.
     *
     * @return true if written now, false if it was spooled before
     * @throws IOException when the disk cannot take it
     */
    boolean put(String messageSid, String from, String body) throws IOException {
        byte[] plaintext = json.writeValueAsBytes(json.createObjectNode()
                .put("from", from)
                .put("body", body)
                .put("receivedAt", clock.instant().toString()));
        return locked(() -> {
            Path file = file(messageSid);
            if (Files.exists(file)) {
                return false;
            }
            FileKeys.FileKey key = keys.readOrCreate(directory.resolve(KEY_FILE), PURPOSE);
            byte[] sealed = key.encrypt(plaintext, boundTo(messageSid));
            Path temporary = Files.createTempFile(directory, ".spool-", ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(sealed));
                    channel.force(true);
                }
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                syncDirectory();
            } finally {
                Files.deleteIfExists(temporary);
            }
            return true;
        });
    }

    /** The sids of the spooled messages. */
    List<String> messageSids() throws IOException {
        return named(MESSAGE).stream()
                .map(name -> name.substring(0, name.length() - MESSAGE.length()))
                .toList();
    }

    Spooled read(String messageSid) throws IOException, UnreadableException {
        byte[] sealed = Files.readAllBytes(file(messageSid));
        try {
            FileKeys.FileKey key = keys.read(directory.resolve(KEY_FILE), PURPOSE)
                    .orElseThrow(() -> new GeneralSecurityException("the spool's key " + KEY_FILE + " is gone"));
            JsonNode message = json.readTree(key.decrypt(sealed, boundTo(messageSid)));
            return new Spooled(
                    messageSid,
                    message.get("from").asText(),
                    message.get("body").asText(),
                    Instant.parse(message.get("receivedAt").asText()));
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new UnreadableException("Spooled inbound SMS " + messageSid + " does not open: " + e.getMessage(), e);
        }
    }

    /** Deletes the message's file (it is in the inbox now); with the last file the spool's key goes too. */
    void remove(String messageSid) throws IOException {
        locked(() -> {
            Files.deleteIfExists(file(messageSid));
            forgetKeyWhenEmpty();
            return null;
        });
    }

    /** Renames a file that does not open to {@code <sid>.unreadable}, kept for a person. */
    void setAside(String messageSid) throws IOException {
        locked(() -> {
            Files.move(file(messageSid), directory.resolve(messageSid + UNREADABLE));
            forgetKeyWhenEmpty();
            return null;
        });
    }

    int spooled() {
        return count(MESSAGE);
    }

    int unreadable() {
        return count(UNREADABLE);
    }

    private int count(String suffix) {
        try {
            return named(suffix).size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** With no message left, the key goes, and with it what a crash left half-written (nobody writes now). */
    private void forgetKeyWhenEmpty() throws IOException {
        if (!named(MESSAGE).isEmpty()) {
            return;
        }
        for (String leftover : named(".tmp")) {
            Files.deleteIfExists(directory.resolve(leftover));
        }
        if (Files.deleteIfExists(directory.resolve(KEY_FILE))) {
            syncDirectory();
        }
    }

    private List<String> named(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (NoSuchFileException none) {
            return List.of();
        }
    }

    private Path file(String messageSid) {
        return directory.resolve(messageSid + MESSAGE);
    }

    private static byte[] boundTo(String messageSid) {
        return (PURPOSE + "/" + messageSid).getBytes(StandardCharsets.UTF_8);
    }

    private void syncDirectory() throws IOException {
        try (FileChannel entries = FileChannel.open(directory, StandardOpenOption.READ)) {
            entries.force(true);
        }
    }

    private interface Work<T> {
        T run() throws IOException;
    }

    private <T> T locked(Work<T> work) throws IOException {
        IN_THIS_JVM.lock();
        try {
            Files.createDirectories(directory);
            try (FileChannel lock = FileChannel.open(
                            directory.resolve("spool.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    var held = lock.lock()) {
                return work.run();
            }
        } finally {
            IN_THIS_JVM.unlock();
        }
    }
}
