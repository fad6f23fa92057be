package io.trunkline.relay.email;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.trunkline.relay.config.RelayConfig;

class EmailTextTest {

    private static EmailText.Parsed parse(String raw) throws Exception {
        return EmailText.parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), 1530);
    }

    @Test
    void thePlainPartOfAMultipartMailIsTheText() throws Exception {
        EmailText.Parsed p = parse("Subject: hello\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=XX\r\n\r\n"
                + "--XX\r\nContent-Type: text/html\r\n\r\n<p>ignored</p>\r\n"
                + "--XX\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nLine one\r\n\r\n\r\n\r\nLine two\r\n"
                + "--XX--\r\n");
        assertEquals("hello", p.subject());
        assertEquals("Line one\n\nLine two", p.text());
    }

    @Test
    void htmlOnlyMailLosesItsTagsAndQuotesAndSignaturesAreDropped() throws Exception {
        assertEquals("Hi there\nsecond",
                parse("Subject: s\r\nContent-Type: text/html\r\n\r\n<div>Hi <b>there</b><br>second</div>\r\n").text());
        assertEquals("Answer", parse("Subject: s\r\n\r\nAnswer\r\nOn Monday Bob wrote:\r\n> question\r\n").text());
        assertEquals("Body", parse("Subject: s\r\n\r\nBody\r\n-- \r\nsig\r\n").text());
        assertEquals("only subject", parse("Subject: only subject\r\n\r\n\r\n").text());
    }

    @Test
    void sendersAreAuthorisedByAddressOrDomain() {
        RelayConfig.EmailTenant a = () -> List.of("boss@acme.example", "*@ops.acme.example");
        Map<String, RelayConfig.EmailTenant> tenants = Map.of("tenant-a", a);
        assertEquals(Optional.of("tenant-a"), EmailListener.tenantOf(tenants, "Boss@ACME.example"));
        assertEquals(Optional.of("tenant-a"), EmailListener.tenantOf(tenants, "x@ops.acme.example"));
        assertEquals(Optional.empty(), EmailListener.tenantOf(tenants, "x@acme.example"));
        assertEquals(Optional.empty(), EmailListener.tenantOf(tenants, "x@evil-ops.acme.example"));
    }
}
