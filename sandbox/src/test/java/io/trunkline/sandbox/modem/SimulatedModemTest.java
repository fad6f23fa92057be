package io.trunkline.sandbox.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stand-in over a real socat pty pair, driven with raw bytes as a host would. */
class SimulatedModemTest {
    private static ModemBank bank;
    private static SimulatedModem modem;
    private static Host host;

    /** The host side: writes commands, reads what the modem sends. */
    static final class Host implements AutoCloseable {
        final OutputStream out;
        final LinkedBlockingQueue<Character> rx = new LinkedBlockingQueue<>();
        final Thread reader;
        volatile boolean closed;

        Host(Path device) throws IOException {
            out = new FileOutputStream(device.toFile());
            InputStream in = new FileInputStream(device.toFile());
            reader = new Thread(() -> {
                byte[] b = new byte[256];
                try {
                    int n;
                    while (!closed && (n = in.read(b)) >= 0) {
                        for (int i = 0; i < n; i++) {
                            rx.add((char) (b[i] & 0xFF));
                        }
                    }
                } catch (IOException ignored) {
                    // pty closed
                }
            }, "host-rx");
            reader.setDaemon(true);
            reader.start();
        }

        void send(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** Reads until the text ends with one of the terminators, or fails after the timeout. */
        String until(Duration timeout, String... ends) throws InterruptedException {
            StringBuilder sb = new StringBuilder();
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                Character c = rx.poll(20, TimeUnit.MILLISECONDS);
                if (c == null) {
                    continue;
                }
                sb.append(c);
                for (String e : ends) {
                    if (sb.toString().endsWith(e)) {
                        return sb.toString();
                    }
                }
            }
            throw new AssertionError("no " + List.of(ends) + " within " + timeout + "; got: " + sb);
        }

        String command(String cmd) throws Exception {
            send(cmd + "\r");
            return untilFinal().replaceFirst("^" + java.util.regex.Pattern.quote(cmd + "\r"), "");
        }

        String untilFinal() throws InterruptedException {
            StringBuilder sb = new StringBuilder();
            long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            java.util.regex.Pattern fin = java.util.regex.Pattern.compile(
                    "(?s).*((\\r\\n(OK|ERROR|\\+CM[ES] ERROR: \\d+)\\r\\n)|\\r\\n> )$");
            while (System.nanoTime() < end) {
                Character c = rx.poll(20, TimeUnit.MILLISECONDS);
                if (c != null) {
                    sb.append(c);
                    if ((c == '\n' || c == ' ') && fin.matcher(sb).matches()) {
                        return sb.toString();
                    }
                }
            }
            throw new AssertionError("no final result within 3 s; got: " + sb);
        }

        String quiet(Duration d) throws InterruptedException {
            StringBuilder sb = new StringBuilder();
            long end = System.nanoTime() + d.toNanos();
            while (System.nanoTime() < end) {
                Character c = rx.poll(20, TimeUnit.MILLISECONDS);
                if (c != null) {
                    sb.append(c);
                }
            }
            return sb.toString();
        }

        @Override
        public void close() throws IOException {
            closed = true;
            out.close();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("modems");
        bank = ModemBank.start(dir, List.of(ModemConfig.of("m0", "+61400000100").withPin("1234")
                .withDelays(Duration.ofMillis(150), Duration.ofMillis(150))
                .withRules(ModemConfig.Rule.parseList("+61498=CMS:28,+61499=UNDELIVERABLE"))));
        modem = bank.modem(0);
        host = new Host(bank.devices().get(0));
    }

    @AfterAll
    static void stop() throws Exception {
        host.close();
        bank.close();
    }

    @Test
    void initialisesSendsReportsAndReceivesLikeA27005Modem() throws Exception {
        // echo is on until ATE0
        host.send("ATE0\r");
        assertEquals("ATE0\r\r\nOK\r\n", host.until(Duration.ofSeconds(3), "OK\r\n"));
        assertEquals("\r\nOK\r\n", host.command("AT+CMEE=1"));
        assertEquals("\r\n+CPIN: SIM PIN\r\n\r\nOK\r\n", host.command("AT+CPIN?"));
        assertEquals("\r\n+CMS ERROR: 311\r\n", host.command("AT+CMGF=0"));
        assertEquals("\r\n+CME ERROR: 16\r\n", host.command("AT+CPIN=\"0000\""));
        assertEquals("\r\nOK\r\n", host.command("AT+CPIN=\"1234\""));
        assertEquals("\r\nOK\r\n", host.command("AT+CMGF=0"));
        assertEquals("\r\nOK\r\n", host.command("AT+CNMI=2,1,0,2,0"));
        assertEquals("\r\n+CSQ: 21,99\r\n\r\nOK\r\n", host.command("AT+CSQ"));
        assertEquals("\r\n+CREG: 0,1\r\n\r\nOK\r\n", host.command("AT+CREG?"));

        // pymsg-enc-06: +34654123456 "hey yo" with a status report request (TPDU 19 octets)
        String pdu = "0021000B914356143254F6000006E8721E947F03";
        assertEquals("\r\n> ", host.command("AT+CMGS=19"));
        host.send(pdu + "\u001A");
        String answer = host.until(Duration.ofSeconds(3), "OK\r\n");
        assertTrue(answer.matches("\r\n\\+CMGS: \\d+\r\n\r\nOK\r\n"), answer);
        int mr = Integer.parseInt(answer.replaceAll("\\D", ""));
        SimulatedModem.Submitted s = modem.submitted().get(0);
        assertEquals("+34654123456", s.submit().destination());
        assertEquals("hey yo", s.submit().text());
        assertEquals(mr, s.messageReference());

        String cdsi = host.until(Duration.ofSeconds(3), "\r\n", "\r\n");
        cdsi += host.until(Duration.ofSeconds(3), "\r\n");
        assertTrue(cdsi.startsWith("\r\n+CDSI: \"SM\","), cdsi);
        int index = Integer.parseInt(cdsi.trim().substring(cdsi.trim().indexOf(',') + 1));
        String report = host.command("AT+CMGR=" + index);
        assertTrue(report.startsWith("\r\n+CMGR: 0,,"), report);
        String srPdu = report.split("\r\n")[3];
        // SMS-STATUS-REPORT: SMSC field, first octet 06, our message reference, TP-ST 00 at the end
        int smscLen = Integer.parseInt(srPdu.substring(0, 2), 16);
        assertEquals("06", srPdu.substring(2 + smscLen * 2, 4 + smscLen * 2));
        assertEquals(mr, Integer.parseInt(srPdu.substring(4 + smscLen * 2, 6 + smscLen * 2), 16));
        assertTrue(srPdu.endsWith("00"));
        assertEquals("\r\nOK\r\n", host.command("AT+CMGD=" + index));

        // a refused destination
        assertEquals("\r\n> ", host.command("AT+CMGS=19"));
        host.send("0001000B911694080000F1000006E8721E947F03\u001A"); // +61498000001 "hey yo"
        assertEquals("\r\n+CMS ERROR: 28\r\n", host.untilFinal(), () -> "modem saw " + modem.commands());

        // a message from a handset: +CMTI, read, delete
        modem.receive("+61411111111", "Hello from a phone");
        String cmti = host.until(Duration.ofSeconds(3), "\r\n", "\r\n");
        cmti += host.until(Duration.ofSeconds(3), "\r\n");
        assertTrue(cmti.trim().startsWith("+CMTI: \"SM\","), cmti);
        int in = Integer.parseInt(cmti.trim().substring(cmti.trim().indexOf(',') + 1));
        String read = host.command("AT+CMGR=" + in);
        assertTrue(read.startsWith("\r\n+CMGR: 0,,"), read);
        String list = host.command("AT+CMGL=4");
        assertTrue(list.startsWith("\r\n+CMGL: " + in + ",1,,"), list);
        assertEquals("\r\nOK\r\n", host.command("AT+CMGD=" + in));
        assertEquals(0, modem.storedCount());
        assertEquals("\r\n+CMS ERROR: 321\r\n", host.command("AT+CMGR=" + in));

        // unplugged: silence
        modem.unplug();
        host.send("AT\r");
        assertEquals("", host.quiet(Duration.ofMillis(300)));
        modem.plug();
        host.send("AT\r");
        assertTrue(host.until(Duration.ofSeconds(2), "OK\r\n").endsWith("OK\r\n"));
        host.command("ATE0");
        host.command("AT+CPIN=\"1234\"");
    }

    @Test
    void deliverAndStatusReportPdusHaveTheSpecLayout() {
        // same shape as pdu.tsv gsmmodem-sms-01 (github:faucamp/python-gsmmodem test_modem.py): SMSC +2782913593,
        // from +0123456789 ("0A91..."), "Hello world!" at 2013-03-08 15:02:16+02:00
        List<String> pdus = ModemPdu.deliver("+2782913593", "+0123456789", "Hello world!", 0,
                OffsetDateTime.of(2013, 3, 8, 15, 2, 16, 0, ZoneOffset.ofHours(2)));
        assertEquals(List.of("06917228195339040A9110325476980000313080512061800CC8329BFD06DDDF72363904"), pdus);
        // pdu.tsv gsmmodem-sr-01 minus its SMSC field: MR 183 to 0829200000, delivered
        String sr = ModemPdu.statusReport("", 183, "0829200000",
                OffsetDateTime.of(2013, 7, 17, 15, 58, 9, 0, ZoneOffset.ofHours(2)),
                OffsetDateTime.of(2013, 7, 17, 15, 58, 14, 0, ZoneOffset.ofHours(2)), 0);
        assertEquals("0006B70A8180920200003170715185908031707151854180" + "00", sr);
        ModemPdu.Submit s = ModemPdu.parseSubmit(
                "0041000B915121551532F40000A00500030C0301986F79B90D4AC3E7F53688FC66BFE5A0799A0E0AB7CB741668FC76CFCB637A995E9783C2E4343C3D4F8FD3EE33A8CC4ED359A079990C22BF41E5747DDE7E9341F4721BFE9683D2EE719A9C26D7DD74509D0E6287C56F791954A683C86FF65B5E06B5C36777181466A7E3F5B0AB4A0795DDE936284C06B5D3EE741B642FBBD3E1360B14AFA7E7");
        assertEquals("+15125551234", s.destination());
        assertEquals(12, s.concatRef());
        assertEquals(3, s.concatTotal());
        assertEquals(1, s.concatSeq());
        assertTrue(s.text().startsWith("Lorem ipsum dolor sit amet"));
        assertEquals(153, s.text().length());
    }
}
