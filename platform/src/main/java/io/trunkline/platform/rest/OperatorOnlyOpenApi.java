package io.trunkline.platform.rest;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Marks every {@link OperatorOnly} operation in the service's OpenAPI document as needing the operator's bearer token
 * (scheme {@link OperatorOnly#SECURITY_SCHEME}) and as answering 401 problem+json without it, so Swagger UI offers
 * "Authorize" and a client generator sends the header. Runs once at build time over the Jandex index: the operations
 * are the ones {@link OperatorAuthFilter} guards, found by the same annotation, not by a path convention that could
 * drift from it. What a resource declares itself (its own security or 401) is kept.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OperatorOnlyOpenApi implements OASFilter {
    private static final DotName OPERATOR_ONLY = DotName.createSimple(OperatorOnly.class.getName());
    private static final DotName PATH = DotName.createSimple(Path.class.getName());
    private static final Map<DotName, PathItem.HttpMethod> VERBS = Map.of(
            DotName.createSimple(GET.class.getName()), PathItem.HttpMethod.GET,
            DotName.createSimple(POST.class.getName()), PathItem.HttpMethod.POST,
            DotName.createSimple(PUT.class.getName()), PathItem.HttpMethod.PUT,
            DotName.createSimple(DELETE.class.getName()), PathItem.HttpMethod.DELETE,
            DotName.createSimple(PATCH.class.getName()), PathItem.HttpMethod.PATCH,
            DotName.createSimple(HEAD.class.getName()), PathItem.HttpMethod.HEAD);

    /** A path parameter with an optional regular expression (without nested braces, which no resource here uses). */
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*(?::[^}]*)?}");

    private final Set<String> guarded;

    public OperatorOnlyOpenApi(IndexView index) {
        this.guarded = guarded(index);
    }

    /** {@code "GET /v1/ops/accounts/{tenantId}"} for each resource method {@link OperatorOnly} applies to. */
    static Set<String> guarded(IndexView index) {
        Set<String> out = new HashSet<>();
        for (AnnotationInstance a : index.getAnnotations(OPERATOR_ONLY)) {
            if (a.target().kind() == AnnotationTarget.Kind.CLASS) {
                ClassInfo c = a.target().asClass();
                for (MethodInfo m : c.methods()) {
                    add(out, c, m);
                }
            } else if (a.target().kind() == AnnotationTarget.Kind.METHOD) {
                MethodInfo m = a.target().asMethod();
                add(out, m.declaringClass(), m);
            }
        }
        return out;
    }

    private static void add(Set<String> out, ClassInfo c, MethodInfo m) {
        for (Map.Entry<DotName, PathItem.HttpMethod> verb : VERBS.entrySet()) {
            if (m.hasDeclaredAnnotation(verb.getKey())) {
                out.add(verb.getValue() + " " + path(value(c.declaredAnnotation(PATH)), value(m.declaredAnnotation(PATH))));
            }
        }
    }

    private static String value(AnnotationInstance path) {
        return path == null || path.value() == null ? "" : path.value().asString();
    }

    /**
     * The class and method {@code @Path}s as the OpenAPI document writes them: one slash between segments, none at the
     * end, and a template's regular expression dropped ({@code {id: [0-9]+}} is {@code {id}}).
     */
    static String path(String classPath, String methodPath) {
        StringBuilder out = new StringBuilder();
        for (String part : List.of(classPath, methodPath)) {
            for (String segment : withoutRegex(part).split("/")) {
                if (!segment.isBlank()) {
                    out.append('/').append(segment.trim());
                }
            }
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    private static String withoutRegex(String template) {
        return TEMPLATE.matcher(template).replaceAll("{$1}");
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (guarded.isEmpty() || api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        boolean any = false;
        for (Map.Entry<String, PathItem> item : api.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : item.getValue().getOperations().entrySet()) {
                if (guarded.contains(op.getKey() + " " + item.getKey())) {
                    guard(op.getValue());
                    any = true;
                }
            }
        }
        if (any) {
            Components components = ProblemOpenApi.components(api);
            if (components.getSecuritySchemes() == null
                    || !components.getSecuritySchemes().containsKey(OperatorOnly.SECURITY_SCHEME)) {
                components.addSecurityScheme(OperatorOnly.SECURITY_SCHEME, OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("The operator token (TRUNKLINE_OPERATOR_TOKEN): Authorization: Bearer <token>"));
            }
            ProblemOpenApi.addSchema(components);
        }
    }

    private static void guard(Operation op) {
        if (op.getSecurity() == null || op.getSecurity().isEmpty()) {
            op.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(OperatorOnly.SECURITY_SCHEME)));
        }
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        ProblemOpenApi.addIfAbsent(op.getResponses(), "401", ProblemOpenApi.response(
                "Missing or wrong operator token", "unauthorized", 401, "Unauthorized",
                "the operator token is not valid"));
    }
}
