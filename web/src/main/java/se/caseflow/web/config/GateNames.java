package se.caseflow.web.config;

/**
 * The bean names, and qualifiers, of the command gates that an injection point must ask for by name (the staff gate is
 * the primary {@code CommandGate}; {@link CommandSideConfiguration} builds all three).
 */
public final class GateNames {

    /** The partner channel's gate: PlaceBid, ReviseBid, WithdrawBid. */
    public static final String PARTNER = "partnerCommandGate";

    /** The gate of what caseflow sends itself (sagas, deadlines, through {@code InternalCommands}) and the webhooks. */
    public static final String INTERNAL = "internalCommandGate";

    private GateNames() {}
}
