package se.caseflow.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.domain.personal.TrustedCaller;
import se.caseflow.domain.personal.Unwrapped;

@ExtendWith(OutputCaptureExtension.class)
class SecretsConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class,
                    FlywayAutoConfiguration.class,
                    SecretsConfiguration.class))
            .withPropertyValues(
                    "spring.datasource.url=jdbc:h2:mem:config_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "spring.flyway.locations=classpath:db/migration/h2");

    @Test
    void startUpFailsWithoutKeyMaterialWhenGeneratingIsOff(@TempDir Path directory) {
        Path missing = directory.resolve("keys.json");
        runner.withPropertyValues("caseflow.secrets.key-file=" + missing).run(context -> {
            assertThat(context).hasFailed();
            Throwable root = rootCause(context.getStartupFailure());
            assertThat(root)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("caseflow.secrets.key-file")
                    .hasMessageContaining("caseflow.secrets.keys")
                    .hasMessageContaining(missing.toString());
        });
        runner.run(context ->
                assertThat(context).as("generate-if-missing defaults to false").hasFailed());
        assertThat(missing).doesNotExist();
    }

    @Test
    void generatesTheKeyFileWhenAllowedAndReusesItOnTheNextStart(@TempDir Path directory, CapturedOutput output)
            throws Exception {
        Path file = directory.resolve("data/secrets.json");
        ApplicationContextRunner generating = runner.withPropertyValues(
                "caseflow.secrets.key-file=" + file, "caseflow.secrets.generate-if-missing=true");
        AtomicReference<String> token = new AtomicReference<>();
        AtomicReference<String> subject = new AtomicReference<>();

        generating.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(PersonalDataVault.class);
            assertThat(context).hasSingleBean(PersonalDataUnwrapper.class);
            assertThat(context).hasSingleBean(SubjectShredder.class);
            assertThat(context).hasSingleBean(KeyRewrapJob.class);
            PersonalDataVault vault = context.getBean(PersonalDataVault.class);
            subject.set(vault.subjectFor("198112189876"));
            token.set(vault.wrap(subject.get(), PersonalDataKind.PHONE_NUMBER, "+46701234512"));
        });
        assertThat(file).exists();
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
        assertThat(Files.readString(file))
                .contains(KeyMaterial.FORMAT)
                .contains("\"kek\"")
                .contains("\"hmac\"");
        assertThat(output.getOut() + output.getErr())
                .contains("GENERATED NEW KEY MATERIAL")
                .contains(file.toString());
        String generated = Files.readString(file);

        generating.run(context -> {
            assertThat(context.getBean(PersonalDataVault.class).subjectFor("198112189876"))
                    .isEqualTo(subject.get());
            assertThat(context.getBean(PersonalDataUnwrapper.class)
                            .unwrap(token.get(), TrustedCaller.SMS_SENDER, "restart"))
                    .isEqualTo(new Unwrapped.Revealed("+46701234512"));
        });
        assertThat(Files.readString(file)).as("not regenerated").isEqualTo(generated);
    }

    @Test
    void inlineKeysWinOverTheKeyFile(@TempDir Path directory) {
        KeyMaterial keys = KeyMaterial.generate();
        // the blind index derives from the HMAC key only: equal indexes mean the inline keys are in use
        String expected = TestStores.store(new org.springframework.jdbc.datasource.SimpleDriverDataSource(), keys)
                .blindIndex(PersonalDataKind.PHONE_NUMBER, "+46701234512");
        runner.withPropertyValues(
                        "caseflow.secrets.keys=" + keys.toJson(),
                        "caseflow.secrets.key-file=" + directory.resolve("absent.json"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(PersonalDataVault.class)
                                    .blindIndex(PersonalDataKind.PHONE_NUMBER, "+46701234512"))
                            .isEqualTo(expected);
                    assertThat(context.getBean(SecretsProperties.class).toString())
                            .contains("[withheld]")
                            .doesNotContain(keys.toJson().substring(0, 40));
                });
    }

    @Test
    void badKeyMaterialFailsWithoutEchoingIt() {
        runner.withPropertyValues(
                        "caseflow.secrets.keys={\"format\": \"caseflow-secrets-keys/1\", \"kek\": SECRETVALUE")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(rootCause(context.getStartupFailure()))
                            .hasMessageContaining("caseflow.secrets.keys")
                            .hasMessageNotContaining("SECRETVALUE");
                });
    }

    @Test
    void theHmacKeysetMayHoldAPreviousKeyBesideItsPrimary() {
        String json = KeyMaterial.generate().toJson();
        com.google.gson.JsonObject root =
                com.google.gson.JsonParser.parseString(json).getAsJsonObject();
        com.google.gson.JsonObject hmac = root.getAsJsonObject("hmac");
        com.google.gson.JsonObject secondKey =
                hmac.getAsJsonArray("key").get(0).getAsJsonObject().deepCopy();
        secondKey.addProperty("keyId", 12345);
        hmac.getAsJsonArray("key").add(secondKey);

        KeyMaterial original = KeyMaterial.fromJson(json, "test");
        KeyMaterial twoKeys = KeyMaterial.fromJson(root.toString(), "test");
        assertThat(twoKeys.hmacKeyIds()).containsExactly(original.hmacPrimaryKeyId(), 12345L);
        byte[] input = "x".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(twoKeys.hmac(input)).isEqualTo(original.hmac(input));
        assertThat(KeyMaterial.fromJson(twoKeys.toJson(), "test").hmacKeyIds())
                .containsExactly(original.hmacPrimaryKeyId(), 12345L);
        assertThatThrownBy(() -> twoKeys.hmac(99L, input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no HMAC key 99");
    }

    @Test
    void keyMaterialToStringWithholdsKeys() {
        KeyMaterial keys = KeyMaterial.generate();
        assertThat(keys.toString()).contains("withheld").doesNotContain("value");
    }

    @Test
    void isRegisteredAsAnAutoConfiguration() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
                .contains(SecretsConfiguration.class.getName());
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
