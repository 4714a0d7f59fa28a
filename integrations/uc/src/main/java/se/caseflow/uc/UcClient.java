package se.caseflow.uc;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;
import se.caseflow.domain.api.CreditReport;
import se.caseflow.domain.creditreport.CreditReportOutcome;

/**
 * UC's {@code ucOrders2} operations {@code identityCheck} and {@code individualReport}, document/literal,
 * request elements and attributes qualified in {@value UcXml#REQUEST_NS} (the WSDL's
 * {@code elementFormDefault} and {@code attributeFormDefault} are both {@code qualified}). Takes the
 * 10-digit object reference in plaintext: only {@link UcAdapter} calls it, right after the audited unwrap.
 */
final class UcClient {

    static final String INTERFACE_VERSION = "2.2.1";
    /** UC's status message id for an object reference it does not know (seen in framework42's address check). */
    static final String UNKNOWN_OBJECT = "101";

    private static final Pattern OBJECT_REF = Pattern.compile("\\d{10}");

    private final SoapTransport transport;
    private final String userId;
    private final String password;
    private final String product;

    UcClient(SoapTransport transport, String userId, String password, String product) {
        this.transport = transport;
        this.userId = userId;
        this.password = password;
        this.product = product;
    }

    /** @throws RuntimeException when the check could not be made (transport, fault, unreadable reply) */
    IdentityFacts identityCheck(String objectRef) {
        String body = "<req:identityCheck req:identifier=\"" + checked(objectRef) + "\" req:version=\""
                + INTERFACE_VERSION + "\">" + customer() + "</req:identityCheck>";
        UcReply reply = answered(transport.post("identityCheck", envelope(body)));
        if (reply.isError()) {
            return UNKNOWN_OBJECT.equals(reply.messageId())
                    ? IdentityFacts.notFound()
                    : IdentityFacts.refused(UcFailure.refused(reply.messageId()));
        }
        if (reply.group("W080", 0).isEmpty()) {
            throw new UnexpectedReplyException(UcFailure.GROUP_MISSING, UcField.PERSON_STATUS);
        }
        Optional<String> surname =
                reply.value(UcField.SURNAME).map(String::strip).filter(s -> !s.isEmpty());
        return IdentityFacts.found(
                reply.value(UcField.PERSON_STATUS)
                        .filter(s -> !s.isBlank())
                        .map(UcField.PERSON_STATUS::code)
                        .orElse(null),
                surname.map(s -> s.substring(0, 1).toUpperCase(java.util.Locale.ROOT))
                        .orElse(null));
    }

    /** Every ending is an outcome: received, failed (certainly no usable report), or unknown. */
    CreditReportOutcome individualReport(String objectRef) {
        String body = "<req:individualReport req:product=\"" + UcXml.escape(product) + "\" req:version=\""
                + INTERFACE_VERSION + "\">" + customer()
                + "<req:individualReportQuery req:xmlReply=\"true\" req:htmlReply=\"false\">"
                + "<req:object>" + checked(objectRef) + "</req:object>"
                + "</req:individualReportQuery></req:individualReport>";
        SoapTransport.Response response;
        try {
            response = transport.post("individualReport", envelope(body));
        } catch (SoapTransport.CallFailedException e) {
            return e.maybeReceived()
                    ? new CreditReportOutcome.Unknown(e.getMessage())
                    : new CreditReportOutcome.Failed(e.getMessage());
        } catch (UnexpectedReplyException tooLarge) {
            return new CreditReportOutcome.Failed(tooLarge.getMessage());
        }
        try {
            UcReply reply = answered(response);
            if (reply.isError()) {
                return new CreditReportOutcome.Failed(UcFailure.refused(reply.messageId()));
            }
            return new CreditReportOutcome.Received(report(reply));
        } catch (UnexpectedReplyException | UcReplyParser.SoapFaultException e) {
            return new CreditReportOutcome.Failed(e.getMessage()); // a fixed text (UcFailure)
        }
    }

    static CreditReport report(UcReply reply) {
        String risk = reply.value(UcField.RISK)
                .orElseThrow(() -> new UnexpectedReplyException(UcFailure.TERM_MISSING, UcField.RISK));
        BigDecimal riskPercent = UcField.RISK.percent(risk);
        Long recommended = reply.value(UcField.RECOMMENDED_CREDIT)
                .map(UcField.RECOMMENDED_CREDIT::kronor)
                .orElse(null);
        Long income = reply.value(UcField.INCOME).map(UcField.INCOME::kronor).orElse(null);
        // UC leaves the remarks (W611) and inquiries (W640) groups out when there are none
        int remarks = count(reply, UcField.PAYMENT_REMARKS);
        long remarksSum = reply.value(UcField.PAYMENT_REMARKS_SUM)
                .map(UcField.PAYMENT_REMARKS_SUM::kronor)
                .orElse(0L);
        if (remarks > 0 && reply.value(UcField.PAYMENT_REMARKS_SUM).isEmpty()) {
            throw new UnexpectedReplyException(UcFailure.REMARKS_WITHOUT_SUM);
        }
        return new CreditReport(
                riskPercent, recommended, income, remarks, remarksSum, count(reply, UcField.RECENT_INQUIRIES));
    }

    private static int count(UcReply reply, UcField field) {
        return reply.value(field).map(field::count).orElse(0);
    }

    private static UcReply answered(SoapTransport.Response response) {
        if (response.status() != 200 && response.status() != 500) {
            throw UnexpectedReplyException.httpStatus(response.status());
        }
        return UcReplyParser.parse(response.body());
    }

    private String customer() {
        return "<req:customer><req:userId>" + UcXml.escape(userId) + "</req:userId><req:password>"
                + UcXml.escape(password) + "</req:password></req:customer>";
    }

    private static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + "<soapenv:Envelope xmlns:soapenv=\"" + UcXml.SOAP_NS
                + "\" xmlns:req=\"" + UcXml.REQUEST_NS + "\"><soapenv:Header/><soapenv:Body>" + body
                + "</soapenv:Body></soapenv:Envelope>";
    }

    private static String checked(String objectRef) {
        if (!OBJECT_REF.matcher(objectRef).matches()) {
            throw new IllegalArgumentException("UC object references are 10 digits");
        }
        return objectRef;
    }
}
