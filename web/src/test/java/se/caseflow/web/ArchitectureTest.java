package se.caseflow.web;

import static com.tngtech.archunit.core.domain.AccessTarget.Predicates.declaredIn;
import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.spring.stereotype.Aggregate;
import org.axonframework.spring.stereotype.Saga;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.uc.UcSimulator;

/**
 * The module rules of DESIGN.md: dependencies point inwards, classes are package-private by default, and every command
 * passes a gate.
 */
@AnalyzeClasses(packages = "se.caseflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String DOMAIN = "se.caseflow.domain..";
    private static final String GATE = "se.caseflow.domain.gate..";
    private static final String WEB = "se.caseflow.web..";
    private static final String AXON_CONFIG = "se.caseflow.axon..";
    private static final String PROJECTIONS = "se.caseflow.projections..";
    private static final String SECRETS = "se.caseflow.secrets..";
    private static final String IDEMPOTENCE = "se.caseflow.idempotence..";
    private static final String KAFKA = "se.caseflow.kafka..";
    private static final String UC = "se.caseflow.uc..";
    private static final String TWILIO = "se.caseflow.twilio..";

    @ArchTest
    static final ArchRule domainKnowsNoOuterModule = noClasses()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(WEB, AXON_CONFIG, PROJECTIONS, SECRETS, IDEMPOTENCE, KAFKA, UC, TWILIO);

    @ArchTest
    static final ArchRule domainKnowsNoHttpRedisOrKafka = noClasses()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework.web..",
                    "org.springframework.http..",
                    "java.net.http..",
                    "reactor.netty..",
                    "io.lettuce..",
                    "org.springframework.data.redis..",
                    "org.apache.kafka..",
                    "org.springframework.kafka..",
                    "java.sql..",
                    "org.springframework.jdbc..");

    @ArchTest
    static final ArchRule adaptersDoNotReachOutwards = noClasses()
            .that()
            .resideInAnyPackage(SECRETS, IDEMPOTENCE, PROJECTIONS, AXON_CONFIG, KAFKA, UC, TWILIO)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(WEB);

    @ArchTest
    static final ArchRule twilioIsIndependentOfOtherAdapters = noClasses()
            .that()
            .resideInAPackage(TWILIO)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SECRETS, IDEMPOTENCE, PROJECTIONS, AXON_CONFIG, KAFKA, UC);

    /** Only the sender unwraps phone numbers: nothing but the Twilio adapter names TrustedCaller.SMS_SENDER. */
    @ArchTest
    static final ArchRule onlyTheTwilioAdapterIsTheSmsSender = noClasses()
            .that()
            .resideOutsideOfPackages(TWILIO, "se.caseflow.domain.personal..", SECRETS)
            .should()
            .accessField(se.caseflow.domain.personal.TrustedCaller.class, "SMS_SENDER");

    @ArchTest
    static final ArchRule twilioInternalsAreNotPublic = classes()
            .that()
            .resideInAPackage(TWILIO)
            .and()
            .haveSimpleNameNotEndingWith("Configuration")
            .and()
            .haveSimpleNameNotEndingWith("Properties")
            .and()
            .doNotHaveSimpleName("SmsOutbox")
            .and()
            .doNotHaveSimpleName("TwilioWebhookSignature")
            .and()
            .areNotNestedClasses()
            .should()
            .notBePublic();

    @ArchTest
    static final ArchRule secretsIsIndependentOfOtherAdapters = noClasses()
            .that()
            .resideInAPackage(SECRETS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(IDEMPOTENCE, PROJECTIONS, AXON_CONFIG);

    @ArchTest
    static final ArchRule idempotenceIsIndependentOfOtherAdapters = noClasses()
            .that()
            .resideInAPackage(IDEMPOTENCE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SECRETS, PROJECTIONS, AXON_CONFIG);

    @ArchTest
    static final ArchRule projectionsDependOnlyOnTheDomain = noClasses()
            .that()
            .resideInAPackage(PROJECTIONS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(AXON_CONFIG, SECRETS, IDEMPOTENCE, "se.caseflow.kafka..", UC, TWILIO);

    @ArchTest
    static final ArchRule projectionInternalsAreNotPublic = classes()
            .that()
            .resideInAnyPackage(
                    "se.caseflow.projections.cases..",
                    "se.caseflow.projections.sms..",
                    "se.caseflow.projections.partners..")
            .and()
            .haveSimpleNameNotEndingWith("Configuration")
            .should()
            .notBePublic();

    @ArchTest
    static final ArchRule kafkaIsIndependentOfOtherAdapters = noClasses()
            .that()
            .resideInAPackage(KAFKA)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SECRETS, IDEMPOTENCE, PROJECTIONS, AXON_CONFIG);

    @ArchTest
    static final ArchRule kafkaInternalsAreNotPublic = classes()
            .that()
            .resideInAPackage(KAFKA)
            .and()
            .haveSimpleNameNotEndingWith("Configuration")
            .and()
            .haveSimpleNameNotEndingWith("Properties")
            .should()
            .notBePublic();

    @ArchTest
    static final ArchRule aggregateAndControllersAreNotPublic = classes()
            .that()
            .resideInAnyPackage("se.caseflow.domain.cases..", "se.caseflow.web.api..", "se.caseflow.web.sms..")
            .should()
            .notBePublic();

    @ArchTest
    static final ArchRule adapterInternalsAreNotPublic = classes()
            .that()
            .resideInAnyPackage(IDEMPOTENCE)
            .and()
            .haveSimpleNameNotEndingWith("Configuration")
            .should()
            .notBePublic();

    @ArchTest
    static final ArchRule projectionsDoNotKnowTheWeb = noClasses()
            .that()
            .resideInAPackage(PROJECTIONS)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(WEB);

    @ArchTest
    static final ArchRule pagesAreNotPublic = classes()
            .that()
            .resideInAnyPackage("se.caseflow.web.pages..", "se.caseflow.web.partner..")
            .should()
            .notBePublic();

    @ArchTest
    static final ArchRule pagesSubmitOnlyThroughTheGate = noClasses()
            .that()
            .resideInAnyPackage("se.caseflow.web.pages..", "se.caseflow.web.partner..", "se.caseflow.web.forms..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.axonframework.commandhandling.gateway.CommandGateway");

    /**
     * Every command passes a gate: only the gate package calls Axon's command bus or gateway (sending, or handing a
     * method reference on). Anything else that has a command to send uses a {@code CommandGate} (the channels from
     * outside) or {@code InternalCommands} (caseflow's own).
     */
    @ArchTest
    static final ArchRule onlyTheGateSendsCommandsToTheBus = noClasses()
            .that()
            .resideOutsideOfPackage(GATE)
            .should()
            .accessTargetWhere(
                    target(declaredIn(assignableTo(CommandGateway.class).or(assignableTo(CommandBus.class)))))
            .because("every command passes the command gate: schema, idempotency key, per-case order");

    /**
     * Nothing but the gates even holds Axon's command bus or gateway: the gate package, axon-config (Axon's wiring) and
     * the command side's configuration, which hands the gateway to the gates it builds. Every other class sends through
     * a {@code CommandGate} (the channels from outside) or {@code InternalCommands} (caseflow's own).
     */
    @ArchTest
    static final ArchRule nothingOutsideTheGatesHoldsTheCommandBus = noClasses()
            .that()
            .resideOutsideOfPackages(GATE, AXON_CONFIG)
            .and()
            .haveNameNotMatching("se\\.caseflow\\.web\\.config\\.CommandSideConfiguration(\\$.*)?")
            .should()
            .dependOnClassesThat(assignableTo(CommandGateway.class).or(assignableTo(CommandBus.class)))
            .because("every command passes a gate: schema, idempotency key, per-case order");

    /** Axon's tables, as Flyway creates them (unquoted, so lower case on PostgreSQL) or with underscores. */
    private static final Pattern AXON_TABLE = Pattern.compile(
            "(?i)\\b(token|domain_?event|snapshot_?event|saga|association_?value|dead_?letter)_?entry\\b");

    /**
     * Axon's tables (tokens, events, snapshots, sagas, dead letters) are read and written through Axon's API or
     * axon-config's {@code ProcessorTokens} and {@code StoredEvents}: no class elsewhere has a string constant naming
     * one, so no SQL of another module touches them. Other modules' SQL on their own tables is theirs.
     */
    @ArchTest
    static final ArchRule onlyAxonConfigNamesAxonsTables =
            classes().that().resideOutsideOfPackage(AXON_CONFIG).should(nameNoAxonTable());

    private static ArchCondition<JavaClass> nameNoAxonTable() {
        return new ArchCondition<>("name none of Axon's tables in a string constant") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (String constant : ClassFileStrings.of(javaClass)) {
                    if (AXON_TABLE.matcher(constant).find()) {
                        events.add(SimpleConditionEvent.violated(
                                javaClass, javaClass.getName() + " names an Axon table: \"" + constant + "\""));
                    }
                }
            }
        };
    }

    /** Inside the domain, sagas and procedures send through InternalCommands, never a gate of their choosing. */
    @ArchTest
    static final ArchRule theDomainSendsOnlyThroughInternalCommands = noClasses()
            .that()
            .resideInAPackage(DOMAIN)
            .and()
            .resideOutsideOfPackage(GATE)
            .should()
            .dependOnClassesThat()
            .areAssignableTo(CommandGate.class);

    /**
     * A deadline sends a command the one way too: only sagas (which send through {@code InternalCommands}) have
     * deadline handlers. An aggregate's deadline is handled outside it ({@code CaseDeadlines}), so no aggregate or
     * entity of one applies events on a firing, past the gate's schema, key and case lock.
     */
    @ArchTest
    static final ArchRule onlySagasHaveDeadlineHandlers = methods()
            .that()
            .areAnnotatedWith(DeadlineHandler.class)
            .should()
            .beDeclaredInClassesThat()
            .areAnnotatedWith(Saga.class)
            .because("a deadline sends its command through the internal gate; no aggregate applies events on a firing");

    /** A class of an aggregate's own package that it holds in a field (not a value such as its status): a part. */
    private static final DescribedPredicate<JavaField> A_PART_OF_AN_AGGREGATE = DescribedPredicate.describe(
            "holding a part of an aggregate",
            field -> field.getOwner().isAnnotatedWith(Aggregate.class)
                    && field.getRawType()
                            .getPackageName()
                            .equals(field.getOwner().getPackageName())
                    && !field.getRawType().isEnum());

    /**
     * An aggregate's parts are Axon entities: each is an {@code @AggregateMember}, which Axon hands the part's
     * commands and every event, and is set once, when the aggregate is made, so that a command for it always finds it.
     */
    @ArchTest
    static final ArchRule thePartsOfAnAggregateAreItsMembers = fields().that(A_PART_OF_AN_AGGREGATE)
            .should()
            .beAnnotatedWith(AggregateMember.class)
            .andShould()
            .beFinal()
            .because("a part keeps its own rules; the root does not forward to it by hand");

    /** A part holds its own rules: it has command handlers, not just state the root reads and writes. */
    @ArchTest
    static final ArchRule aggregateMembersHandleTheirOwnCommands = fields().that()
            .areAnnotatedWith(AggregateMember.class)
            .should(new ArchCondition<>("hold a class with command handlers of its own") {
                @Override
                public void check(JavaField field, ConditionEvents events) {
                    boolean handles = field.getRawType().getMethods().stream()
                            .anyMatch(method -> method.isAnnotatedWith(CommandHandler.class));
                    events.add(new SimpleConditionEvent(
                            field,
                            handles,
                            field.getFullName() + " holds " + field.getRawType().getName()));
                }
            });

    /**
     * No handler of an aggregate root forwards by hand: a root's command and event-sourcing handlers call nothing
     * on its parts (Axon routes to them), and the parts ask the root what they need.
     */
    @ArchTest
    static final ArchRule aggregateRootsDoNotForwardToTheirParts = codeUnits()
            .that(DescribedPredicate.describe(
                    "are handlers of an aggregate root",
                    (JavaCodeUnit unit) -> unit.getOwner().isAnnotatedWith(Aggregate.class)
                            && (unit.isAnnotatedWith(CommandHandler.class)
                                    || unit.isAnnotatedWith(EventSourcingHandler.class))))
            .should(new ArchCondition<>("call nothing on the aggregate's parts") {
                @Override
                public void check(JavaCodeUnit handler, ConditionEvents events) {
                    JavaClass root = handler.getOwner();
                    root.getFields().stream()
                            .filter(A_PART_OF_AN_AGGREGATE)
                            .map(JavaField::getRawType)
                            .forEach(part -> handler.getMethodCallsFromSelf().stream()
                                    .filter(call -> call.getTargetOwner().equals(part))
                                    .forEach(call -> events.add(SimpleConditionEvent.violated(
                                            handler, handler.getFullName() + " forwards: " + call.getDescription()))));
                }
            });

    /** The identity check and the credit report are two capabilities, each in its own package. */
    @ArchTest
    static final ArchRule identityCheckKnowsNoCreditReport = noClasses()
            .that()
            .resideInAPackage("se.caseflow.domain.identity..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("se.caseflow.domain.creditreport..");

    @ArchTest
    static final ArchRule creditReportKnowsNoIdentityCheck = noClasses()
            .that()
            .resideInAPackage("se.caseflow.domain.creditreport..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("se.caseflow.domain.identity..");

    @ArchTest
    static final ArchRule docStoreAndSecurityAreNotPublic = classes()
            .that()
            .resideInAnyPackage("se.caseflow.web.docstore..", "se.caseflow.web.security..", "se.caseflow.web.ops..")
            .and()
            .doNotHaveSimpleName("Role")
            .should()
            .notBePublic();

    @ArchTest
    static final ArchRule ucIsIndependentOfOtherAdapters = noClasses()
            .that()
            .resideInAPackage(UC)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SECRETS, IDEMPOTENCE, PROJECTIONS, AXON_CONFIG, KAFKA, TWILIO);

    /** Except the UC simulator: the one stand-in for UC, of the default mode, the tests and the benchmarks alike. */
    @ArchTest
    static final ArchRule ucInternalsAreNotPublic = classes()
            .that()
            .resideInAPackage(UC)
            .and()
            .haveSimpleNameNotEndingWith("Configuration")
            .and()
            .haveSimpleNameNotEndingWith("Properties")
            .and()
            .doNotHaveFullyQualifiedName(UcSimulator.class.getName())
            .and()
            .doNotHaveFullyQualifiedName(UcSimulator.Behaviour.class.getName())
            .and()
            .doNotHaveFullyQualifiedName(UcSimulator.TestPerson.class.getName())
            .should()
            .notBePublic();

    /**
     * One JSON configuration: only {@code Json} makes a Jackson mapper. Every other mapper is {@code Json.mapper()}
     * or derives from it ({@code Json.derive()}), saying why where it is made.
     */
    @ArchTest
    static final ArchRule onlyJsonMakesAMapper = noClasses()
            .that()
            .resideOutsideOfPackage("se.caseflow.domain.json..")
            .should()
            .callConstructorWhere(target(declaredIn(assignableTo(ObjectMapper.class))))
            .orShould()
            .callMethodWhere(
                    target(declaredIn(assignableTo(ObjectMapper.class))).and(target(name("builder"))))
            .because("caseflow's JSON settings are made in one place");

    /** Only the UC adapter may hold UC's wire format; the domain sees ports and typed values. */
    @ArchTest
    static final ArchRule onlyTheUcAdapterParsesXml = noClasses()
            .that()
            .resideOutsideOfPackages(UC, "se.caseflow.testsupport..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.w3c.dom..", "javax.xml.parsers..", "com.sun.net.httpserver..");
}
