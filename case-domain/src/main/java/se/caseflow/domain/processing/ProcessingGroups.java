package se.caseflow.domain.processing;

/**
 * The name of every event processor and saga processing group of caseflow, one constant each; every annotation,
 * configuration and test uses these. Each group has a processor of the same name. Their settings (type, batch size,
 * segments, first token, error handling, sequencing) are all in one place: axon-config's
 * {@code EventProcessorSettings}.
 */
public final class ProcessingGroups {

    /** The Redis read side: case, SMS and partner projections (replayable). */
    public static final String CASE_PROJECTIONS = "case-projections";

    /** The twin of {@link #CASE_PROJECTIONS} that rebuilds the read side into a new generation (started by ops). */
    public static final String CASE_PROJECTIONS_REBUILD = CASE_PROJECTIONS + "-rebuild";

    /** Publishes every case event to Kafka. */
    public static final String KAFKA_PUBLISHER = "kafka-publisher";

    /** The identity-check saga (UC {@code identityCheck}). */
    public static final String UC_IDENTITY_CHECK = "uc-identity-check";

    /** The credit-check saga (UC {@code individualReport}): at most one report per case and party. */
    public static final String UC_CREDIT_CHECK = "uc-credit-check";

    /** The bidding saga: opens bidding, tells the applicant by SMS. */
    public static final String BIDDING = "bidding";

    /** The SMS saga, one per message: hands it to Twilio at most once. */
    public static final String SMS_SENDING = "sms-sending";

    private ProcessingGroups() {}
}
