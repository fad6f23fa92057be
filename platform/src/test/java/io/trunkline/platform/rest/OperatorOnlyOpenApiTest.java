package io.trunkline.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.jboss.jandex.Index;
import org.junit.jupiter.api.Test;

class OperatorOnlyOpenApiTest {

    @Path("/ops/things/")
    @OperatorOnly
    static class GuardedResource {
        @GET
        public String list() {
            return "";
        }

        @GET
        @Path("{id: [0-9]+}/parts")
        public String parts() {
            return "";
        }

        public String notAnEndpoint() {
            return "";
        }
    }

    @Path("v1/mixed")
    static class MixedResource {
        @POST
        @OperatorOnly
        @Path("/admin")
        public String admin() {
            return "";
        }

        @GET
        public String open() {
            return "";
        }
    }

    static Index index() throws IOException {
        return Index.of(GuardedResource.class, MixedResource.class);
    }

    @Test
    void findsTheGuardedOperationsByTheAnnotationOnTheClassOrTheMethod() throws IOException {
        assertEquals(Set.of("GET /ops/things", "GET /ops/things/{id}/parts", "POST /v1/mixed/admin"),
                OperatorOnlyOpenApi.guarded(index()));
    }

    @Test
    void joinsPathsAsTheDocumentWritesThem() {
        assertEquals("/a/b", OperatorOnlyOpenApi.path("a/", "/b/"));
        assertEquals("/a", OperatorOnlyOpenApi.path("/a", ""));
        assertEquals("/", OperatorOnlyOpenApi.path("", ""));
        assertEquals("/v1/x/{tenantId}/y/{n}", OperatorOnlyOpenApi.path("/v1/x/{ tenantId }", "y/{n : \\d+}"));
    }

    @Test
    void guardedOperationsGetTheSchemeAndA401AndOthersAreLeftAlone() throws IOException {
        Operation list = OASFactory.createOperation();
        Operation admin = OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("401", OASFactory.createAPIResponse().description("declared by the resource")));
        Operation open = OASFactory.createOperation();
        OpenAPI api = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/ops/things", OASFactory.createPathItem().GET(list))
                .addPathItem("/v1/mixed/admin", OASFactory.createPathItem().POST(admin))
                .addPathItem("/v1/mixed", OASFactory.createPathItem().GET(open)));

        new OperatorOnlyOpenApi(index()).filterOpenAPI(api);

        assertEquals(List.of(OperatorOnly.SECURITY_SCHEME),
                List.copyOf(list.getSecurity().get(0).getSchemes().keySet()));
        assertNotNull(list.getResponses().getAPIResponse("401").getContent().getMediaType(Problem.MEDIA_TYPE));
        assertEquals("declared by the resource", admin.getResponses().getAPIResponse("401").getDescription());
        assertNotNull(admin.getSecurity());
        assertNull(open.getSecurity());
        assertNull(open.getResponses());
        assertEquals("bearer", api.getComponents().getSecuritySchemes().get(OperatorOnly.SECURITY_SCHEME).getScheme());
        assertNotNull(api.getComponents().getSchemas().get(ProblemOpenApi.SCHEMA));
    }

    @Test
    void aDocumentWithoutGuardedOperationsGetsNoScheme() throws IOException {
        OpenAPI api = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/v1/mixed", OASFactory.createPathItem().GET(OASFactory.createOperation())));
        new OperatorOnlyOpenApi(index()).filterOpenAPI(api);
        assertNull(api.getComponents());
    }
}
