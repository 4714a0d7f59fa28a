package se.caseflow.secrets;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * Keys for personal data a node keeps on its own disk for a while, outside the database (the inbound SMS spool,
 * docs/adr/0034): a Tink AEAD key (AES-256-GCM) of its own, kept in a file encrypted under the KEK and bound to its
 * purpose. Deleting the file destroys the key: what was encrypted under it cannot be opened again, and a copy of the
 * file taken before opens only with a KEK that a rotation retires.
 */
public interface FileKeys {

    /**
     * The key in {@code file}, or empty when there is none.
     *
     * @throws IllegalStateException when the file cannot be read or opened (another KEK, another purpose, altered)
     */
    Optional<FileKey> read(Path file, String purpose);

    /**
     * The key in {@code file}; when there is none, a new one is written there first (to a temporary file that is
     * fsync'd and then moved into place). If another process wrote one meanwhile, theirs is the key.
     */
    FileKey readOrCreate(Path file, String purpose);

    /** Encrypts and opens data bound to its associated data (what the data is, e.g. its file's name). */
    interface FileKey {

        byte[] encrypt(byte[] plaintext, byte[] associatedData);

        /** @throws GeneralSecurityException when the data was not encrypted under this key and associated data */
        byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException;
    }
}
