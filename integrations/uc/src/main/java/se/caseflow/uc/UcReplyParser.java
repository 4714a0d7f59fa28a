package se.caseflow.uc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads a SOAP 1.1 response carrying {@code ucReply} (namespace {@value UcXml#REPLY_NS}):
 * {@code status@result}, {@code status/message@id/@level}, and every
 * {@code ucReport/xmlReply/reports/report/group[@id, @index]/term[@id]}.
 */
final class UcReplyParser {

    private UcReplyParser() {}

    /**
     * @throws SoapFaultException for a SOAP fault; {@link UnexpectedReplyException} for anything unreadable (their
     *     messages are fixed texts: nothing of the reply)
     */
    static UcReply parse(byte[] body) {
        Document document = UcXml.parse(body);
        Element envelope = document.getDocumentElement();
        if (!"Envelope".equals(envelope.getLocalName()) || !UcXml.SOAP_NS.equals(envelope.getNamespaceURI())) {
            throw new UnexpectedReplyException(UcFailure.NOT_SOAP);
        }
        Element soapBody = UcXml.firstChild(envelope, UcXml.SOAP_NS, "Body");
        if (soapBody == null) {
            throw new UnexpectedReplyException(UcFailure.NO_SOAP_BODY);
        }
        Element fault = UcXml.firstChild(soapBody, UcXml.SOAP_NS, "Fault");
        if (fault != null) {
            Element code = UcXml.firstChild(fault, null, "faultcode");
            throw new SoapFaultException(
                    code == null ? "(no faultcode)" : code.getTextContent().strip());
        }
        Element reply = UcXml.firstChild(soapBody, UcXml.REPLY_NS, "ucReply");
        if (reply == null) {
            throw new UnexpectedReplyException(UcFailure.NO_UC_REPLY);
        }
        Element status = UcXml.firstChild(reply, UcXml.REPLY_NS, "status");
        String result = status == null ? null : UcXml.attribute(status, "result");
        if (result == null || result.isBlank()) {
            throw new UnexpectedReplyException(UcFailure.NO_STATUS);
        }
        Element message = UcXml.firstChild(status, UcXml.REPLY_NS, "message");
        List<UcReply.Group> groups = new ArrayList<>();
        for (Element report : UcXml.descendants(reply, UcXml.REPLY_NS, "report")) {
            for (Element group : UcXml.descendants(report, UcXml.REPLY_NS, "group")) {
                groups.add(group(group));
            }
        }
        return new UcReply(
                result.strip(),
                message == null ? null : UcXml.attribute(message, "id"),
                message == null ? null : UcXml.attribute(message, "level"),
                List.copyOf(groups));
    }

    private static UcReply.Group group(Element group) {
        String id = UcXml.attribute(group, "id");
        String index = UcXml.attribute(group, "index");
        if (id == null || index == null) {
            throw new UnexpectedReplyException(UcFailure.GROUP_WITHOUT_ID);
        }
        int position;
        try {
            position = Integer.parseInt(index.strip());
        } catch (NumberFormatException e) {
            throw new UnexpectedReplyException(UcFailure.GROUP_INDEX_NOT_A_NUMBER, e);
        }
        Map<String, String> terms = new LinkedHashMap<>();
        for (Element term : UcXml.descendants(group, UcXml.REPLY_NS, "term")) {
            String termId = UcXml.attribute(term, "id");
            if (termId == null) {
                throw new UnexpectedReplyException(UcFailure.TERM_WITHOUT_ID);
            }
            terms.putIfAbsent(termId, term.getTextContent());
        }
        return new UcReply.Group(id, position, Map.copyOf(terms));
    }

    /**
     * UC (or something in front of it) answered with a SOAP fault. The message names the fault code only if it is one
     * of SOAP's own ({@link UcFailure#soapFault}).
     */
    static final class SoapFaultException extends RuntimeException {
        SoapFaultException(String faultCode) {
            super(UcFailure.soapFault(faultCode));
        }
    }
}
