package se.caseflow.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the key material: inline property, else key file, else (only if allowed) a newly generated key file. */
final class KeyMaterialLoader {

    private static final Logger log = LoggerFactory.getLogger(KeyMaterialLoader.class);

    private KeyMaterialLoader() {}

    static KeyMaterial load(SecretsProperties properties) {
        if (properties.hasInlineKeys()) {
            return KeyMaterial.fromJson(properties.keys(), "caseflow.secrets.keys");
        }
        Path file = properties.keyFile().toAbsolutePath().normalize();
        if (Files.exists(file)) {
            return read(file);
        }
        if (!properties.generateIfMissing()) {
            throw new IllegalStateException("No key material for the secrets store: caseflow.secrets.keys is not set"
                    + " and the key file " + file + " (caseflow.secrets.key-file) does not exist. Set"
                    + " caseflow.secrets.keys to the key JSON or caseflow.secrets.key-file to an existing key file;"
                    + " for local development only, caseflow.secrets.generate-if-missing=true creates one.");
        }
        return generate(file);
    }

    private static KeyMaterial read(Path file) {
        try {
            return KeyMaterial.fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot read the secrets key file " + file + " (caseflow.secrets.key-file)", e);
        }
    }

    private static KeyMaterial generate(Path file) {
        KeyMaterial generated = KeyMaterial.generate();
        try {
            Files.createDirectories(file.getParent());
            // createTempFile makes the file readable by its owner only on POSIX file systems.
            Path temporary = Files.createTempFile(file.getParent(), ".caseflow-secrets-", ".tmp");
            try {
                Files.writeString(temporary, generated.toJson(), StandardCharsets.UTF_8);
                Files.move(temporary, file);
            } catch (FileAlreadyExistsException raced) {
                // Another process generated it first: use theirs, or tokens would split across two key sets.
                return read(file);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot create the secrets key file " + file + " (caseflow.secrets.key-file)", e);
        }
        log.warn(
                "\n**********************************************************************\n"
                        + "* caseflow.secrets: GENERATED NEW KEY MATERIAL in {}\n"
                        + "* because caseflow.secrets.generate-if-missing=true and no key file existed.\n"
                        + "* For local development only. Every personal data token depends on this file:\n"
                        + "* lose it and all wrapped personal data is unreadable. In production set\n"
                        + "* caseflow.secrets.keys or caseflow.secrets.key-file instead.\n"
                        + "**********************************************************************",
                file);
        return generated;
    }
}
