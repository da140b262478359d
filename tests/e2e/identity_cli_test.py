"""End-to-end tests of Strato's identity service driven by the real openstack CLI.

Run from the repo root (Debian's python, which has the OpenStack client packages):

    /usr/bin/python3 -m unittest discover -s tests/e2e -p 'identity_cli_test.py' -v
    /usr/bin/python3 -m unittest tests/e2e/identity_cli_test.py -v

Each test class starts its own cloud with ``./strato up --data-dir <tmpdir> --port-offset N``
(N from STRATO_E2E_PORT_OFFSET, default 21000) and stops it with SIGTERM; see strato_cloud.py.
"""

import os
import re
import sys
import unittest
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from strato_cloud import StratoCloud  # noqa: E402


def uniq(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:10])


def without_request_id(message):
    return re.sub(r"\s*\(Request-ID: [^)]*\)", "", message).strip()


class IdentityCliTest(unittest.TestCase):
    """The everyday identity workflow through /usr/bin/openstack."""

    cloud = None

    @classmethod
    def setUpClass(cls):
        cls.cloud = StratoCloud()
        try:
            cls.cloud.start()
        except Exception:
            cls.cloud.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        if cls.cloud is not None:
            cls.cloud.cleanup()

    # ------------------------------------------------------------------ helpers

    def cli(self, *args, **kw):
        return self.cloud.cli(*args, **kw)

    def cli_json(self, *args, **kw):
        return self.cloud.cli_json(*args, **kw)

    def assert_cli_fails(self, res, status):
        self.assertNotEqual(res.returncode, 0, "expected a failure, got: %s" % res.stdout)
        self.assertIn("HTTP %d" % status, res.stderr)

    def make_project_user(self, role="member"):
        """A new project and a user in it holding `role` there; returns (project, user, password)."""
        project = self.cli_json("project", "create", "--domain", "default",
                                "--description", "e2e project", uniq("e2e-proj"))
        password = "Pw-" + uuid.uuid4().hex
        user = self.cli_json("user", "create", "--domain", "default", "--password", password,
                             "--project", project["id"], "--email", "e2e@example.org", uniq("e2e-user"))
        self.cli("role", "add", "--user", user["id"], "--project", project["id"], role)
        return project, user, password

    # -------------------------------------------------------------------- tests

    def test_token_issue(self):
        token = self.cli_json("token", "issue")
        admin = self.cloud.auth()
        self.assertTrue(token["id"])
        self.assertTrue(token["expires"])
        self.assertTrue(token["user_id"])
        self.assertTrue(token["project_id"])
        # The token is valid: the admin project it is scoped to is the configured one.
        project = self.cli_json("project", "show", token["project_id"])
        self.assertEqual(admin["project_name"], project["name"])

    def test_catalog_list_shows_identity(self):
        catalog = self.cli_json("catalog", "list")
        identity = [s for s in catalog if s["Type"] == "identity"]
        self.assertEqual(1, len(identity), catalog)
        endpoints = identity[0]["Endpoints"]
        self.assertEqual({"public", "internal", "admin"}, {e["interface"] for e in endpoints})
        self.assertTrue(all(e["url"].startswith(self.cloud.auth_url) for e in endpoints), endpoints)
        self.assertEqual({"RegionOne"}, {e["region"] for e in endpoints})

    def test_project_create_show_list(self):
        name = uniq("e2e-proj")
        project = self.cli_json("project", "create", "--description", "made by e2e", name)
        self.assertEqual(name, project["name"])
        self.assertEqual("default", project["domain_id"])
        self.assertEqual("made by e2e", project["description"])
        self.assertTrue(project["enabled"])
        self.assertEqual(project["id"], self.cli_json("project", "show", name)["id"])
        self.assertIn(name, [p["Name"] for p in self.cli_json("project", "list")])
        # Duplicate name in the same domain: 409.
        self.assert_cli_fails(self.cli("project", "create", name, check=False), 409)

    def test_user_role_assignment_with_names(self):
        project, user, _ = self.make_project_user()
        self.assertEqual(project["id"], user["default_project_id"])
        self.assertEqual("default", user["domain_id"])
        rows = self.cli_json("role", "assignment", "list", "--names", "--user", user["id"])
        self.assertIn({"Role": "member", "User": user["name"] + "@Default", "Group": "",
                       "Project": project["name"] + "@Default", "Domain": "", "System": "",
                       "Inherited": False},
                      rows)
        # The unfiltered listing has it too.
        rows = self.cli_json("role", "assignment", "list", "--names")
        self.assertTrue(any(r["User"] == user["name"] + "@Default" and r["Project"] == project["name"] + "@Default"
                            and r["Role"] == "member" for r in rows), rows)

    def test_application_credential_create_and_authenticate(self):
        project, user, password = self.make_project_user()
        as_user = self.cloud.user_auth_args(user["name"], password, project["name"])
        cred = self.cli_json(*as_user, "application", "credential", "create",
                             "--description", "e2e", uniq("e2e-appcred"), cloud=None)
        self.assertTrue(cred["id"])
        self.assertTrue(cred["secret"])
        self.assertEqual(project["id"], cred["project_id"])
        token = self.cli_json("--os-auth-url", self.cloud.auth_url, "--os-identity-api-version", "3",
                              "--os-auth-type", "v3applicationcredential",
                              "--os-application-credential-id", cred["id"],
                              "--os-application-credential-secret", cred["secret"],
                              "token", "issue", cloud=None)
        self.assertEqual(user["id"], token["user_id"])
        self.assertEqual(project["id"], token["project_id"])
        # A wrong secret is refused.
        res = self.cli("--os-auth-url", self.cloud.auth_url, "--os-identity-api-version", "3",
                       "--os-auth-type", "v3applicationcredential",
                       "--os-application-credential-id", cred["id"],
                       "--os-application-credential-secret", "not-the-secret",
                       "token", "issue", cloud=None, check=False)
        self.assert_cli_fails(res, 401)
        # The user sees it in their list.
        listed = self.cli_json(*as_user, "application", "credential", "list", cloud=None)
        self.assertIn(cred["id"], [c["ID"] for c in listed])

    def test_token_revoke(self):
        project, user, password = self.make_project_user()
        status, token, body = self.cloud.password_token(user["name"], password, project["name"])
        self.assertEqual(201, status, body)
        admin_token = self.cloud.admin_token()
        # Valid before revocation.
        status, _, body = self.cloud.http("GET", "/auth/tokens",
                                          {"X-Auth-Token": admin_token, "X-Subject-Token": token})
        self.assertEqual(200, status, body)
        self.cli("token", "revoke", token)
        status, _, body = self.cloud.http("GET", "/auth/tokens",
                                          {"X-Auth-Token": admin_token, "X-Subject-Token": token})
        self.assertEqual(404, status, body)
        status, _, body = self.cloud.http("GET", "/auth/tokens",
                                          {"X-Auth-Token": token, "X-Subject-Token": token})
        self.assertEqual(401, status, body)
        status, _, body = self.cloud.http("GET", "/projects/" + project["id"], {"X-Auth-Token": token})
        self.assertEqual(401, status, body)
        # The user can still get a fresh token.
        status, _, body = self.cloud.password_token(user["name"], password, project["name"])
        self.assertEqual(201, status, body)

    def test_member_cannot_list_users(self):
        res = self.cli("user", "list", cloud="strato-demo", check=False)
        self.assert_cli_fails(res, 403)
        # ...but the demo user can issue a token and see its own project.
        token = self.cli_json("token", "issue", cloud="strato-demo")
        self.assertTrue(token["project_id"])

    def test_project_name_too_long_is_400(self):
        res = self.cli("project", "create", "p" * 65, check=False)
        self.assert_cli_fails(res, 400)
        # 64 characters is fine.
        name = "q" * 54 + uuid.uuid4().hex[:10]
        self.assertEqual(64, len(name))
        self.assertEqual(name, self.cli_json("project", "create", name)["name"])

    def test_bad_input_is_400(self):
        # A 256-character user name breaks the schema (maximum 255).
        res = self.cli("user", "create", "u" * 256, check=False)
        self.assert_cli_fails(res, 400)
        status, _, body = self.cloud.http("POST", "/projects", {"X-Auth-Token": self.cloud.admin_token()},
                                          body={"project": {"name": 42}})
        self.assertEqual(400, status, body)
        self.assertEqual(400, body["error"]["code"], body)

    def test_wrong_password_and_unknown_user_look_the_same(self):
        project, user, password = self.make_project_user()

        def attempt(username, pw):
            return self.cli(*self.cloud.user_auth_args(username, pw, project["name"]),
                            "token", "issue", cloud=None, check=False)

        ok = attempt(user["name"], password)
        self.assertEqual(0, ok.returncode, ok.stderr)
        wrong = attempt(user["name"], "Wrong-" + password)
        unknown = attempt(uniq("nobody"), "Wrong-" + password)
        self.assert_cli_fails(wrong, 401)
        self.assert_cli_fails(unknown, 401)
        self.assertEqual(without_request_id(wrong.stderr), without_request_id(unknown.stderr))
        # The API bodies are identical too.
        s1, _, b1 = self.cloud.password_token(user["name"], "Wrong-" + password, project["name"])
        s2, _, b2 = self.cloud.password_token(uniq("nobody"), "Wrong-" + password, project["name"])
        self.assertEqual((401, 401), (s1, s2))
        self.assertEqual(b1, b2)
        self.assertNotIn(user["name"], str(b1))


class IdentityRestartTest(unittest.TestCase):
    """State survives a stop (SIGTERM) and a start on the same data dir."""

    def test_state_survives_restart(self):
        cloud = StratoCloud()
        self.addCleanup(cloud.cleanup)
        cloud.start()
        passwords = {c: cloud.auth(c)["password"] for c in ("strato-admin", "strato-demo")}
        project = cloud.cli_json("project", "create", uniq("e2e-persist"))
        password = "Pw-" + uuid.uuid4().hex
        user = cloud.cli_json("user", "create", "--password", password, "--project", project["id"],
                              uniq("e2e-persist-user"))
        cloud.cli("role", "add", "--user", user["id"], "--project", project["id"], "member")
        status, token_before, body = cloud.password_token(user["name"], password, project["name"])
        self.assertEqual(201, status, body)

        rc = cloud.stop()
        self.assertIn(rc, (0, 143), "exit code after SIGTERM:\n" + cloud.log_tail())
        cloud.start()

        # Same bootstrap passwords, same resources.
        self.assertEqual(passwords, {c: cloud.auth(c)["password"] for c in ("strato-admin", "strato-demo")})
        self.assertEqual(project["id"], cloud.cli_json("project", "show", project["name"])["id"])
        self.assertEqual(user["id"], cloud.cli_json("user", "show", user["name"])["id"])
        rows = cloud.cli_json("role", "assignment", "list", "--names", "--user", user["id"])
        self.assertIn(project["name"] + "@Default", [r["Project"] for r in rows])
        # The user can still log in, and a token issued before the restart is still valid
        # (the Fernet keys are persisted in the data dir).
        token = cloud.cli_json(*cloud.user_auth_args(user["name"], password, project["name"]),
                               "token", "issue", cloud=None)
        self.assertEqual(user["id"], token["user_id"])
        status, _, body = cloud.http("GET", "/auth/tokens",
                                     {"X-Auth-Token": token_before, "X-Subject-Token": token_before})
        self.assertEqual(200, status, body)
        self.assertEqual(project["id"], body["token"]["project"]["id"])


if __name__ == "__main__":
    unittest.main()
