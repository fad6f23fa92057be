package io.trunkline.relay.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class HttpTemplateTest {

    @Test
    void placeholdersAreUrlEncodedInUrlsAndJsonEscapedInJsonBodies() {
        Map<String, String> v = Map.of("username", "al ice", "text", "a&b=\"c\"\n\u00e9", "to", "614");
        assertEquals("https://x/api?mode=sendsms&username=al%20ice&textmsg=a%26b%3D%22c%22%0A%C3%A9&to=614&keep={nope}",
                HttpTemplate.url("https://x/api?mode=sendsms&username={username}&textmsg={text}&to={to}&keep={nope}", v));
        assertEquals("{\"t\":\"a&b=\\\"c\\\"\\n\u00e9\"}", HttpTemplate.body("{\"t\":\"{text}\"}", "application/json", v));
        assertEquals("u=al%20ice", HttpTemplate.body("u={username}", "application/x-www-form-urlencoded", v));
    }
}
