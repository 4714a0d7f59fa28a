package se.caseflow.secrets;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Optional;

/** {@link FileKeys} whose keysets are encrypted under the KEK of the {@link KeyMaterial}. */
final class KekFileKeys implements FileKeys {

    private final KeyMaterial keyMaterial;

    KekFileKeys(KeyMaterial keyMaterial) {
        this.keyMaterial = keyMaterial;
    }

    @Override
    public Optional<FileKey> read(Path file, String purpose) {
        byte[] encrypted;
        try {
            encrypted = Files.readAllBytes(file);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the key file " + file, e);
        }
        try {
            return Optional.of(new TinkFileKey(keyMaterial
                    .decryptKeyset(encrypted, binding(purpose))
                    .getPrimitive(RegistryConfiguration.get(), Aead.class)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "The key file " + file + " does not open with this KEK for '" + purpose
                            + "' (another KEK, a KEK key removed, or the file was altered)",
                    e);
        }
    }

    @Override
    public FileKey readOrCreate(Path file, String purpose) {
        Optional<FileKey> existing = read(file, purpose);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            writeDurably(file, keyMaterial.encryptKeyset(keyset, binding(purpose)));
            return new TinkFileKey(keyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (FileAlreadyExistsException raced) {
            return read(file, purpose)
                    .orElseThrow(() -> new IllegalStateException(
                            "The key file " + file + " vanished right after another process wrote it"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not make a key for '" + purpose + "'", e);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the key file " + file, e);
        }
    }

    private static void writeDurably(Path file, byte[] content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(directory, ".key-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            // without REPLACE_EXISTING: a key another process wrote first is never overwritten
            Files.move(temporary, file);
            try (FileChannel entries = FileChannel.open(directory, StandardOpenOption.READ)) {
                entries.force(true);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static byte[] binding(String purpose) {
        return ("caseflow.secrets.file-key.v1\0" + purpose).getBytes(StandardCharsets.UTF_8);
    }

    private record TinkFileKey(Aead aead) implements FileKey {

        @Override
        public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
            try {
                return aead.encrypt(plaintext, associatedData);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("encryption failed", e);
            }
        }

        @Override
        public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
            return aead.decrypt(ciphertext, associatedData);
        }

        @Override
        public String toString() {
            return "FileKey[withheld]";
        }
    }
}
