package se.caseflow.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KekFileKeysTest {

    private static final String PURPOSE = "test-spool";
    private static final byte[] SECRET = "+46701740605 Lönespecen kommer".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NAME = "SM0001.sms".getBytes(StandardCharsets.UTF_8);

    private final KeyMaterial kek = KeyMaterial.generate();

    @Test
    void aKeyWrittenOnceIsReadBackByAnotherInstanceAndItsFileHoldsOnlyCiphertext(@TempDir Path directory)
            throws Exception {
        Path file = directory.resolve("spool.key");
        assertThat(new KekFileKeys(kek).read(file, PURPOSE)).isEmpty();

        FileKeys.FileKey made = new KekFileKeys(kek).readOrCreate(file, PURPOSE);
        byte[] sealed = made.encrypt(SECRET, NAME);

        FileKeys.FileKey read = new KekFileKeys(kek).read(file, PURPOSE).orElseThrow();
        assertThat(read.decrypt(sealed, NAME)).isEqualTo(SECRET);
        assertThat(new KekFileKeys(kek).readOrCreate(file, PURPOSE).decrypt(sealed, NAME))
                .as("an existing key is used, not replaced")
                .isEqualTo(SECRET);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("46701740605");
        try (var entries = Files.list(directory)) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void dataBoundToOneNameDoesNotOpenAsAnother(@TempDir Path directory) {
        FileKeys.FileKey key = new KekFileKeys(kek).readOrCreate(directory.resolve("spool.key"), PURPOSE);
        byte[] sealed = key.encrypt(SECRET, NAME);

        assertThatThrownBy(() -> key.decrypt(sealed, "SM0002.sms".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aKeyFileOpensOnlyWithItsKekAndForItsPurpose(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("spool.key");
        new KekFileKeys(kek).readOrCreate(file, PURPOSE);

        assertThatThrownBy(() -> new KekFileKeys(KeyMaterial.generate()).read(file, PURPOSE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString());
        assertThatThrownBy(() -> new KekFileKeys(kek).read(file, "another-purpose"))
                .isInstanceOf(IllegalStateException.class);
        byte[] altered = Files.readAllBytes(file);
        altered[altered.length - 1] ^= 1;
        Files.write(file, altered);
        assertThatThrownBy(() -> new KekFileKeys(kek).read(file, PURPOSE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDeletedKeyFileIsGoneAndANewKeyDoesNotOpenWhatTheOldOneSealed(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("spool.key");
        byte[] sealed = new KekFileKeys(kek).readOrCreate(file, PURPOSE).encrypt(SECRET, NAME);
        Files.delete(file);

        assertThat(new KekFileKeys(kek).read(file, PURPOSE)).isEmpty();
        FileKeys.FileKey next = new KekFileKeys(kek).readOrCreate(file, PURPOSE);
        assertThatThrownBy(() -> next.decrypt(sealed, NAME)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void anUnreadableDirectoryFailsLoudly(@TempDir Path directory) {
        Path notADirectory = directory.resolve("plain-file");
        assertThatThrownBy(() -> {
                    Files.writeString(notADirectory, "x");
                    new KekFileKeys(kek).readOrCreate(notADirectory.resolve("spool.key"), PURPOSE);
                })
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spool.key");
    }
}
