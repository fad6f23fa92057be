package io.trunkline.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorCredentialTest {
    private static final String MISSING = "send Authorization: Bearer <operator token>";
    private final OperatorCredential credential = new OperatorCredential("s3cret-token", "trunkline.x.operator-token",
            "trunkline-x", MISSING);

    @ParameterizedTest
    @ValueSource(strings = { "Bearer s3cret-token", "bearer s3cret-token", "BEARER   s3cret-token  " })
    void theTokenUnderAnyCaseOfTheSchemeIsLetThrough(String header) {
        assertNull(credential.refusal(header), header);
    }

    @Test
    void noHeaderGetsA401SayingWhatToSend() {
        Response r = credential.refusal(null);
        assertEquals(401, r.getStatus());
        assertEquals("Bearer realm=\"trunkline-x\"", r.getHeaderString("WWW-Authenticate"));
        assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
        assertEquals(MISSING, ((Problem) r.getEntity()).detail());
        assertEquals(MISSING, ((Problem) credential.refusal("  ").getEntity()).detail());
    }

    @ParameterizedTest
    @ValueSource(strings = { "Basic czNjcmV0LXRva2Vu", "Bearer", "Bearer ", "s3cret-token", "Bearers3cret-token" })
    void anotherSchemeOrNoTokenIsNamedAsSuch(String header) {
        Response r = credential.refusal(header);
        assertEquals(401, r.getStatus(), header);
        assertEquals("the Authorization header must be Bearer <operator token>", ((Problem) r.getEntity()).detail());
    }

    @ParameterizedTest
    @ValueSource(strings = { "Bearer s3cret-toke", "Bearer s3cret-token2", "Bearer S3CRET-TOKEN", "Bearer x" })
    void anyOtherTokenIsNotValid(String header) {
        Response r = credential.refusal(header);
        assertEquals(401, r.getStatus(), header);
        assertEquals("the operator token is not valid", ((Problem) r.getEntity()).detail());
    }

    /** A blank configured token closes the operator API; it never matches an empty or missing bearer token. */
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "   " })
    void aBlankConfiguredTokenLetsNothingIn(String configured) {
        OperatorCredential closed = new OperatorCredential(configured, "trunkline.x.operator-token", "r", MISSING);
        for (String header : new String[] { "Bearer ", "Bearer", "Bearer  ", "Bearer null", null }) {
            assertEquals(401, closed.refusal(header).getStatus(), String.valueOf(header));
        }
        assertFalse(closed.matches(""));
        assertFalse(closed.matches(configured));
        assertTrue(closed.startupWarning(false).contains("is blank: the operator API refuses every call"));
    }

    @Test
    void theDevelopmentDefaultIsNamedOnlyInProd() {
        OperatorCredential dev = new OperatorCredential(OperatorCredential.DEV_DEFAULT, "trunkline.x.operator-token",
                "r", MISSING);
        assertTrue(dev.matches("dev-operator-token"));
        assertNull(dev.startupWarning(false));
        assertEquals("trunkline.x.operator-token is the development default; set TRUNKLINE_OPERATOR_TOKEN",
                dev.startupWarning(true));
        assertNull(credential.startupWarning(true));
    }

    @Test
    void bearerReadsTheTokenOnly() {
        assertEquals("abc", OperatorCredential.bearer("Bearer abc"));
        assertEquals("abc", OperatorCredential.bearer("bEaReR  abc "));
        assertNull(OperatorCredential.bearer("Bearer    "));
        assertNull(OperatorCredential.bearer("Token abc"));
        assertNull(OperatorCredential.bearer(null));
    }
}
