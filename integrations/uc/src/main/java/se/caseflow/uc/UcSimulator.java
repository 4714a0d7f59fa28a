package se.caseflow.uc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * THE UC SIMULATOR, for local mode only (no {@code caseflow.uc.endpoint} configured): a SOAP 1.1 server on
 * the loopback interface speaking the messages of UC's WSDL ({@code identityCheck}, {@code individualReport}),
 * so the whole flow runs on a laptop. It knows only Skatteverket's published test personnummer below and
 * answers every other number with UC's "unknown object" status. It is not UC and its numbers are invented.
 */
final class UcSimulator implements AutoCloseable {

    static final String PATH = "/uc-simulator/ucOrders2";

    private static final Logger log = LoggerFactory.getLogger(UcSimulator.class);

    /** Skatteverket's published test personnummer (10-digit form) and the made-up UC data served for them. */
    static final Map<String, TestPerson> TEST_PERSONS = Map.of(
            // 19121212-1212 Tolvan Tolvansson, Skatteverket's best-known test person
            "1212121212", new TestPerson("Tolvan", "Tolvansson", "2,4 %", "150 000", "312", 0, "0", 1),
            // 19811218-9876, the worked example of Skatteverket's personnummer brochure (SKV 704)
            "8112189876", new TestPerson("Anna", "Andersson", "12,5 %", "40 000", "254", 1, "4 500", 3));

    record TestPerson(
            String firstName,
            String surname,
            String risk,
            String recommendedCredit,
            String incomeThousands,
            int remarks,
            String remarksSum,
            int inquiries) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "uc-simulator");
        thread.setDaemon(true);
        return thread;
    });

    UcSimulator(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext(PATH, this::handle);
        server.setExecutor(executor);
        server.start();
        log.warn(
                "UC SIMULATOR serving {}: no caseflow.uc.endpoint is configured, so identity checks and credit reports"
                        + " are simulated and answered only for Skatteverket's test personnummer",
                endpoint());
    }

    URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + PATH);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readNBytes(64 * 1024);
            }
            String reply;
            int status = 200;
            try {
                reply = answer(exchange.getRequestHeaders().getFirst("SOAPAction"), request);
            } catch (RuntimeException e) {
                status = 500;
                reply = envelope("<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>"
                        + UcXml.escape(e.getMessage() == null ? "bad request" : e.getMessage())
                        + "</faultstring></soapenv:Fault>");
            }
            byte[] body = UcXml.utf8(reply);
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String answer(String soapAction, byte[] request) {
        Element body = UcXml.firstChild(UcXml.parse(request).getDocumentElement(), UcXml.SOAP_NS, "Body");
        Element operation = body == null ? null : UcXml.firstChild(body, UcXml.REQUEST_NS, "identityCheck");
        boolean identity = operation != null;
        if (!identity) {
            operation = body == null ? null : UcXml.firstChild(body, UcXml.REQUEST_NS, "individualReport");
        }
        if (operation == null) {
            throw new IllegalArgumentException("the simulator answers identityCheck and individualReport only");
        }
        String expectedAction = "\"" + SoapTransport.ACTION_PREFIX + operation.getLocalName() + "\"";
        if (!expectedAction.equals(soapAction)) {
            throw new IllegalArgumentException("SOAPAction must be " + expectedAction);
        }
        Element customer = UcXml.firstChild(operation, UcXml.REQUEST_NS, "customer");
        if (customer == null || UcXml.firstChild(customer, UcXml.REQUEST_NS, "userId") == null) {
            throw new IllegalArgumentException("customer/userId missing");
        }
        String objectRef;
        if (identity) {
            objectRef = UcXml.attribute(operation, "identifier");
        } else {
            Element query = UcXml.firstChild(operation, UcXml.REQUEST_NS, "individualReportQuery");
            Element object = query == null ? null : UcXml.firstChild(query, UcXml.REQUEST_NS, "object");
            objectRef = object == null ? null : object.getTextContent().strip().replace("-", "");
        }
        TestPerson person = objectRef == null ? null : TEST_PERSONS.get(objectRef.replace("-", ""));
        if (person == null) {
            return reply("<rep:status rep:result=\"error\"><rep:message rep:id=\"" + UcClient.UNKNOWN_OBJECT
                    + "\" rep:level=\"1\">Objektet finns inte (UC SIMULATOR)</rep:message></rep:status>");
        }
        StringBuilder groups = new StringBuilder();
        group(
                groups,
                "W080",
                "W08083",
                person.firstName() + " " + person.surname(),
                "W08084",
                person.surname(),
                "W08085",
                person.firstName());
        if (!identity) {
            group(groups, "W131", "W13111", person.risk(), "W13106", person.recommendedCredit());
            group(groups, "W491", "W49122", person.incomeThousands());
            if (person.remarks() > 0) {
                group(groups, "W611", "W61109", Integer.toString(person.remarks()), "W61110", person.remarksSum());
            }
            group(groups, "W640", "W64001", Integer.toString(person.inquiries()));
        }
        return reply("<rep:status rep:result=\"ok\"/><rep:ucReport><rep:xmlReply><rep:reports rep:lang=\"swe\">"
                + "<rep:report rep:index=\"0\" rep:level=\"1\" rep:name=\"UC SIMULATOR\" rep:styp=\"SIM\">" + groups
                + "</rep:report></rep:reports></rep:xmlReply></rep:ucReport>");
    }

    private static void group(StringBuilder out, String id, String... terms) {
        out.append("<rep:group rep:id=\"")
                .append(id)
                .append("\" rep:index=\"0\" rep:level=\"1\" rep:name=\"")
                .append(id)
                .append("\">");
        for (int i = 0; i < terms.length; i += 2) {
            out.append("<rep:term rep:id=\"")
                    .append(terms[i])
                    .append("\" rep:level=\"1\">")
                    .append(UcXml.escape(terms[i + 1]))
                    .append("</rep:term>");
        }
        out.append("</rep:group>");
    }

    private static String reply(String content) {
        return envelope("<rep:ucReply xmlns:rep=\"" + UcXml.REPLY_NS + "\">" + content + "</rep:ucReply>");
    }

    private static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"" + UcXml.SOAP_NS
                + "\"><soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
