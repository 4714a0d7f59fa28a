package se.caseflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.json.Json;

/** {@code ArchitectureTest.onlyJsonMakesAMapper} finds a mapper made anywhere but in {@code Json}. */
class JsonRuleTest {

    static final class MakesAMapper {
        final Object json = new ObjectMapper();
    }

    static final class BuildsAMapper {
        final Object json = JsonMapper.builder().build();
    }

    static final class DerivesAMapper {
        final Object json = Json.derive();
    }

    @Test
    void aMapperMadeOutsideJsonIsAViolationAndOneDerivedFromItIsNot() {
        JavaClasses classes = new ClassFileImporter()
                .importClasses(MakesAMapper.class, BuildsAMapper.class, DerivesAMapper.class, Json.class);

        List<String> violations = ArchitectureTest.onlyJsonMakesAMapper
                .evaluate(classes)
                .getFailureReport()
                .getDetails();

        assertThat(violations).hasSize(2);
        assertThat(violations)
                .anySatisfy(line -> assertThat(line).contains("MakesAMapper"))
                .anySatisfy(line -> assertThat(line).contains("BuildsAMapper"))
                .noneSatisfy(line -> assertThat(line).contains("DerivesAMapper"));
    }
}
