"""End-to-end tests of Strato's image service (Glance v2) driven by the real openstack CLI.

Run from the repo root (Debian's python, which has the OpenStack client packages):

    /usr/bin/python3 -m unittest discover -s tests/e2e -p 'image_cli_test.py' -v
    /usr/bin/python3 -m unittest tests/e2e/image_cli_test.py -v

The class starts its own cloud with ``./strato up --data-dir <tmpdir> --port-offset N`` (N from
STRATO_E2E_PORT_OFFSET, default 21000; image on 127.0.0.1:9292+N) and stops it; see
strato_cloud.py. Needs qemu-img (qemu-utils, installed by scripts/install-test-clients.sh);
qemu-io, when present, writes data into the qcow2 images.

Disk use: one 1 GiB file in a temporary dir, deleted as soon as it is uploaded (the cloud's copy
goes when the image is deleted; the download is hashed as it streams, never written to disk).

Three tests are the contract of the disk-format inspector (image/.../image/format/): a text file
declared qcow2 and a qcow2 with a backing file must be refused, and a qcow2's virtual_size is
read from its header. They fail until the inspector lands.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from strato_cloud import OPENSTACK, StratoCloud, request  # noqa: E402

GIB = 1 << 30
CHUNK = 4 << 20
QEMU_IMG = shutil.which("qemu-img") or "/usr/bin/qemu-img"
QEMU_IO = shutil.which("qemu-io")


def uniq(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:10])


def sha512_file(path):
    h = hashlib.sha512()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def write_random_ish(path, size):
    """`size` bytes: one random 4 MiB block, each copy stamped with its index so that no two
    chunks are equal. Returns (md5, sha512) of what was written."""
    base = bytearray(os.urandom(CHUNK))
    md5, sha512 = hashlib.md5(), hashlib.sha512()
    with open(path, "wb") as f:
        written, index = 0, 0
        while written < size:
            base[0:16] = index.to_bytes(8, "big") * 2
            base[CHUNK // 2:CHUNK // 2 + 8] = index.to_bytes(8, "little")
            piece = bytes(base[:min(CHUNK, size - written)])
            f.write(piece)
            md5.update(piece)
            sha512.update(piece)
            written += len(piece)
            index += 1
    return md5.hexdigest(), sha512.hexdigest()


class ImageCliTest(unittest.TestCase):
    """The everyday image workflow through /usr/bin/openstack."""

    cloud = None
    tmp = None

    @classmethod
    def setUpClass(cls):
        if not os.path.exists(QEMU_IMG):
            raise unittest.SkipTest("qemu-img is missing; run scripts/install-test-clients.sh")
        cls.tmp = tempfile.mkdtemp(prefix="strato-e2e-image-")
        cls.cloud = StratoCloud()
        try:
            cls.cloud.start()
            cls.image_url = cls.cloud.endpoint("image")
        except Exception:
            cls.cloud.cleanup()
            shutil.rmtree(cls.tmp, ignore_errors=True)
            raise

    @classmethod
    def tearDownClass(cls):
        if cls.cloud is not None:
            cls.cloud.cleanup()
        if cls.tmp:
            shutil.rmtree(cls.tmp, ignore_errors=True)

    # ------------------------------------------------------------------ helpers

    def cli(self, *args, **kw):
        return self.cloud.cli(*args, **kw)

    def cli_json(self, *args, **kw):
        return self.cloud.cli_json(*args, **kw)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def small_file(self, size=300000):
        path = self.path(uniq("data") + ".raw")
        with open(path, "wb") as f:
            f.write(os.urandom(size))
        self.addCleanup(os.unlink, path)
        return path

    def create(self, name, *args, cloud="strato-admin", timeout=600):
        """image create ... -f json; the image is deleted (unprotected first) after the test."""
        res = self.cli("image", "create", *args, "-f", "json", name, cloud=cloud, timeout=timeout)
        image = json.loads(res.stdout)
        self.addCleanup(self.force_delete, image["id"], cloud)
        return image

    def force_delete(self, image_id, cloud="strato-admin"):
        self.cli("image", "set", "--unprotected", image_id, cloud=cloud, check=False)
        self.cli("image", "delete", image_id, cloud=cloud, check=False)

    def show(self, image_id, cloud="strato-admin"):
        return self.cli_json("image", "show", image_id, cloud=cloud)

    def names(self, *list_args, cloud="strato-admin"):
        return [row["Name"] for row in self.cli_json("image", "list", *list_args, cloud=cloud)]

    def images_named(self, name, cloud="strato-admin"):
        """Every image with that name the caller can see, any status (raw API, no CLI caching)."""
        status, _, body = self.api("GET", "/v2/images?name=%s" % name, cloud=cloud)
        self.assertEqual(200, status, body)
        return json.loads(body)["images"]

    def api(self, method, path, cloud="strato-admin", headers=None, data=None):
        token, _ = self.cloud.token(cloud)
        hdrs = {"X-Auth-Token": token, "Accept": "application/json"}
        hdrs.update(headers or {})
        return request(method, self.image_url + path, headers=hdrs, data=data)

    def save_sha512(self, image_id, cloud="strato-admin", timeout=900):
        """`image save` to stdout, hashed as it streams (nothing written to disk)."""
        cmd = [OPENSTACK, "--os-cloud", cloud, "image", "save", image_id]
        h, size = hashlib.sha512(), 0
        with tempfile.TemporaryFile() as err:
            with subprocess.Popen(cmd, env=self.cloud.client_env(), stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=err) as proc:
                deadline = time.monotonic() + timeout
                for chunk in iter(lambda: proc.stdout.read(CHUNK), b""):
                    h.update(chunk)
                    size += len(chunk)
                    if time.monotonic() > deadline:
                        proc.kill()
                        self.fail("image save %s took longer than %ss" % (image_id, timeout))
                rc = proc.wait(60)
            err.seek(0)
            self.assertEqual(0, rc, "image save exited %s: %s" % (rc, err.read().decode(errors="replace")))
        return h.hexdigest(), size

    def qcow2(self, name, size="64M", backing=None, data=True):
        path = self.path(name)
        cmd = [QEMU_IMG, "create", "-q", "-f", "qcow2"]
        if backing:
            cmd += ["-b", backing, "-F", "qcow2"]
        cmd += [path] + ([] if backing else [size])
        subprocess.run(cmd, check=True, capture_output=True, timeout=60)
        if data and QEMU_IO:
            subprocess.run([QEMU_IO, "-f", "qcow2", "-c", "write -P 0x5a 0 1M", "-c", "write -P 0xa5 16M 512k",
                            path], check=True, capture_output=True, timeout=60)
        self.addCleanup(lambda: os.path.exists(path) and os.unlink(path))
        return path

    def assert_refused(self, res, name, what):
        """The upload failed and no active image with that name remains."""
        self.assertNotEqual(0, res.returncode, "%s was accepted: %s" % (what, res.stdout))
        active = [i for i in self.images_named(name) if i["status"] == "active"]
        self.assertEqual([], active, "%s left an active image" % what)

    # -------------------------------------------------------------------- tests

    def test_create_1gib_raw_save_identical_then_delete(self):
        path = self.path("big.raw")
        try:
            md5, sha512 = write_random_ish(path, GIB)
            name = uniq("e2e-big")
            image = self.create(name, "--file", path, "--disk-format", "raw", "--container-format", "bare",
                                "--private", timeout=900)
        finally:
            if os.path.exists(path):
                os.unlink(path)
        self.assertEqual(name, image["name"])
        shown = self.show(image["id"])
        self.assertEqual("active", shown["status"])
        self.assertEqual(GIB, shown["size"])
        self.assertEqual("raw", shown["disk_format"])
        self.assertEqual("bare", shown["container_format"])
        self.assertEqual("private", shown["visibility"])
        self.assertEqual(md5, shown["checksum"])
        props = shown.get("properties", {})
        self.assertEqual("sha512", shown.get("os_hash_algo", props.get("os_hash_algo")))
        self.assertEqual(sha512, shown.get("os_hash_value", props.get("os_hash_value")))

        saved, size = self.save_sha512(image["id"])
        self.assertEqual(GIB, size)
        self.assertEqual(sha512, saved)

        self.cli("image", "delete", image["id"])
        status, _, _ = self.api("GET", "/v2/images/" + image["id"])
        self.assertEqual(404, status)
        self.assertNotEqual(0, self.cli("image", "show", image["id"], check=False).returncode)

    def test_create_qcow2_declared_qcow2_and_save(self):
        path = self.qcow2(uniq("disk") + ".qcow2")
        info = json.loads(subprocess.run([QEMU_IMG, "info", "--output=json", path], check=True,
                                         capture_output=True, text=True).stdout)
        self.assertEqual("qcow2", info["format"])
        image = self.create(uniq("e2e-qcow2"), "--file", path, "--disk-format", "qcow2",
                            "--container-format", "bare")
        shown = self.show(image["id"])
        self.assertEqual("active", shown["status"])
        self.assertEqual("qcow2", shown["disk_format"])
        self.assertEqual(os.path.getsize(path), shown["size"])
        out = self.path(uniq("saved") + ".qcow2")
        self.addCleanup(lambda: os.path.exists(out) and os.unlink(out))
        self.cli("image", "save", "--file", out, image["id"])
        self.assertEqual(sha512_file(path), sha512_file(out))

    def test_qcow2_virtual_size_from_header(self):
        # Glance reads the virtual size from the qcow2 header (format inspector contract).
        path = self.qcow2(uniq("vsize") + ".qcow2", size="64M")
        image = self.create(uniq("e2e-vsize"), "--file", path, "--disk-format", "qcow2",
                            "--container-format", "bare")
        self.assertEqual(64 << 20, self.show(image["id"])["virtual_size"])

    def test_list_filters_status_visibility_limit_sort(self):
        group = uniq("grp")
        data = self.small_file()
        names = {}
        for key, vis in (("a", "--private"), ("b", "--shared"), ("c", "--public")):
            names[key] = "%s-%s" % (group, key)
            self.create(names[key], "--file", data, "--disk-format", "raw", "--container-format", "bare",
                        vis, "--property", "e2e_group=" + group)
        # Queued (no data). Through the API: `image create` without --file uploads its standard
        # input when that is not a terminal, which would make the image active with 0 bytes.
        names["q"] = "%s-q" % group
        status, _, body = self.api("POST", "/v2/images", headers={"Content-Type": "application/json"},
                                   data=json.dumps({"name": names["q"], "disk_format": "raw",
                                                    "container_format": "bare", "visibility": "private",
                                                    "e2e_group": group}).encode())
        self.assertEqual(201, status, body)
        self.addCleanup(self.force_delete, json.loads(body)["id"])
        prop = ("--property", "e2e_group=" + group)

        self.assertEqual(sorted(names.values()), sorted(self.names(*prop)))
        self.assertEqual(sorted([names["a"], names["b"], names["c"]]),
                         sorted(self.names(*prop, "--status", "active")))
        self.assertEqual([names["q"]], self.names(*prop, "--status", "queued"))
        self.assertEqual(sorted([names["a"], names["q"]]), sorted(self.names(*prop, "--private")))
        self.assertEqual([names["b"]], self.names(*prop, "--shared"))
        self.assertEqual([names["c"]], self.names(*prop, "--public"))
        self.assertEqual(sorted(names.values()), self.names(*prop, "--sort", "name:asc"))
        self.assertEqual(sorted(names.values(), reverse=True), self.names(*prop, "--sort", "name:desc"))
        self.assertEqual(2, len(self.cli_json("image", "list", "--limit", "2")))
        self.assertEqual(1, len(self.cli_json("image", "list", "--limit", "1", "--public")))
        # The server-side filters the CLI passes through (?status=, ?visibility=) agree.
        status, _, body = self.api("GET", "/v2/images?e2e_group=%s&status=active&sort=name:asc" % group)
        self.assertEqual(200, status, body)
        self.assertEqual([names["a"], names["b"], names["c"]], [i["name"] for i in json.loads(body)["images"]])

    def test_set_and_unset_property(self):
        image = self.create(uniq("e2e-props"), "--file", self.small_file(), "--disk-format", "raw",
                            "--container-format", "bare")
        self.cli("image", "set", "--property", "e2e_colour=blue", "--property", "hw_disk_bus=scsi", image["id"])
        props = self.show(image["id"])["properties"]
        self.assertEqual("blue", props["e2e_colour"])
        self.assertEqual("scsi", props["hw_disk_bus"])
        self.cli("image", "set", "--property", "e2e_colour=green", image["id"])
        self.assertEqual("green", self.show(image["id"])["properties"]["e2e_colour"])
        self.cli("image", "unset", "--property", "e2e_colour", image["id"])
        props = self.show(image["id"])["properties"]
        self.assertNotIn("e2e_colour", props)
        self.assertEqual("scsi", props["hw_disk_bus"])
        new_name = uniq("e2e-renamed")
        self.cli("image", "set", "--name", new_name, "--min-disk", "2", "--min-ram", "128", image["id"])
        shown = self.show(image["id"])
        self.assertEqual((new_name, 2, 128), (shown["name"], shown["min_disk"], shown["min_ram"]))

    def test_share_with_demo_accept_list_and_save(self):
        data = self.small_file()
        image = self.create(uniq("e2e-shared"), "--file", data, "--disk-format", "raw", "--container-format", "bare",
                            "--shared")
        member = self.cli_json("image", "add", "project", image["id"], "demo")
        self.assertEqual("pending", member["status"])
        # Pending: not in demo's default listing yet, but the image itself is readable.
        self.assertNotIn(image["name"], self.names(cloud="strato-demo"))
        self.cli("image", "set", "--accept", image["id"], cloud="strato-demo")
        self.assertIn(image["name"], self.names(cloud="strato-demo"))
        members = self.cli_json("image", "member", "list", image["id"])
        self.assertEqual(["accepted"], [m["Status"] for m in members])
        saved, size = self.save_sha512(image["id"], cloud="strato-demo")
        self.assertEqual(os.path.getsize(data), size)
        self.assertEqual(sha512_file(data), saved)
        # The member cannot change or delete the image.
        res = self.cli("image", "set", "--name", "stolen", image["id"], cloud="strato-demo", check=False)
        self.assertNotEqual(0, res.returncode)
        res = self.cli("image", "delete", image["id"], cloud="strato-demo", check=False)
        self.assertNotEqual(0, res.returncode)
        self.assertEqual("active", self.show(image["id"])["status"])

    def test_private_image_of_another_project_invisible_to_demo(self):
        image = self.create(uniq("e2e-private"), "--file", self.small_file(), "--disk-format", "raw",
                            "--container-format", "bare", "--private")
        status, _, body = self.api("GET", "/v2/images/" + image["id"], cloud="strato-demo")
        self.assertEqual(404, status, body)
        status, _, _ = self.api("GET", "/v2/images/%s/file" % image["id"], cloud="strato-demo")
        self.assertEqual(404, status)
        self.assertNotEqual(0, self.cli("image", "show", image["id"], cloud="strato-demo", check=False).returncode)
        self.assertNotIn(image["name"], self.names(cloud="strato-demo"))
        self.assertNotEqual(0, self.cli("image", "save", image["id"], cloud="strato-demo", check=False).returncode)

    def test_delete_removes_image(self):
        image = self.create(uniq("e2e-delete"), "--file", self.small_file(), "--disk-format", "raw",
                            "--container-format", "bare")
        self.cli("image", "delete", image["id"])
        status, _, _ = self.api("GET", "/v2/images/" + image["id"])
        self.assertEqual(404, status)
        status, _, _ = self.api("GET", "/v2/images/%s/file" % image["id"])
        self.assertEqual(404, status)
        self.assertNotIn(image["name"], self.names())

    def test_protected_image_cannot_be_deleted(self):
        image = self.create(uniq("e2e-protected"), "--file", self.small_file(), "--disk-format", "raw",
                            "--container-format", "bare", "--protected")
        self.assertTrue(image["protected"])
        res = self.cli("image", "delete", image["id"], check=False)
        self.assertNotEqual(0, res.returncode)
        status, _, body = self.api("DELETE", "/v2/images/" + image["id"])
        self.assertEqual(403, status, body)
        self.assertEqual("active", self.show(image["id"])["status"])
        self.cli("image", "set", "--unprotected", image["id"])
        self.cli("image", "delete", image["id"])
        status, _, _ = self.api("GET", "/v2/images/" + image["id"])
        self.assertEqual(404, status)

    # ---------------------------------------------- disk-format inspector contract

    def test_text_file_declared_qcow2_is_refused(self):
        path = self.path(uniq("notes") + ".qcow2")
        with open(path, "w") as f:
            for i in range(2000):
                f.write("line %d: this is a plain text file, not a disk image\n" % i)
        self.addCleanup(os.unlink, path)
        name = uniq("e2e-fake-qcow2")
        res = self.cli("image", "create", "--file", path, "--disk-format", "qcow2", "--container-format", "bare",
                       "-f", "json", name, check=False, timeout=300)
        for leftover in self.images_named(name):
            self.addCleanup(self.force_delete, leftover["id"])
        self.assert_refused(res, name, "a text file declared qcow2")

    def test_qcow2_with_backing_file_is_refused(self):
        base = self.qcow2(uniq("base") + ".qcow2", size="32M")
        top = self.qcow2(uniq("top") + ".qcow2", backing=base, data=False)
        info = json.loads(subprocess.run([QEMU_IMG, "info", "--output=json", top], check=True,
                                         capture_output=True, text=True).stdout)
        self.assertIn("backing-filename", info)
        name = uniq("e2e-backing")
        res = self.cli("image", "create", "--file", top, "--disk-format", "qcow2", "--container-format", "bare",
                       "-f", "json", name, check=False, timeout=300)
        for leftover in self.images_named(name):
            self.addCleanup(self.force_delete, leftover["id"])
        self.assert_refused(res, name, "a qcow2 with a backing file")


if __name__ == "__main__":
    unittest.main()
