package io.trunkline.gateway;

import static io.trunkline.gateway.GatewayClient.tenant;
import static io.trunkline.gateway.GatewayClient.tenantWithKey;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.trunkline.gateway.service.ContactListService;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class ContactListApiTest {

    @Inject
    BroadcastTestDatabase db;

    @Inject
    ContactListService service;

    static String createList(String key, String name) {
        return tenant(key).contentType(ContentType.JSON).body(Map.of("name", name)).post("/v1/contact-lists")
                .then().statusCode(201).extract().path("id");
    }

    static Response importCsv(String key, String listId, String csv) {
        return tenant(key).contentType("text/csv").body(csv).post("/v1/contact-lists/{id}/import", listId);
    }

    @Test
    void listsAreCreatedReadRenamedListedAndDeleted() {
        String[] t = tenantWithKey("Lists");
        Response created = tenant(t[1]).contentType(ContentType.JSON).body(Map.of("name", "beta"))
                .post("/v1/contact-lists");
        created.then().statusCode(201).body("name", equalTo("beta")).body("contacts", equalTo(0))
                .body("createdAt", notNullValue());
        String beta = created.path("id");
        assertEquals(created.header("Location").endsWith("/v1/contact-lists/" + beta), true);
        String alpha = createList(t[1], "alpha");
        createList(t[1], "gamma");

        tenant(t[1]).contentType(ContentType.JSON).body(Map.of("name", "alpha")).post("/v1/contact-lists")
                .then().statusCode(409).contentType("application/problem+json").body("errors.field", hasItem("name"));
        tenant(t[1]).contentType(ContentType.JSON).body(Map.of("name", " ")).post("/v1/contact-lists")
                .then().statusCode(400).body("errors.field", hasItem("name"));

        Response p1 = tenant(t[1]).get("/v1/contact-lists?size=2");
        p1.then().statusCode(200).body("items.name", equalTo(List.of("alpha", "beta")))
                .body("next_cursor", notNullValue());
        tenant(t[1]).get("/v1/contact-lists?size=2&cursor=" + p1.path("next_cursor")).then()
                .body("items.name", equalTo(List.of("gamma"))).body("next_cursor", nullValue());

        tenant(t[1]).contentType(ContentType.JSON).body(Map.of("name", "delta")).put("/v1/contact-lists/{id}", beta)
                .then().statusCode(200).body("name", equalTo("delta")).body("id", equalTo(beta));
        tenant(t[1]).contentType(ContentType.JSON).body(Map.of("name", "alpha")).put("/v1/contact-lists/{id}", beta)
                .then().statusCode(409);
        tenant(t[1]).get("/v1/contact-lists/{id}", beta).then().statusCode(200).body("name", equalTo("delta"));

        tenant(t[1]).contentType(ContentType.JSON).body(Map.of("number", "+61412345678"))
                .post("/v1/contact-lists/{id}/contacts", alpha).then().statusCode(201);
        tenant(t[1]).delete("/v1/contact-lists/{id}", alpha).then().statusCode(204);
        tenant(t[1]).get("/v1/contact-lists/{id}", alpha).then().statusCode(404)
                .contentType("application/problem+json");
        assertEquals(0, db.contacts(alpha));
    }

    @Test
    void membersAreAddedListedByCursorAndRemoved() {
        String[] t = tenantWithKey("Members");
        String id = createList(t[1], "members");
        tenant(t[1]).contentType(ContentType.JSON).body(Map.of("number", "0412000003", "fields",
                Map.of("first_name", "Cy"))).post("/v1/contact-lists/{id}/contacts", id).then().statusCode(201)
                .body("number", equalTo("+61412000003")).body("fields.first_name", equalTo("Cy"));
        tenant(t[1]).contentType(ContentType.JSON).body(Map.of("number", "+61412000001"))
                .post("/v1/contact-lists/{id}/contacts", id).then().statusCode(201);
        tenant(t[1]).contentType(ContentType.JSON).body(Map.of("number", "+61412000002"))
                .post("/v1/contact-lists/{id}/contacts", id).then().statusCode(201);
        tenant(t[1]).contentType(ContentType.JSON).body(Map.of("number", "+61412000001"))
                .post("/v1/contact-lists/{id}/contacts", id).then().statusCode(409).body("errors.field", hasItem("number"));
        tenant(t[1]).contentType(ContentType.JSON).body(Map.of("number", "12"))
                .post("/v1/contact-lists/{id}/contacts", id).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("number"));

        Response p1 = tenant(t[1]).get("/v1/contact-lists/{id}/contacts?size=2", id);
        p1.then().statusCode(200).body("items.number", equalTo(List.of("+61412000001", "+61412000002")))
                .body("next_cursor", notNullValue());
        tenant(t[1]).get("/v1/contact-lists/{id}/contacts?size=2&cursor=" + p1.path("next_cursor"), id).then()
                .body("items.number", equalTo(List.of("+61412000003"))).body("next_cursor", nullValue());

        tenant(t[1]).delete("/v1/contact-lists/{id}/contacts/{n}", id, "+61412000002").then().statusCode(204);
        tenant(t[1]).delete("/v1/contact-lists/{id}/contacts/{n}", id, "0412000003").then().statusCode(204);
        tenant(t[1]).delete("/v1/contact-lists/{id}/contacts/{n}", id, "+61412000002").then().statusCode(404);
        tenant(t[1]).get("/v1/contact-lists/{id}", id).then().body("contacts", equalTo(1));

        // the service the subscribe app uses sees the same members
        assertEquals(List.of("+61412000001"), service.members(t[0], "members").stream().map(c -> c.number).toList());
    }

    @Test
    void csvImportStoresValidRowsAndReportsEveryOtherRow() {
        String[] t = tenantWithKey("Importer");
        String id = createList(t[1], "imported");
        tenant(t[1]).contentType(ContentType.JSON).body(Map.of("number", "+61412600009"))
                .post("/v1/contact-lists/{id}/contacts", id).then().statusCode(201);
        String csv = "first_name,Number,city\r\n"
                + "Ann,+61412600001,Perth\r\n"        // row 2: imported
                + "Bob,0412600002,\r\n"                // row 3: imported, national
                + "Cy,not-a-number,Hobart\r\n"         // row 4: invalid
                + "Di,+61412600001,Perth\r\n"          // row 5: duplicate of row 2
                + "\"Ed, Jr\",+61412600005\r\n"        // row 6: too few columns
                + "Flo,+61412600009,Darwin\r\n"        // row 7: on the list already
                + ",,\r\n"                             // row 8: no number
                + "\"Gus \"\"G\"\"\",+61412600008,Alice Springs\n"; // row 9: imported, quoted
        importCsv(t[1], id, csv).then().statusCode(200)
                .body("rows", equalTo(8))
                .body("imported", equalTo(3))
                .body("invalid", equalTo(3))
                .body("duplicate", equalTo(2))
                .body("errors.row", equalTo(List.of(4, 5, 6, 7, 8)))
                .body("errors.code", equalTo(List.of("invalid_number", "duplicate", "invalid_row", "duplicate",
                        "invalid_number")))
                .body("errors[0].value", equalTo("not-a-number"))
                .body("errors[1].reason", containsString("row 2"))
                .body("errors[3].reason", containsString("already"));
        assertEquals(4, db.contacts(id));
        tenant(t[1]).get("/v1/contact-lists/{id}/contacts?size=10", id).then()
                .body("items.number", equalTo(List.of("+61412600001", "+61412600002", "+61412600008",
                        "+61412600009")))
                .body("items[0].fields.first_name", equalTo("Ann"))
                .body("items[0].fields.city", equalTo("Perth"))
                .body("items[1].fields.city", nullValue())
                .body("items[2].fields.first_name", equalTo("Gus \"G\""));

        importCsv(t[1], id, "name,phone\nAnn,+61412600001\n").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("body"));
        importCsv(t[1], id, "").then().statusCode(400);
    }

    @Test
    void aHundredThousandRowImportIsStored() {
        String[] t = tenantWithKey("BigImport");
        String id = createList(t[1], "big");
        StringBuilder csv = new StringBuilder(3_000_000).append("number,first_name\n");
        for (int i = 0; i < 100_000; i++) {
            csv.append(String.format("+61412%06d", i)).append(",n").append(i).append('\n');
        }
        // storing 100,000 rows can take longer than the default test timeout on a busy machine
        RestAssuredConfig slow = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", 600_000).setParam("http.connection.timeout", 60_000));
        tenant(t[1]).config(slow).contentType("text/csv").body(csv.toString())
                .post("/v1/contact-lists/{id}/import", id).then().statusCode(200)
                .body("rows", equalTo(100_000)).body("imported", equalTo(100_000)).body("errors", hasSize(0));
        assertEquals(100_000, db.contacts(id));
        tenant(t[1]).get("/v1/contact-lists/{id}", id).then().body("contacts", equalTo(100_000));
    }

    @Test
    void anotherTenantsListIs404() {
        String[] a = tenantWithKey("ListOwner");
        String[] b = tenantWithKey("ListStranger");
        String id = createList(a[1], "private");
        tenant(a[1]).contentType(ContentType.JSON).body(Map.of("number", "+61412700001"))
                .post("/v1/contact-lists/{id}/contacts", id).then().statusCode(201);

        tenant(b[1]).get("/v1/contact-lists/{id}", id).then().statusCode(404).contentType("application/problem+json");
        tenant(b[1]).get("/v1/contact-lists/{id}/contacts", id).then().statusCode(404);
        tenant(b[1]).contentType(ContentType.JSON).body(Map.of("name", "mine")).put("/v1/contact-lists/{id}", id)
                .then().statusCode(404);
        tenant(b[1]).contentType(ContentType.JSON).body(Map.of("number", "+61412700002"))
                .post("/v1/contact-lists/{id}/contacts", id).then().statusCode(404);
        tenant(b[1]).delete("/v1/contact-lists/{id}/contacts/{n}", id, "+61412700001").then().statusCode(404);
        importCsv(b[1], id, "number\n+61412700003\n").then().statusCode(404);
        tenant(b[1]).delete("/v1/contact-lists/{id}", id).then().statusCode(404);
        tenant(b[1]).get("/v1/contact-lists").then().body("items", hasSize(0));

        tenant(a[1]).get("/v1/contact-lists/{id}", id).then().statusCode(200).body("name", equalTo("private"))
                .body("contacts", equalTo(1));
    }
}
