package io.strato.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final Handler OK = request -> Response.empty(204);

    @Test
    void literalSegmentsWinOverParameters() {
        Router router = new Router().get("/v3/auth/tokens", OK).get("/v3/auth/{thing}", OK);
        var match = assertInstanceOf(Router.Match.Found.class, router.match("GET", "/v3/auth/tokens"));
        assertEquals("/v3/auth/tokens", match.route().template());
        var param = assertInstanceOf(Router.Match.Found.class, router.match("GET", "/v3/auth/catalog"));
        assertEquals(Map.of("thing", "catalog"), param.params());
    }

    @Test
    void differentParameterNamesAtOnePositionKeepTheirOwnNames() {
        Router router = new Router().get("/v3/projects/{project_id}", OK)
                .get("/v3/projects/{target_id}/users/{actor_id}/roles/{role_id}", OK);
        assertEquals(Map.of("project_id", "p"),
                ((Router.Match.Found) router.match("GET", "/v3/projects/p")).params());
        assertEquals(Map.of("target_id", "p", "actor_id", "u", "role_id", "r"),
                ((Router.Match.Found) router.match("GET", "/v3/projects/p/users/u/roles/r")).params());
    }

    @Test
    void wrongMethodIsMethodNotAllowedAndUnknownPathIsNotFound() {
        Router router = new Router().get("/v3/users", OK).post("/v3/users", OK);
        var notAllowed = assertInstanceOf(Router.Match.MethodNotAllowed.class, router.match("DELETE", "/v3/users"));
        assertEquals(Set.of("GET", "POST"), notAllowed.allowed());
        assertInstanceOf(Router.Match.NotFound.class, router.match("GET", "/v3/nothing"));
        assertInstanceOf(Router.Match.NotFound.class, router.match("GET", "/v3/users/x/y/z"));
    }

    @Test
    void headFallsBackToGet() {
        Router router = new Router().get("/v3", OK);
        assertEquals("GET", ((Router.Match.Found) router.match("HEAD", "/v3")).route().method());
    }

    @Test
    void trailingSlashesAndEmptySegmentsAreIgnored() {
        Router router = new Router().get("/v3/users", OK);
        assertInstanceOf(Router.Match.Found.class, router.match("GET", "/v3/users/"));
    }
}
