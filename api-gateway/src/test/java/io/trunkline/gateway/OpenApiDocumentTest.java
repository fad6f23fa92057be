package io.trunkline.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;

/** The OpenAPI document is complete where OpenApiDefinition completes it, and Swagger UI is served. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class OpenApiDocumentTest {

    static Response document() {
        return given().queryParam("format", "json").get("/q/openapi");
    }

    @Test
    void theDocumentHasThePathsSecuritySchemesAndExamples() {
        Response doc = document();
        doc.then().statusCode(200)
                .body("info.title", notNullValue())
                .body("info.description", containsString("problem+json"))
                .body("info.version", notNullValue())
                .body("info.contact.name", notNullValue())
                .body("paths", hasKey("/v1/messages"))
                .body("paths", hasKey("/cgi-bin/sendsms"))
                .body("paths", hasKey("/v1/operator/tenants/{id}/limits"))
                .body("components.securitySchemes.apiKey.scheme", equalTo("bearer"))
                .body("components.securitySchemes.operatorToken.scheme", equalTo("bearer"))
                // security applied per path: tenant key on the tenant API, operator token on the operator API
                .body("paths.'/v1/messages'.post.security.apiKey", hasItem(notNullValue()))
                .body("paths.'/v1/operator/tenants/{id}/limits'.put.security.operatorToken", hasItem(notNullValue()))
                // request examples of POST /v1/messages
                .body("paths.'/v1/messages'.post.requestBody.content.'application/json'.examples.simple.value.to",
                        equalTo("+61412345678"))
                // problem+json answers, with the rate limit's 429 and Retry-After
                .body("paths.'/v1/messages'.post.responses.'429'.content", hasKey("application/problem+json"))
                .body("paths.'/v1/messages'.post.responses.'429'.headers", hasKey("Retry-After"))
                .body("paths.'/v1/messages'.post.responses.'400'.content", hasKey("application/problem+json"))
                // the answers every tenant or operator call can get, added by path rather than declared per resource
                .body("paths.'/v1/messages'.post.responses.'401'.content", hasKey("application/problem+json"))
                .body("paths.'/v1/messages'.post.responses.'403'.content", hasKey("application/problem+json"))
                .body("paths.'/v1/broadcasts'.post.responses.'403'.content", hasKey("application/problem+json"))
                .body("paths.'/v1/operator/tenants'.post.responses.'401'.description",
                        containsString("operator token"))
                .body("paths.'/v1/operator/tenants'.post.responses", not(hasKey("403")))
                // a single send that cannot be queued: 503 with Retry-After
                .body("paths.'/v1/messages'.post.responses.'503'.headers", hasKey("Retry-After"))
                .body("paths.'/cgi-bin/sendsms'.get.responses.'202'.content.'text/plain'.examples.accepted.value",
                        equalTo("0: Accepted for delivery"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("swagger"));
    }
}
