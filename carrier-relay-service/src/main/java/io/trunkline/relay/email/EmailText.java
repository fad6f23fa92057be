package io.trunkline.relay.email;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * The SMS text of an e-mail. Rules: the first {@code text/plain} part (else the first {@code text/html} part without
 * its tags); lines quoted with {@code >} and everything from a signature delimiter line ({@code -- }) or an
 * "On ... wrote:" line on are dropped; runs of blank lines become one; trimmed. If that leaves nothing, the subject
 * is the text. The subject is otherwise ignored. Longer texts are cut at the limit.
 */
public final class EmailText {
    private EmailText() {
    }

    public record Parsed(String subject, String text) {
    }

    public static Parsed parse(InputStream raw, int maxLength) throws IOException {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), raw);
            String subject = m.getSubject() == null ? "" : m.getSubject().trim();
            String body = clean(bodyOf(m));
            String text = body.isEmpty() ? subject : body;
            if (text.length() > maxLength) {
                text = text.substring(0, maxLength);
            }
            return new Parsed(subject, text);
        } catch (MessagingException e) {
            throw new IOException("unreadable message: " + e.getMessage(), e);
        }
    }

    private static String bodyOf(Part p) throws MessagingException, IOException {
        String plain = find(p, "text/plain");
        if (plain != null) {
            return plain;
        }
        String html = find(p, "text/html");
        return html == null ? "" : html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", "")
                .replaceAll("(?i)<br\\s*/?>|</p>", "\n").replaceAll("<[^>]+>", "").replace("&nbsp;", " ")
                .replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    }

    private static String find(Part p, String type) throws MessagingException, IOException {
        if (p.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
            Object c = p.getContent();
            return c instanceof String s ? s : null;
        }
        if (p.isMimeType("multipart/*") && p.getContent() instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart b = mp.getBodyPart(i);
                String found = find(b, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static String clean(String body) {
        StringBuilder out = new StringBuilder();
        boolean blank = false;
        for (String line : body.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            if (line.equals("-- ") || line.equals("--") || line.matches("(?i)^On .+ wrote:\\s*$")) {
                break;
            }
            if (line.startsWith(">")) {
                continue;
            }
            String t = line.stripTrailing();
            if (t.isBlank()) {
                blank = out.length() > 0;
                continue;
            }
            if (blank) {
                out.append('\n');
                blank = false;
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(t);
        }
        return out.toString().trim();
    }
}
