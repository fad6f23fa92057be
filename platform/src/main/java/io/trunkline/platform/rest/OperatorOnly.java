package io.trunkline.platform.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Resources only the operator (or the api-gateway, which holds the operator's token) may call: {@link OperatorAuthFilter}
 * checks {@code Authorization: Bearer} against the service's {@link OperatorCredential}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface OperatorOnly {
    /** The OpenAPI security scheme {@link OperatorOnlyOpenApi} names on these operations. */
    String SECURITY_SCHEME = "operatorToken";
}
