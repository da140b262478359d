"""End-to-end tests of Strato's image service (Glance v2) through openstacksdk.

Run from the repo root (Debian's python, which has openstacksdk):

    /usr/bin/python3 -m unittest discover -s tests/e2e -p 'image_sdk_test.py' -v
    /usr/bin/python3 -m unittest tests/e2e/image_sdk_test.py -v

ImageSdkTest starts a cloud with ``./strato up`` on port offset STRATO_E2E_PORT_OFFSET (default
21000); ImageQuotaSdkTest starts a second one, 100 ports further, whose DATA_DIR/strato.conf
sets image.quota.images, image.quota.bytes and image.image_size_cap. See strato_cloud.py.
Raw HTTP (Range downloads, JSON-patch bodies, error statuses) goes through urllib with the
token of the SDK connection (conn.auth_token) to the image endpoint from the catalog.
"""

import hashlib
import json
import os
import sys
import time
import unittest
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from strato_cloud import StratoCloud, port_offset, request  # noqa: E402

import openstack  # noqa: E402
from openstack import exceptions  # noqa: E402

PATCH_21 = "application/openstack-images-v2.1-json-patch"
PATCH_20 = "application/openstack-images-v2.0-json-patch"


def uniq(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:10])


class _ImageSdkBase(unittest.TestCase):
    """Starts a cloud (optionally with strato.conf settings) and connects as admin and demo."""

    cloud = None
    conn = None
    demo = None
    _saved_env = None
    CONF = None
    OFFSET_DELTA = 0

    @classmethod
    def setUpClass(cls):
        cls.cloud = StratoCloud(offset=port_offset() + cls.OFFSET_DELTA, conf=cls.CONF)
        try:
            cls.cloud.start()
            cls.image_url = cls.cloud.endpoint("image")
        except Exception:
            cls.cloud.cleanup()
            raise
        cls._saved_env = {k: v for k, v in os.environ.items() if k.startswith("OS_")}
        for k in cls._saved_env:
            del os.environ[k]
        os.environ["OS_CLIENT_CONFIG_FILE"] = cls.cloud.clouds_yaml
        cls.conn = openstack.connect(cloud="strato-admin")
        cls.demo = openstack.connect(cloud="strato-demo")

    @classmethod
    def tearDownClass(cls):
        for c in (cls.conn, cls.demo):
            if c is not None:
                c.close()
        os.environ.pop("OS_CLIENT_CONFIG_FILE", None)
        os.environ.update(cls._saved_env or {})
        if cls.cloud is not None:
            cls.cloud.cleanup()

    # ------------------------------------------------------------------ helpers

    def new_image(self, conn=None, data=None, **attrs):
        """A new image (queued without data, active with it), deleted after the test."""
        conn = conn or self.conn
        attrs.setdefault("disk_format", "raw")
        attrs.setdefault("container_format", "bare")
        name = attrs.pop("name", None) or uniq("e2e-sdk")
        if data is None:
            image = conn.image.create_image(name=name, allow_duplicates=True, **attrs)
        else:
            image = conn.image.create_image(name=name, data=data, allow_duplicates=True, **attrs)
        self.addCleanup(self.force_delete, image.id)
        return conn.image.get_image(image.id)

    def force_delete(self, image_id):
        try:
            self.conn.image.update_image(image_id, is_protected=False)
        except exceptions.SDKException:
            pass
        self.conn.image.delete_image(image_id, ignore_missing=True)

    def http(self, method, path, conn=None, headers=None, body=None, data=None):
        """Raw request to the image API with the connection's token; (status, headers, bytes)."""
        conn = conn or self.conn
        hdrs = {"X-Auth-Token": conn.auth_token}
        if body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        hdrs.update(headers or {})
        return request(method, self.image_url + path, headers=hdrs, data=data)

    def http_json(self, method, path, expect, **kw):
        status, headers, raw = self.http(method, path, **kw)
        self.assertEqual(expect, status, "%s %s -> %s %s" % (method, path, status, raw[:500]))
        return json.loads(raw) if raw else None

    def patch(self, image_id, ops, media_type=PATCH_21, conn=None):
        return self.http("PATCH", "/v2/images/" + image_id, conn=conn, headers={"Content-Type": media_type},
                         data=json.dumps(ops).encode())

    def wait_status(self, image_id, wanted, timeout=60, conn=None):
        conn = conn or self.conn
        deadline = time.monotonic() + timeout
        image = conn.image.get_image(image_id)
        while image.status != wanted and time.monotonic() < deadline:
            time.sleep(0.5)
            image = conn.image.get_image(image_id)
        self.assertEqual(wanted, image.status, "image %s never became %s" % (image_id, wanted))
        return image

    def message(self, raw):
        """The message of a Glance error body."""
        try:
            return json.loads(raw).get("message", "")
        except ValueError:
            return raw.decode(errors="replace")


class ImageSdkTest(_ImageSdkBase):

    # ------------------------------------------------------------- data in and out

    def test_create_upload_download(self):
        data = os.urandom(1 << 20) + b"tail"
        image = self.new_image(data=data, min_disk=1, min_ram=64)
        self.assertEqual("active", image.status)
        self.assertEqual(len(data), image.size)
        self.assertEqual(hashlib.md5(data).hexdigest(), image.checksum)
        self.assertEqual("sha512", image.hash_algo)
        self.assertEqual(hashlib.sha512(data).hexdigest(), image.hash_value)
        self.assertEqual((1, 64), (image.min_disk, image.min_ram))
        self.assertEqual(data, self.conn.image.download_image(image).content)
        # Streamed, as the SDK does for large images: the Content-MD5 header is the checksum.
        resp = self.conn.image.download_image(image, stream=True)
        self.assertEqual(image.checksum, resp.headers["content-md5"])
        self.assertEqual(data, b"".join(resp.iter_content(65536)))
        # A second upload to an active image is refused (409 in Glance).
        status, _, raw = self.http("PUT", "/v2/images/%s/file" % image.id,
                                   headers={"Content-Type": "application/octet-stream"}, data=b"again")
        self.assertEqual(409, status, raw)

    def test_upload_needs_formats_and_octet_stream(self):
        # The SDK fills in default formats, so the record is made through the API.
        created = self.http_json("POST", "/v2/images", 201, body={"name": uniq("e2e-noformat")})
        self.addCleanup(self.force_delete, created["id"])
        self.assertEqual(("queued", None, None), (created["status"], created["disk_format"],
                                                  created["container_format"]))
        status, _, raw = self.http("PUT", "/v2/images/%s/file" % created["id"],
                                   headers={"Content-Type": "application/octet-stream"}, data=b"x" * 10)
        self.assertEqual(400, status, raw)
        image = self.new_image()
        status, _, raw = self.http("PUT", "/v2/images/%s/file" % image.id,
                                   headers={"Content-Type": "application/json"}, data=b"{}")
        self.assertEqual(415, status, raw)
        self.assertEqual("queued", self.conn.image.get_image(image.id).status)

    def test_stage_and_glance_direct_import(self):
        # (conn.image.get_import_info() cannot be used: openstacksdk 0.101 insists on an id.)
        info = self.http_json("GET", "/v2/info/import", 200)
        self.assertIn("glance-direct", info["import-methods"]["value"])
        data = os.urandom(700000)
        image = self.new_image()
        self.assertEqual("queued", image.status)
        staged = self.conn.image.stage_image(image, data=data)
        self.assertEqual("uploading", staged.status)
        self.conn.image.import_image(image, method="glance-direct")
        image = self.wait_status(image.id, "active")
        self.assertEqual(len(data), image.size)
        self.assertEqual(hashlib.sha512(data).hexdigest(), image.hash_value)
        self.assertEqual(data, self.conn.image.download_image(image).content)

    def test_create_image_use_import(self):
        # The SDK's own import path: it stages and imports only if the create response's
        # OpenStack-image-import-methods header lists glance-direct (as Glance sends it).
        data = os.urandom(300000)
        name = uniq("e2e-use-import")
        try:
            image = self.conn.image.create_image(name=name, data=data, disk_format="raw", container_format="bare",
                                                 allow_duplicates=True, use_import=True)
        finally:
            for leftover in self.conn.image.images(name=name):
                self.addCleanup(self.force_delete, leftover.id)
        image = self.wait_status(image.id, "active")
        self.assertEqual(hashlib.md5(data).hexdigest(), image.checksum)

    def test_create_response_lists_import_methods(self):
        status, headers, raw = self.http("POST", "/v2/images", body={"name": uniq("e2e-hdr"), "disk_format": "raw",
                                                                     "container_format": "bare"})
        self.assertEqual(201, status, raw)
        self.addCleanup(self.force_delete, json.loads(raw)["id"])
        self.assertIn("glance-direct", (headers.get("OpenStack-image-import-methods") or "").split(","))

    def test_import_without_stage_and_unknown_method(self):
        image = self.new_image()
        status, _, raw = self.http("POST", "/v2/images/%s/import" % image.id,
                                   body={"method": {"name": "glance-direct"}})
        self.assertEqual(409, status, raw)
        status, _, raw = self.http("POST", "/v2/images/%s/import" % image.id,
                                   body={"method": {"name": "no-such-method"}})
        self.assertEqual(400, status, raw)

    def test_raw_stage_import_then_info_stores(self):
        data = b"0123456789" * 5000
        image = self.new_image()
        status, _, raw = self.http("PUT", "/v2/images/%s/stage" % image.id,
                                   headers={"Content-Type": "application/octet-stream"}, data=data)
        self.assertEqual(204, status, raw)
        status, _, raw = self.http("POST", "/v2/images/%s/import" % image.id,
                                   body={"method": {"name": "glance-direct"}})
        self.assertEqual(202, status, raw)
        self.assertEqual(hashlib.md5(data).hexdigest(), self.wait_status(image.id, "active").checksum)
        stores = self.http_json("GET", "/v2/info/stores", 200)["stores"]
        self.assertTrue(any(s.get("default") for s in stores), stores)

    def test_range_download(self):
        data = bytes(range(256)) * 40  # 10240 bytes
        image = self.new_image(data=data)
        path = "/v2/images/%s/file" % image.id
        status, headers, body = self.http("GET", path)
        self.assertEqual(200, status)
        self.assertEqual(data, body)
        self.assertEqual(hashlib.md5(data).hexdigest(), headers["Content-MD5"])
        for rng, first, last in (("bytes=10-19", 10, 19), ("bytes=10000-", 10000, 10239),
                                 ("bytes=-16", 10224, 10239), ("bytes=10200-99999", 10200, 10239)):
            status, headers, body = self.http("GET", path, headers={"Range": rng})
            self.assertEqual(206, status, rng)
            self.assertEqual(data[first:last + 1], body, rng)
            self.assertEqual("bytes %d-%d/%d" % (first, last, len(data)), headers["Content-Range"], rng)
            self.assertEqual(str(last - first + 1), headers["Content-Length"], rng)
        status, headers, _ = self.http("GET", path, headers={"Range": "bytes=20000-30000"})
        self.assertEqual(416, status)
        # Downloading a queued image: 204 and no body.
        queued = self.new_image()
        status, _, body = self.http("GET", "/v2/images/%s/file" % queued.id)
        self.assertEqual(204, status)
        self.assertEqual(b"", body)

    # ------------------------------------------------------------------ JSON-patch

    def test_json_patch_operations(self):
        image = self.new_image()
        path = "/v2/images/" + image.id
        status, _, raw = self.patch(image.id, [
            {"op": "replace", "path": "/name", "value": "patched"},
            {"op": "add", "path": "/e2e_colour", "value": "red"},
            {"op": "add", "path": "/e2e~1slash", "value": "escaped"},
            {"op": "replace", "path": "/min_ram", "value": 512},
            {"op": "add", "path": "/tags", "value": ["t1", "t2"]},
        ])
        self.assertEqual(200, status, raw)
        body = json.loads(raw)
        self.assertEqual(("patched", "red", "escaped", 512), (body["name"], body["e2e_colour"], body["e2e/slash"],
                                                               body["min_ram"]))
        self.assertEqual(["t1", "t2"], sorted(body["tags"]))
        status, _, raw = self.patch(image.id, [{"op": "replace", "path": "/e2e_colour", "value": "blue"},
                                               {"op": "remove", "path": "/e2e~1slash"}])
        self.assertEqual(200, status, raw)
        body = self.http_json("GET", path, 200)
        self.assertEqual("blue", body["e2e_colour"])
        self.assertNotIn("e2e/slash", body)
        # replace or remove of a missing property: 409; read-only and reserved attributes: 403;
        # bad values: 400; other media types: 415.
        for ops, expect in (([{"op": "replace", "path": "/nope", "value": "x"}], 409),
                            ([{"op": "remove", "path": "/nope"}], 409),
                            ([{"op": "replace", "path": "/status", "value": "active"}], 403),
                            ([{"op": "add", "path": "/os_glance_e2e", "value": "x"}], 403),
                            ([{"op": "replace", "path": "/visibility", "value": "galactic"}], 400),
                            ([{"op": "replace", "path": "/min_disk", "value": -1}], 400),
                            ([{"op": "move", "path": "/name", "from": "/x"}], 400)):
            status, _, raw = self.patch(image.id, ops)
            self.assertEqual(expect, status, "%s -> %s %s" % (ops, status, raw))
        status, _, raw = self.http("PATCH", path, headers={"Content-Type": "application/json"},
                                   data=json.dumps([{"op": "replace", "path": "/name", "value": "x"}]).encode())
        self.assertEqual(415, status, raw)
        self.assertEqual("patched", self.conn.image.get_image(image.id).name)

    def test_json_patch_v20_media_type(self):
        # Glance's older media type names the operation as the key: {"replace": "/name", "value": ..}.
        # Tempest's images client sends exactly this.
        image = self.new_image()
        status, _, raw = self.patch(image.id, [{"replace": "/name", "value": "v20-name"},
                                               {"add": "/e2e_v20", "value": "yes"}], media_type=PATCH_20)
        self.assertEqual(200, status, raw)
        body = json.loads(raw)
        self.assertEqual(("v20-name", "yes"), (body["name"], body["e2e_v20"]))
        status, _, raw = self.patch(image.id, [{"remove": "/e2e_v20"}], media_type=PATCH_20)
        self.assertEqual(200, status, raw)
        self.assertNotIn("e2e_v20", json.loads(raw))

    def test_sdk_update_image(self):
        image = self.new_image()
        updated = self.conn.image.update_image(image, name="sdk-updated", e2e_prop="v1", is_protected=True)
        self.assertEqual("sdk-updated", updated.name)
        self.assertTrue(updated.is_protected)
        self.assertEqual("v1", self.conn.image.get_image(image.id).properties.get("e2e_prop"))
        with self.assertRaises(exceptions.HttpException) as ctx:
            self.conn.image.delete_image(image.id, ignore_missing=False)
        self.assertEqual(403, ctx.exception.status_code)
        self.conn.image.update_image(image, is_protected=False)

    # --------------------------------------------------------------------- members

    def test_members_api(self):
        demo_project = self.demo.current_project_id
        data = b"shared bytes" * 1000
        image = self.new_image(data=data, visibility="shared")
        member = self.conn.image.add_member(image, member=demo_project)
        self.assertEqual((demo_project, "pending"), (member.member_id, member.status))
        status, _, raw = self.http("POST", "/v2/images/%s/members" % image.id, body={"member": demo_project})
        self.assertEqual(409, status, raw)
        # Pending: demo can see the image by id but not in its default listing.
        self.assertEqual(image.id, self.demo.image.get_image(image.id).id)
        self.assertNotIn(image.id, [i.id for i in self.demo.image.images()])
        self.assertIn(image.id, [i.id for i in self.demo.image.images(member_status="pending")])
        # Only the member changes its status.
        status, _, raw = self.http("PUT", "/v2/images/%s/members/%s" % (image.id, demo_project),
                                   body={"status": "accepted"})
        self.assertEqual(403, status, raw)
        self.demo.image.update_member(demo_project, image, status="accepted")
        self.assertEqual("accepted", self.conn.image.get_member(demo_project, image).status)
        self.assertEqual([demo_project], [m.member_id for m in self.demo.image.members(image)])
        self.assertIn(image.id, [i.id for i in self.demo.image.images()])
        self.assertEqual(data, self.demo.image.download_image(image.id).content)
        self.demo.image.update_member(demo_project, image, status="rejected")
        self.assertNotIn(image.id, [i.id for i in self.demo.image.images()])
        # The owner removes the member: the image disappears for demo.
        self.conn.image.remove_member(demo_project, image)
        status, _, _ = self.http("GET", "/v2/images/" + image.id, conn=self.demo)
        self.assertEqual(404, status)
        # Members only on shared images.
        private = self.new_image(visibility="private")
        status, _, raw = self.http("POST", "/v2/images/%s/members" % private.id, body={"member": demo_project})
        self.assertEqual(403, status, raw)

    # -------------------------------------------------------- deactivate/reactivate

    def test_deactivate_reactivate(self):
        data = b"deactivate me" * 500
        image = self.new_image(conn=self.demo, data=data, visibility="private")
        self.conn.image.deactivate_image(image)
        self.assertEqual("deactivated", self.conn.image.get_image(image.id).status)
        status, _, raw = self.http("GET", "/v2/images/%s/file" % image.id, conn=self.demo)
        self.assertEqual(403, status, raw)
        # Administrators may still download it.
        status, _, body = self.http("GET", "/v2/images/%s/file" % image.id)
        self.assertEqual((200, data), (status, body))
        self.conn.image.reactivate_image(image)
        self.assertEqual("active", self.demo.image.get_image(image.id).status)
        self.assertEqual(data, self.demo.image.download_image(image.id).content)
        # A queued image cannot be deactivated.
        queued = self.new_image()
        status, _, raw = self.http("POST", "/v2/images/%s/actions/deactivate" % queued.id)
        self.assertEqual(403, status, raw)

    def test_owner_member_can_deactivate_own_image(self):
        # Glance's default policy for deactivate/reactivate is ADMIN_OR_PROJECT_MEMBER.
        image = self.new_image(conn=self.demo, data=b"mine" * 100, visibility="private")
        status, _, raw = self.http("POST", "/v2/images/%s/actions/deactivate" % image.id, conn=self.demo)
        self.assertEqual(204, status, raw)
        status, _, raw = self.http("POST", "/v2/images/%s/actions/reactivate" % image.id, conn=self.demo)
        self.assertEqual(204, status, raw)
        self.assertEqual("active", self.demo.image.get_image(image.id).status)

    # ------------------------------------------------------------------------ tags

    def test_tags(self):
        image = self.new_image(tags=["alpha"])
        self.assertEqual(["alpha"], image.tags)
        self.conn.image.add_tag(image, "beta")
        self.conn.image.add_tag(image, "beta")  # idempotent
        self.assertEqual(["alpha", "beta"], sorted(self.conn.image.get_image(image.id).tags))
        self.assertIn(image.id, [i.id for i in self.conn.image.images(tag="beta")])
        self.conn.image.remove_tag(image, "alpha")
        self.assertEqual(["beta"], self.conn.image.get_image(image.id).tags)
        status, _, raw = self.http("DELETE", "/v2/images/%s/tags/alpha" % image.id)
        self.assertEqual(404, status, raw)
        self.assertNotIn(image.id, [i.id for i in self.conn.image.images(tag="alpha")])

    # --------------------------------------------------------------------- schemas

    def test_schemas(self):
        image_schema = self.conn.image.get_image_schema()
        self.assertEqual("image", image_schema.name)
        for prop in ("id", "name", "status", "visibility", "protected", "checksum", "os_hash_algo", "os_hash_value",
                     "size", "virtual_size", "disk_format", "container_format", "tags", "min_disk", "min_ram",
                     "owner", "os_hidden", "self", "file", "schema"):
            self.assertIn(prop, image_schema.properties, prop)
        images_schema = self.conn.image.get_images_schema()
        self.assertEqual("images", images_schema.name)
        self.assertIn("images", images_schema.properties)
        self.assertEqual("member", self.conn.image.get_member_schema().name)
        self.assertEqual("members", self.conn.image.get_members_schema().name)
        raw = self.http_json("GET", "/v2/schemas/image", 200)
        self.assertIn("qcow2", raw["properties"]["disk_format"]["enum"])
        self.assertIn("shared", raw["properties"]["visibility"]["enum"])
        self.http_json("GET", "/v2/schemas/no-such-schema", 404)

    def test_list_paging_and_filters(self):
        group = uniq("page")
        ids = [self.new_image(name="%s-%d" % (group, i), e2e_group=group, tags=[group]).id for i in range(5)]
        # The SDK follows the "next" links of 2-image pages.
        listed = list(self.conn.image.images(tag=group, limit=2))
        self.assertEqual(sorted(ids), sorted(i.id for i in listed))
        body = self.http_json("GET", "/v2/images?e2e_group=%s&limit=2&sort=name:asc" % group, 200)
        self.assertEqual(["%s-0" % group, "%s-1" % group], [i["name"] for i in body["images"]])
        self.assertIn("next", body)
        body = self.http_json("GET", body["next"], 200)
        self.assertEqual(["%s-2" % group, "%s-3" % group], [i["name"] for i in body["images"]])
        self.http_json("GET", "/v2/images?sort_key=nonsense", 400)
        self.http_json("GET", "/v2/images?limit=-1", 400)
        self.http_json("GET", "/v2/images?marker=%s" % uuid.uuid4(), 400)


class ImageQuotaSdkTest(_ImageSdkBase):
    """A cloud with image quotas in strato.conf: at most 2 images and 3,000,000 bytes per
    project, and no image over 2,500,000 bytes."""

    OFFSET_DELTA = 100
    CONF = {"image.quota.images": 2, "image.quota.bytes": 3000000, "image.image_size_cap": 2500000}

    def upload(self, image_id, data, conn=None):
        return self.http("PUT", "/v2/images/%s/file" % image_id, conn=conn,
                         headers={"Content-Type": "application/octet-stream"}, data=data)

    def test_quotas(self):
        # Admin project: 2,000,000 bytes in the first image.
        first = self.new_image()
        status, _, raw = self.upload(first.id, os.urandom(2000000))
        self.assertEqual(204, status, raw)
        # Second image: 1,500,000 bytes would pass the 3,000,000-byte project quota.
        second = self.new_image()
        status, _, raw = self.upload(second.id, os.urandom(1500000))
        self.assertEqual(413, status, raw)
        msg = self.message(raw).lower()
        self.assertTrue("quota" in msg or "limit" in msg, msg)
        self.assertIn("1000000", msg.replace(",", ""), "the message should say how many bytes are left: " + msg)
        self.assertEqual("queued", self.conn.image.get_image(second.id).status)
        # Third image: over the 2-image count quota.
        status, _, raw = self.http("POST", "/v2/images", body={"name": uniq("third"), "disk_format": "raw",
                                                               "container_format": "bare"})
        self.assertEqual(413, status, raw)
        msg = self.message(raw).lower()
        self.assertIn("quota", msg)
        self.assertIn("2", msg)
        # What fits still goes in; staging counts against the same quota.
        status, _, raw = self.upload(second.id, os.urandom(900000))
        self.assertEqual(204, status, raw)
        self.conn.image.delete_image(second.id)
        third = self.new_image()
        status, _, raw = self.http("PUT", "/v2/images/%s/stage" % third.id,
                                   headers={"Content-Type": "application/octet-stream"}, data=os.urandom(1100000))
        self.assertEqual(413, status, raw)

    def test_image_size_cap(self):
        # The demo project has its own (empty) quota; the per-image cap still applies.
        image = self.new_image(conn=self.demo)
        status, _, raw = self.upload(image.id, os.urandom(2600000), conn=self.demo)
        self.assertEqual(413, status, raw)
        msg = self.message(raw)
        self.assertIn("2500000", msg.replace(",", ""), msg)
        self.assertEqual("queued", self.demo.image.get_image(image.id).status)
        status, _, raw = self.upload(image.id, os.urandom(2400000), conn=self.demo)
        self.assertEqual(204, status, raw)


if __name__ == "__main__":
    unittest.main()
