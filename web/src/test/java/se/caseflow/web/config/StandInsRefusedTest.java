package se.caseflow.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import se.caseflow.web.CaseflowApplication;

/**
 * Outside the default mode caseflow starts with no stand-in (generated keys, dev users, the UC simulator, the SMS
 * outbox) unless that stand-in's own {@code caseflow.allow.*} property is true, and says which property in one line.
 */
@ExtendWith(OutputCaptureExtension.class)
class StandInsRefusedTest {

    /** Real Twilio settings (never called here): the SMS outbox is then not in play. */
    private static final Map<String, String> TWILIO =
            Map.of("caseflow.twilio.account-sid", "AC" + "5ca1ab1e".repeat(4), "caseflow.twilio.auth-token", "token");

    @ParameterizedTest(name = "{0} is refused on a profile: {1}")
    @CsvSource({
        "caseflow.secrets.generate-if-missing=true, caseflow.allow.generated-keys",
        "caseflow.security.dev-users[0].name=anna, caseflow.allow.dev-users",
        "caseflow.uc.simulator=true, caseflow.allow.simulated-uc",
        "caseflow.uc.endpoint=http://uc.example.se/ucOrders2, caseflow.allow.plain-http-uc",
        "caseflow.twilio.auth-token=, caseflow.allow.simulated-sms"
    })
    void eachStandInIsRefusedOnAProfileNamingTheProperty(String standIn, String allowedBy) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(CaseflowApplication.class)
                        .profiles("postgres")
                        .run(arguments(standIn))
                        .close())
                .isInstanceOf(StandInsRefusedException.class)
                .hasMessageStartingWith("caseflow does not start on the profile(s) [postgres] with ")
                .hasMessageContaining(" unless " + allowedBy + "=true.")
                .message()
                .satisfies(message -> assertThat(message.split(" unless ", -1))
                        .as("one stand-in")
                        .hasSize(2));
    }

    /** The Twilio settings, one of them replaced by {@code standIn} where it names one, and the stand-in. */
    private static String[] arguments(String standIn) {
        Map<String, String> properties = new HashMap<>(TWILIO);
        String[] pair = standIn.split("=", 2);
        properties.put(pair[0], pair[1]);
        return Stream.concat(
                        Stream.of("--server.port=0"),
                        properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()))
                .toArray(String[]::new);
    }

    @Test
    void theRefusalIsOneLineInsteadOfAStackTrace(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(CaseflowApplication.class)
                        .profiles("postgres")
                        .run("--server.port=0", "--caseflow.secrets.generate-if-missing=true")
                        .close())
                .isInstanceOf(StandInsRefusedException.class);
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains(
                        "caseflow does not start on the profile(s) [postgres] with caseflow.secrets.generate-if-missing=true"
                                + " (a key file made on this node; lose it and every wrapped datum is gone) unless"
                                + " caseflow.allow.generated-keys=true; the SMS outbox (caseflow.twilio.account-sid or auth-token"
                                + " not set: no SMS is sent) unless caseflow.allow.simulated-sms=true.");
    }

    @Test
    void eachAllowPropertyLetsItsStandInThrough() {
        Map<String, Object> standStand = new HashMap<>();
        standStand.put("caseflow.secrets.generate-if-missing", "true");
        standStand.put("caseflow.security.dev-users[0].name", "anna");
        standStand.put("caseflow.uc.endpoint", "http://127.0.0.1:8089/ucOrders2");
        for (StandIn standIn : StandIn.values()) {
            standStand.put(standIn.allowedBy(), "true");
        }
        assertThatCode(() -> guard(standStand, "postgres")).doesNotThrowAnyException();

        standStand.remove("caseflow.allow.plain-http-uc");
        assertThatThrownBy(() -> guard(standStand, "postgres"))
                .hasMessageContaining("unless caseflow.allow.plain-http-uc=true")
                .hasMessageNotContaining("caseflow.allow.dev-users");
    }

    @Test
    void theDefaultModeNeedsNoAllowProperty() {
        Map<String, Object> laptop = new HashMap<>();
        laptop.put("caseflow.secrets.generate-if-missing", "true");
        laptop.put("caseflow.security.dev-users[0].name", "anna");
        laptop.put("caseflow.uc.simulator", "true");
        assertThatCode(() -> guard(laptop)).doesNotThrowAnyException();
    }

    private static void guard(Map<String, Object> properties, String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        environment.setActiveProfiles(profiles);
        StandInsGuard guard = new StandInsGuard();
        guard.setEnvironment(environment);
        guard.postProcessBeanFactory(null);
    }
}
