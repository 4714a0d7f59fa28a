package se.caseflow.uc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.IdentityRejectionReason;
import se.caseflow.domain.identity.IdentityCheckResult;

/** How an identity reply becomes a verification or a rejection. */
class UcAdapterTest {

    @Test
    void verifiesAFoundPersonWhoseSurnameMatchesAnInitial() {
        assertThat(UcAdapter.judge(IdentityFacts.found(null, "T"), "T*** T***"))
                .isEqualTo(new IdentityCheckResult.Verified());
        assertThat(UcAdapter.judge(IdentityFacts.found("00", null), "T*** T***"))
                .isEqualTo(new IdentityCheckResult.Verified());
    }

    @Test
    void rejectsForTheRegisterStatus() {
        assertThat(UcAdapter.judge(IdentityFacts.found("05", "T"), "T*** T***"))
                .isEqualTo(new IdentityCheckResult.Rejected(IdentityRejectionReason.DECEASED, "UC W08020 05"));
        assertThat(UcAdapter.judge(IdentityFacts.found("03", "T"), "T*** T***"))
                .isEqualTo(new IdentityCheckResult.Rejected(IdentityRejectionReason.EMIGRATED, "UC W08020 03"));
        assertThat(UcAdapter.judge(IdentityFacts.found("06", "T"), "T*** T***"))
                .isEqualTo(
                        new IdentityCheckResult.Rejected(IdentityRejectionReason.PROTECTED_IDENTITY, "UC W08020 06"));
    }

    @Test
    void aRegisterStatusThatIsNotTwoDigitsIsNotQuoted() {
        // UcClient refuses such a status; an identity cache entry of an earlier version may still hold one
        assertThat(UcAdapter.judge(IdentityFacts.found("Tolvansson", "T"), "T*** T***"))
                .isEqualTo(new IdentityCheckResult.Rejected(
                        IdentityRejectionReason.PROTECTED_IDENTITY, "UC W08020 (not a two-digit code)"));
    }

    @Test
    void rejectsANameMismatchAndAnUnknownPerson() {
        assertThat(UcAdapter.judge(IdentityFacts.found(null, "S"), "T*** T***"))
                .isEqualTo(new IdentityCheckResult.Rejected(
                        IdentityRejectionReason.NAME_MISMATCH,
                        "UC's surname starts with none of the applicant's initials"));
        assertThat(UcAdapter.judge(IdentityFacts.notFound(), "T*** T***"))
                .isEqualTo(new IdentityCheckResult.Rejected(
                        IdentityRejectionReason.NOT_FOUND, "UC status error, message 101"));
        assertThat(UcAdapter.judge(IdentityFacts.refused("UC status error, message 9"), "T*** T***"))
                .isEqualTo(new IdentityCheckResult.Rejected(
                        IdentityRejectionReason.CHECK_FAILED, "UC status error, message 9"));
    }

    @Test
    void aNameMismatchSaysTheSameWhateverTheNameSoTheEventNamesNothingOfThePerson() {
        IdentityCheckResult one = UcAdapter.judge(IdentityFacts.found(null, "S"), "E*** T***");
        IdentityCheckResult other = UcAdapter.judge(IdentityFacts.found(null, "S"), "A*** B*** C***");

        assertThat(one).isEqualTo(other);
        assertThat(((IdentityCheckResult.Rejected) one).detail()).doesNotContain("E*", "T*", "***");
    }
}
