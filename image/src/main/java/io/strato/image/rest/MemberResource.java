package io.strato.image.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.image.api.ImageMember;
import io.strato.image.core.Caller;
import io.strato.image.core.ImageManager;
import io.strato.platform.http.Request;
import io.strato.platform.http.Response;
import io.strato.platform.http.Router;
import io.strato.platform.json.Json;
import java.util.List;

/** {@code /v2/images/{id}/members}: sharing an image with other projects. */
final class MemberResource {
    private final ImageManager images;

    MemberResource(ImageManager images) {
        this.images = images;
    }

    void register(Router router) {
        String base = "/v2/images/{image_id}/members";
        router.get(base, this::list);
        router.post(base, this::add);
        router.get(base + "/{member_id}", this::show);
        router.put(base + "/{member_id}", this::update);
        router.delete(base + "/{member_id}", this::remove);
    }

    private Response list(Request request) {
        List<ImageMember> members = images.members(Caller.of(request.auth()), request.pathParam("image_id"));
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("members");
        members.forEach(m -> array.add(ImageViews.member(m)));
        body.put("schema", "/v2/schemas/members");
        return Response.ok(body);
    }

    private Response add(Request request) {
        String member = Bodies.requiredString(request.jsonObject(), "member", 255);
        return Response.ok(ImageViews.member(images.addMember(Caller.of(request.auth()), request.pathParam("image_id"),
                member)));
    }

    private Response show(Request request) {
        Caller caller = Caller.of(request.auth());
        var image = images.get(caller, request.pathParam("image_id"));
        return Response.ok(ImageViews.member(images.getMember(caller, image, request.pathParam("member_id"))));
    }

    private Response update(Request request) {
        String status = Bodies.requiredString(request.jsonObject(), "status", 20);
        return Response.ok(ImageViews.member(images.updateMember(Caller.of(request.auth()), request.pathParam("image_id"),
                request.pathParam("member_id"), status)));
    }

    private Response remove(Request request) {
        images.removeMember(Caller.of(request.auth()), request.pathParam("image_id"), request.pathParam("member_id"));
        return Response.empty(204);
    }
}
