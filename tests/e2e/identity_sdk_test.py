"""End-to-end tests of Strato's identity service through openstacksdk.

Run from the repo root (Debian's python, which has openstacksdk):

    /usr/bin/python3 -m unittest discover -s tests/e2e -p 'identity_sdk_test.py' -v
    /usr/bin/python3 -m unittest tests/e2e/identity_sdk_test.py -v

The class starts its own cloud with ``./strato up`` (see strato_cloud.py), points
OS_CLIENT_CONFIG_FILE at its clouds.yaml and uses ``openstack.connect(cloud='strato-admin')``.
Besides the CRUD flows it checks the response shapes the SDK parses: fields Keystone always
returns must be present and not None.
"""

import datetime
import hashlib
import json
import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from strato_cloud import StratoCloud  # noqa: E402

import openstack  # noqa: E402
from openstack import exceptions  # noqa: E402


def uniq(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:10])


class IdentitySdkTest(unittest.TestCase):

    cloud = None
    conn = None
    _saved_env = None

    @classmethod
    def setUpClass(cls):
        cls.cloud = StratoCloud()
        try:
            cls.cloud.start()
        except Exception:
            cls.cloud.cleanup()
            raise
        cls._saved_env = {k: v for k, v in os.environ.items() if k.startswith("OS_")}
        for k in cls._saved_env:
            del os.environ[k]
        os.environ["OS_CLIENT_CONFIG_FILE"] = cls.cloud.clouds_yaml
        cls.conn = openstack.connect(cloud="strato-admin")

    @classmethod
    def tearDownClass(cls):
        if cls.conn is not None:
            cls.conn.close()
        os.environ.pop("OS_CLIENT_CONFIG_FILE", None)
        os.environ.update(cls._saved_env or {})
        if cls.cloud is not None:
            cls.cloud.cleanup()

    # ------------------------------------------------------------------ helpers

    @property
    def idp(self):
        return self.conn.identity

    def raw(self, method, path, expect=None, **kw):
        """A raw identity API call through the SDK's session (admin token); returns the response."""
        resp = getattr(self.idp, method)(path, raise_exc=False, **kw)
        if expect is not None:
            self.assertEqual(expect, resp.status_code, "%s %s -> %s %s"
                             % (method.upper(), path, resp.status_code, resp.text))
        return resp

    def assert_shape(self, body, required, non_null=()):
        """Keys Keystone always returns are present; those it always fills are not None."""
        missing = set(required) - set(body)
        self.assertFalse(missing, "missing %s in %s" % (sorted(missing), body))
        for key in non_null:
            self.assertIsNotNone(body.get(key), "%s is None in %s" % (key, body))
        if "links" in required:
            self.assertTrue(body["links"].get("self", "").startswith("http"), body)

    def user_connection(self, username, password, project_id=None, **auth):
        args = {"auth_url": self.cloud.auth_url, "username": username, "password": password,
                "user_domain_id": "default"}
        if project_id:
            args["project_id"] = project_id
        args.update(auth)
        return openstack.connect(auth_type="password", auth=args, identity_api_version="3",
                                 region_name="RegionOne")

    def new_project(self, **kw):
        kw.setdefault("domain_id", "default")
        project = self.idp.create_project(name=uniq("sdk-proj"), **kw)
        self.addCleanup(self._quiet, self.idp.delete_project, project)
        return project

    def new_user(self, **kw):
        kw.setdefault("domain_id", "default")
        kw.setdefault("password", "Pw-" + uuid.uuid4().hex)
        password = kw["password"]
        user = self.idp.create_user(name=uniq("sdk-user"), **kw)
        self.addCleanup(self._quiet, self.idp.delete_user, user)
        return user, password

    def new_role(self, **kw):
        role = self.idp.create_role(name=uniq("sdk-role"), **kw)
        self.addCleanup(self._quiet, self.idp.delete_role, role)
        return role

    def role_id(self, name):
        return self.idp.find_role(name, ignore_missing=False).id

    @staticmethod
    def _quiet(fn, *args):
        try:
            fn(*args)
        except exceptions.NotFoundException:
            pass

    # -------------------------------------------------------------------- tests

    def test_domain_crud(self):
        name = uniq("sdk-dom")
        domain = self.idp.create_domain(name=name, description="sdk domain")
        self.addCleanup(self._cleanup_domain, domain.id)
        self.assertEqual(name, domain.name)
        self.assertTrue(domain.is_enabled)
        self.assertEqual("sdk domain", domain.description)
        self.assertEqual(domain.id, self.idp.get_domain(domain.id).id)
        self.assertEqual(domain.id, self.idp.find_domain(name).id)
        self.assertEqual([domain.id], [d.id for d in self.idp.domains(name=name)])
        self.assertIn("default", [d.id for d in self.idp.domains()])
        body = self.raw("get", "/domains/" + domain.id, expect=200).json()["domain"]
        self.assert_shape(body, {"id", "name", "description", "enabled", "links"}, {"id", "name", "enabled"})

        updated = self.idp.update_domain(domain, description="changed", is_enabled=False)
        self.assertEqual("changed", updated.description)
        self.assertFalse(updated.is_enabled)
        self.assertFalse(self.idp.get_domain(domain.id).is_enabled)
        self.assertEqual([domain.id], [d.id for d in self.idp.domains(name=name, is_enabled=False)])
        self.idp.delete_domain(domain)
        self.assertRaises(exceptions.NotFoundException, self.idp.get_domain, domain.id)

    def _cleanup_domain(self, domain_id):
        try:
            self.idp.update_domain(domain_id, is_enabled=False)
            self.idp.delete_domain(domain_id)
        except exceptions.NotFoundException:
            pass

    def test_enabled_domain_cannot_be_deleted(self):
        domain = self.idp.create_domain(name=uniq("sdk-dom"))
        self.addCleanup(self._cleanup_domain, domain.id)
        resp = self.raw("delete", "/domains/" + domain.id)
        self.assertEqual(403, resp.status_code, resp.text)

    def test_project_with_parent(self):
        parent = self.new_project(description="parent", tags=["sdk-e2e"])
        child = self.new_project(parent_id=parent.id, description="child")
        self.assertEqual(parent.id, child.parent_id)
        self.assertEqual("default", parent.parent_id)
        self.assertEqual("default", child.domain_id)
        self.assertIs(False, child.is_domain)
        self.assertIs(True, child.is_enabled)
        self.assertEqual(["sdk-e2e"], parent.tags)

        self.assertEqual([child.id], [p.id for p in self.idp.projects(parent_id=parent.id)])
        self.assertIn(parent.id, [p.id for p in self.idp.projects(tags="sdk-e2e")])
        self.assertIn(child.id, [p.id for p in self.idp.projects(domain_id="default")])
        self.assertEqual(child.id, self.idp.find_project(child.name, domain_id="default").id)

        body = self.raw("get", "/projects/" + child.id, expect=200).json()["project"]
        self.assert_shape(body, {"id", "name", "domain_id", "description", "enabled", "parent_id",
                                 "is_domain", "tags", "links"},
                          {"id", "name", "domain_id", "enabled", "parent_id", "is_domain", "tags"})
        body = self.raw("get", "/projects/%s?parents_as_ids" % child.id, expect=200).json()["project"]
        self.assertIn(parent.id, body["parents"], body)
        body = self.raw("get", "/projects/%s?subtree_as_ids" % parent.id, expect=200).json()["project"]
        self.assertIn(child.id, body["subtree"], body)

        updated = self.idp.update_project(child, description="renamed child", is_enabled=False)
        self.assertEqual("renamed child", updated.description)
        self.assertFalse(self.idp.get_project(child.id).is_enabled)
        # A project with children cannot be deleted; a parent cannot move.
        resp = self.raw("delete", "/projects/" + parent.id)
        self.assertEqual(403, resp.status_code, resp.text)
        self.idp.delete_project(child)
        self.idp.delete_project(parent)
        self.assertRaises(exceptions.NotFoundException, self.idp.get_project, parent.id)

    def test_user_crud(self):
        project = self.new_project()
        user, password = self.new_user(default_project_id=project.id, email="sdk@example.org",
                                       description="sdk user")
        self.assertEqual("default", user.domain_id)
        self.assertEqual(project.id, user.default_project_id)
        self.assertTrue(user.is_enabled)
        fetched = self.idp.get_user(user.id)
        self.assertEqual(user.name, fetched.name)
        self.assertEqual("sdk@example.org", fetched.email)
        self.assertIsNone(fetched.password)
        body = self.raw("get", "/users/" + user.id, expect=200).json()["user"]
        self.assert_shape(body, {"id", "name", "domain_id", "enabled", "password_expires_at", "links"},
                          {"id", "name", "domain_id", "enabled"})
        self.assertNotIn("password", body)
        self.assertEqual(user.id, self.idp.find_user(user.name, domain_id="default").id)
        self.assertEqual([user.id], [u.id for u in self.idp.users(name=user.name)])

        # The user can log in (unscoped, then scoped once granted a role).
        self.idp.assign_project_role_to_user(project, user, self.role_id("member"))
        user_conn = self.user_connection(user.name, password, project.id)
        self.assertEqual(user.id, user_conn.current_user_id)
        self.assertEqual(project.id, user_conn.current_project_id)
        self.assertIn(project.id, [p.id for p in self.idp.user_projects(user)])

        updated = self.idp.update_user(user, email="new@example.org", is_enabled=False)
        self.assertEqual("new@example.org", updated.email)
        self.assertFalse(updated.is_enabled)
        status, _, _ = self.cloud.password_token(user.name, password)
        self.assertEqual(401, status)

        self.idp.delete_user(user)
        self.assertRaises(exceptions.NotFoundException, self.idp.get_user, user.id)

    def test_group_and_membership(self):
        project = self.new_project()
        user, _ = self.new_user()
        group = self.idp.create_group(name=uniq("sdk-group"), domain_id="default", description="g")
        self.addCleanup(self._quiet, self.idp.delete_group, group)
        self.assertEqual("default", group.domain_id)
        body = self.raw("get", "/groups/" + group.id, expect=200).json()["group"]
        self.assert_shape(body, {"id", "name", "domain_id", "description", "links"}, {"id", "name", "domain_id"})
        self.assertEqual(group.id, self.idp.find_group(group.name).id)

        self.assertFalse(self.idp.check_user_in_group(user, group))
        self.idp.add_user_to_group(user, group)
        self.assertTrue(self.idp.check_user_in_group(user, group))
        members = self.raw("get", "/groups/%s/users" % group.id, expect=200).json()["users"]
        self.assertEqual([user.id], [u["id"] for u in members])
        groups = self.raw("get", "/users/%s/groups" % user.id, expect=200).json()["groups"]
        self.assertEqual([group.id], [g["id"] for g in groups])

        # A role granted to the group reaches the member through effective assignments.
        member = self.role_id("member")
        self.idp.assign_project_role_to_group(project, group, member)
        self.assertTrue(self.idp.validate_group_has_project_role(project, group, member))
        effective = list(self.idp.role_assignments(user_id=user.id, effective=True))
        self.assertIn((project.id, member), [(a.scope.get("project", {}).get("id"), a.role["id"]) for a in effective])
        direct = list(self.idp.role_assignments(group_id=group.id))
        self.assertEqual([(group.id, project.id, member)],
                         [(a.group["id"], a.scope["project"]["id"], a.role["id"]) for a in direct])

        self.idp.remove_user_from_group(user, group)
        self.assertFalse(self.idp.check_user_in_group(user, group))
        self.assertEqual([], list(self.idp.role_assignments(user_id=user.id, effective=True)))
        self.idp.unassign_project_role_from_group(project, group, member)
        self.assertFalse(self.idp.validate_group_has_project_role(project, group, member))

        updated = self.idp.update_group(group, description="changed")
        self.assertEqual("changed", updated.description)
        self.idp.delete_group(group)
        self.assertRaises(exceptions.NotFoundException, self.idp.get_group, group.id)

    def test_role_and_implied_role(self):
        prior = self.new_role(description="prior")
        implied = self.new_role()
        self.assertEqual("prior", prior.description)
        self.assertIsNone(prior.domain_id)
        body = self.raw("get", "/roles/" + prior.id, expect=200).json()["role"]
        self.assert_shape(body, {"id", "name", "domain_id", "links"}, {"id", "name"})
        self.assertEqual([prior.id], [r.id for r in self.idp.roles(name=prior.name)])
        updated = self.idp.update_role(prior, description="changed")
        self.assertEqual("changed", updated.description)
        domain_role = self.new_role(domain_id="default")
        self.assertEqual("default", domain_role.domain_id)

        resp = self.raw("put", "/roles/%s/implies/%s" % (prior.id, implied.id), expect=201)
        inference = resp.json()["role_inference"]
        self.assertEqual(prior.id, inference["prior_role"]["id"])
        self.assertEqual(implied.id, inference["implies"]["id"])
        self.assertEqual(implied.name, inference["implies"]["name"])
        self.raw("head", "/roles/%s/implies/%s" % (prior.id, implied.id), expect=204)
        self.raw("get", "/roles/%s/implies/%s" % (prior.id, implied.id), expect=200)
        listed = self.raw("get", "/roles/%s/implies" % prior.id, expect=200).json()["role_inference"]
        self.assertEqual([implied.id], [r["id"] for r in listed["implies"]])
        everything = self.raw("get", "/role_inferences", expect=200).json()["role_inferences"]
        self.assertIn(prior.id, [i["prior_role"]["id"] for i in everything])

        # A grant of the prior role yields the implied role in effective assignments and tokens.
        project = self.new_project()
        user, password = self.new_user()
        self.idp.assign_project_role_to_user(project, user, prior)
        effective = {a.role["id"] for a in self.idp.role_assignments(
            user_id=user.id, scope_project_id=project.id, effective=True)}
        self.assertEqual({prior.id, implied.id}, effective)
        user_conn = self.user_connection(user.name, password, project.id)
        access = user_conn.session.auth.get_access(user_conn.session)
        self.assertEqual({prior.name, implied.name}, set(access.role_names))

        self.raw("delete", "/roles/%s/implies/%s" % (prior.id, implied.id), expect=204)
        self.raw("get", "/roles/%s/implies/%s" % (prior.id, implied.id), expect=404)
        self.idp.delete_role(implied)
        self.assertRaises(exceptions.NotFoundException, self.idp.get_role, implied.id)

    def test_domain_specific_roles(self):
        """Domain-specific roles only infer other roles: they never show up effective or in tokens."""
        domain = self.idp.create_domain(name=uniq("sdk-dom"))
        self.addCleanup(self._cleanup_domain, domain.id)
        dom_role = self.new_role(domain_id="default")
        other_dom_role = self.new_role(domain_id=domain.id)
        global_role = self.new_role()
        reader = self.role_id("reader")
        # A domain role may imply a global role, or a role of any domain.
        self.raw("put", "/roles/%s/implies/%s" % (dom_role.id, reader), expect=201)
        self.raw("put", "/roles/%s/implies/%s" % (dom_role.id, other_dom_role.id), expect=201)
        # A global role may not imply a domain role; nothing may imply admin (Keystone's
        # [assignment] prohibited_implied_role default).
        self.raw("put", "/roles/%s/implies/%s" % (global_role.id, dom_role.id), expect=403)
        self.raw("put", "/roles/%s/implies/%s" % (global_role.id, self.role_id("admin")), expect=403)

        project = self.new_project()
        user, password = self.new_user()
        self.idp.assign_project_role_to_user(project, user, dom_role)
        direct = {a.role["id"] for a in self.idp.role_assignments(user_id=user.id, scope_project_id=project.id)}
        self.assertEqual({dom_role.id}, direct)
        effective = {a.role["id"] for a in self.idp.role_assignments(
            user_id=user.id, scope_project_id=project.id, effective=True)}
        self.assertEqual({reader}, effective)
        user_conn = self.user_connection(user.name, password, project.id)
        access = user_conn.session.auth.get_access(user_conn.session)
        self.assertEqual(["reader"], access.role_names)

    def test_connection_close_is_announced(self):
        """A response to a request with "Connection: close" says "Connection: close" (RFC 9112 9.6).

        Tempest sends "Connection: close" on every request but keeps the connection in its pool
        unless the response carries "Connection: close" as well."""
        import http.client
        import urllib.parse
        url = urllib.parse.urlsplit(self.cloud.auth_url)
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        try:
            conn.request("GET", url.path, headers={"Connection": "close"})
            resp = conn.getresponse()
            resp.read()
            self.assertEqual(200, resp.status)
            self.assertEqual("close", (resp.getheader("Connection") or "").lower())
        finally:
            conn.close()

    def test_grants_and_role_assignment_filters(self):
        project = self.new_project()
        user, _ = self.new_user()
        member, reader = self.role_id("member"), self.role_id("reader")
        self.idp.assign_project_role_to_user(project, user, member)
        self.idp.assign_domain_role_to_user("default", user, reader)
        self.idp.assign_system_role_to_user(user, reader, "all")
        self.assertTrue(self.idp.validate_user_has_project_role(project, user, member))
        self.assertTrue(self.idp.validate_user_has_domain_role("default", user, reader))
        self.assertTrue(self.idp.validate_user_has_system_role(user, reader, "all"))
        self.assertFalse(self.idp.validate_user_has_project_role(project, user, reader))

        def keys(assignments):
            out = set()
            for a in assignments:
                scope = a.scope
                where = ("project", scope["project"]["id"]) if "project" in scope else \
                    ("domain", scope["domain"]["id"]) if "domain" in scope else ("system", "all")
                out.add(where + (a.role["id"],))
            return out

        self.assertEqual({("project", project.id, member), ("domain", "default", reader), ("system", "all", reader)},
                         keys(self.idp.role_assignments(user_id=user.id)))
        self.assertEqual({("project", project.id, member)},
                         keys(self.idp.role_assignments(user_id=user.id, scope_project_id=project.id)))
        self.assertEqual({("domain", "default", reader)},
                         keys(self.idp.role_assignments(user_id=user.id, scope_domain_id="default")))
        self.assertEqual({("system", "all", reader)},
                         keys(self.idp.role_assignments(user_id=user.id, scope_system="all")))
        self.assertEqual({("domain", "default", reader), ("system", "all", reader)},
                         keys(self.idp.role_assignments(user_id=user.id, role_id=reader)))
        self.assertEqual({("project", project.id, member)},
                         keys(self.idp.role_assignments(scope_project_id=project.id)))
        # effective expands the implied roles (member implies reader).
        self.assertEqual({("project", project.id, member), ("project", project.id, reader)},
                         keys(self.idp.role_assignments(user_id=user.id, scope_project_id=project.id,
                                                        effective=True)))
        named = list(self.idp.role_assignments(user_id=user.id, scope_project_id=project.id, include_names=True))
        self.assertEqual(1, len(named))
        a = named[0]
        self.assertEqual("member", a.role["name"])
        self.assertEqual(user.name, a.user["name"])
        self.assertEqual({"id": "default", "name": "Default"}, a.user["domain"])
        self.assertEqual(project.name, a.scope["project"]["name"])
        self.assertEqual({"id": "default", "name": "Default"}, a.scope["project"]["domain"])
        self.assertTrue(a.links["assignment"].startswith("http"), a.links)

        self.idp.unassign_project_role_from_user(project, user, member)
        self.idp.unassign_domain_role_from_user("default", user, reader)
        self.idp.unassign_system_role_from_user(user, reader, "all")
        self.assertEqual(set(), keys(self.idp.role_assignments(user_id=user.id)))

    def test_region_service_endpoint(self):
        region = self.idp.create_region(id=uniq("SdkRegion"), description="sdk region")
        self.addCleanup(self._quiet, self.idp.delete_region, region)
        child = self.idp.create_region(id=uniq("SdkChild"), parent_region_id=region.id)
        self.addCleanup(self._quiet, self.idp.delete_region, child)
        self.assertEqual(region.id, child.parent_region_id)
        self.assertEqual([child.id], [r.id for r in self.idp.regions(parent_region_id=region.id)])
        body = self.raw("get", "/regions/" + region.id, expect=200).json()["region"]
        self.assert_shape(body, {"id", "description", "parent_region_id", "links"}, {"id"})

        service = self.idp.create_service(name=uniq("sdk-svc"), type="sdk-e2e", description="svc")
        self.addCleanup(self._quiet, self.idp.delete_service, service)
        self.assertTrue(service.is_enabled)
        self.assertEqual("sdk-e2e", service.type)
        self.assertEqual([service.id], [s.id for s in self.idp.services(type="sdk-e2e")])
        body = self.raw("get", "/services/" + service.id, expect=200).json()["service"]
        self.assert_shape(body, {"id", "type", "enabled", "name", "links"}, {"id", "type", "enabled", "name"})

        endpoint = self.idp.create_endpoint(service_id=service.id, interface="public",
                                            url="http://127.0.0.1:1/sdk", region_id=region.id)
        self.addCleanup(self._quiet, self.idp.delete_endpoint, endpoint)
        self.assertEqual(region.id, endpoint.region_id)
        self.assertTrue(endpoint.is_enabled)
        body = self.raw("get", "/endpoints/" + endpoint.id, expect=200).json()["endpoint"]
        self.assert_shape(body, {"id", "interface", "region_id", "region", "service_id", "url", "enabled", "links"},
                          {"id", "interface", "region_id", "region", "service_id", "url", "enabled"})
        self.assertEqual([endpoint.id], [e.id for e in self.idp.endpoints(service_id=service.id)])
        self.assertEqual([endpoint.id], [e.id for e in self.idp.endpoints(region_id=region.id)])
        self.assertIn(endpoint.id, [e.id for e in self.idp.endpoints(interface="public")])
        self.assertNotIn(endpoint.id, [e.id for e in self.idp.endpoints(interface="admin")])

        # The new service shows up in the catalog.
        catalog = self.raw("get", "/auth/catalog", expect=200).json()["catalog"]
        entry = [s for s in catalog if s["id"] == service.id]
        self.assertEqual(1, len(entry), catalog)
        self.assertEqual("sdk-e2e", entry[0]["type"])
        self.assertEqual([("public", "http://127.0.0.1:1/sdk", region.id)],
                         [(e["interface"], e["url"], e["region_id"]) for e in entry[0]["endpoints"]])

        updated = self.idp.update_endpoint(endpoint, url="http://127.0.0.1:2/sdk", is_enabled=False)
        self.assertEqual("http://127.0.0.1:2/sdk", updated.url)
        self.assertFalse(updated.is_enabled)
        self.assertEqual("svc2", self.idp.update_service(service, description="svc2").description)
        self.assertEqual("r2", self.idp.update_region(region, description="r2").description)

        # A region with a child cannot be deleted.
        resp = self.raw("delete", "/regions/" + region.id)
        self.assertIn(resp.status_code, (403, 409), resp.text)
        self.idp.delete_endpoint(endpoint)
        self.idp.delete_service(service)
        self.idp.delete_region(child)
        self.idp.delete_region(region)
        self.assertRaises(exceptions.NotFoundException, self.idp.get_endpoint, endpoint.id)
        self.assertRaises(exceptions.NotFoundException, self.idp.get_service, service.id)
        self.assertRaises(exceptions.NotFoundException, self.idp.get_region, region.id)

    def test_ec2_credential(self):
        project = self.new_project()
        user, password = self.new_user()
        self.idp.assign_project_role_to_user(project, user, self.role_id("member"))
        access = uuid.uuid4().hex
        blob = json.dumps({"access": access, "secret": uuid.uuid4().hex})
        cred = self.idp.create_credential(type="ec2", user_id=user.id, project_id=project.id, blob=blob)
        self.addCleanup(self._quiet, self.idp.delete_credential, cred)
        # Keystone names an EC2 credential by the SHA-256 of its access key.
        self.assertEqual(hashlib.sha256(access.encode()).hexdigest(), cred.id)
        self.assertEqual("ec2", cred.type)
        self.assertEqual(project.id, cred.project_id)
        self.assertEqual(json.loads(blob), json.loads(self.idp.get_credential(cred.id).blob))
        body = self.raw("get", "/credentials/" + cred.id, expect=200).json()["credential"]
        self.assert_shape(body, {"id", "type", "user_id", "project_id", "blob", "links"},
                          {"id", "type", "user_id", "project_id", "blob"})
        self.assertEqual([cred.id], [c.id for c in self.idp.credentials(user_id=user.id)])
        self.assertIn(cred.id, [c.id for c in self.idp.credentials(type="ec2")])

        # An ec2 credential needs a project.
        resp = self.raw("post", "/credentials", json={"credential": {
            "type": "ec2", "user_id": user.id, "blob": json.dumps({"access": "a", "secret": "s"})}})
        self.assertEqual(400, resp.status_code, resp.text)

        # The owner sees their own credential.
        user_conn = self.user_connection(user.name, password, project.id)
        self.assertEqual([cred.id], [c.id for c in user_conn.identity.credentials()])

        new_blob = json.dumps({"access": access, "secret": "rotated"})
        self.assertEqual(json.loads(new_blob),
                         json.loads(self.idp.update_credential(cred, blob=new_blob).blob))
        self.idp.delete_credential(cred)
        self.assertRaises(exceptions.NotFoundException, self.idp.get_credential, cred.id)

    def test_os_ec2_credentials(self):
        """The OS-EC2 API on the user (what Tempest's v3 test_ec2_credentials and EC2 clients use)."""
        project = self.new_project()
        user, _ = self.new_user()
        self.idp.assign_project_role_to_user(project, user, self.role_id("member"))
        resp = self.raw("post", "/users/%s/credentials/OS-EC2" % user.id, expect=201,
                        json={"tenant_id": project.id})
        ec2 = resp.json()["credential"]
        self.assertEqual(project.id, ec2["tenant_id"])
        self.assertTrue(ec2["access"] and ec2["secret"])
        listed = self.raw("get", "/users/%s/credentials/OS-EC2" % user.id, expect=200).json()["credentials"]
        self.assertEqual([ec2["access"]], [c["access"] for c in listed])
        shown = self.raw("get", "/users/%s/credentials/OS-EC2/%s" % (user.id, ec2["access"]), expect=200)
        self.assertEqual(ec2["secret"], shown.json()["credential"]["secret"])
        # It is also an ec2 credential in /v3/credentials.
        self.assertIn(hashlib.sha256(ec2["access"].encode()).hexdigest(),
                      [c.id for c in self.idp.credentials(user_id=user.id, type="ec2")])
        self.raw("delete", "/users/%s/credentials/OS-EC2/%s" % (user.id, ec2["access"]), expect=204)
        self.raw("get", "/users/%s/credentials/OS-EC2/%s" % (user.id, ec2["access"]), expect=404)

    def test_trust_and_trust_scoped_token(self):
        project = self.new_project()
        trustor, trustor_pw = self.new_user()
        trustee, trustee_pw = self.new_user()
        self.idp.assign_project_role_to_user(project, trustor, self.role_id("member"))
        trustor_conn = self.user_connection(trustor.name, trustor_pw, project.id)
        expires = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)) \
            .strftime("%Y-%m-%dT%H:%M:%S.000000Z")
        trust = trustor_conn.identity.create_trust(
            trustor_user_id=trustor.id, trustee_user_id=trustee.id, project_id=project.id,
            roles=[{"name": "member"}], is_impersonation=False, expires_at=expires)
        self.addCleanup(self._quiet, self.idp.delete_trust, trust)
        self.assertEqual(trustor.id, trust.trustor_user_id)
        self.assertEqual(trustee.id, trust.trustee_user_id)
        self.assertEqual(project.id, trust.project_id)
        self.assertIs(False, trust.is_impersonation)
        self.assertIsNotNone(trust.expires_at)
        self.assertIn("member", [r["name"] for r in trust.roles])
        trust_body = self.raw("get", "/OS-TRUST/trusts/" + trust.id, expect=200).json()["trust"]
        self.assertEqual([trust.id], [t.id for t in self.idp.trusts(trustor_user_id=trustor.id)])
        self.assertEqual([trust.id], [t.id for t in self.idp.trusts(trustee_user_id=trustee.id)])
        self.assertEqual(trust.id, self.idp.get_trust(trust.id).id)

        # The trustee gets a trust-scoped token.
        trustee_conn = self.user_connection(trustee.name, trustee_pw, trust_id=trust.id)
        access = trustee_conn.session.auth.get_access(trustee_conn.session)
        self.assertTrue(access.trust_scoped)
        self.assertEqual(trust.id, access.trust_id)
        self.assertEqual(trustor.id, access.trustor_user_id)
        self.assertEqual(trustee.id, access.trustee_user_id)
        self.assertEqual(trustee.id, access.user_id)
        self.assertEqual(project.id, access.project_id)
        self.assertIn("member", access.role_names)
        token = access.auth_token
        status, _, body = self.cloud.http("GET", "/auth/tokens",
                                          {"X-Auth-Token": self.cloud.admin_token(), "X-Subject-Token": token})
        self.assertEqual(200, status, body)
        self.assertEqual(trust.id, body["token"]["OS-TRUST:trust"]["id"])
        self.assertIs(False, body["token"]["OS-TRUST:trust"]["impersonation"])

        # Deleting the trust revokes its tokens.
        trustor_conn.identity.delete_trust(trust)
        status, _, body = self.cloud.http("GET", "/auth/tokens",
                                          {"X-Auth-Token": self.cloud.admin_token(), "X-Subject-Token": token})
        self.assertEqual(404, status, body)
        self.assertRaises(exceptions.NotFoundException, self.idp.get_trust, trust.id)
        # A deleted trust is 404 for its trustor too (not 403).
        self.assertRaises(exceptions.NotFoundException, trustor_conn.identity.get_trust, trust.id)

        # Keystone returns redelegation_count (0 for a trust that may not be redelegated).
        self.assert_shape(trust_body, {"id", "trustor_user_id", "trustee_user_id", "project_id", "impersonation",
                                       "expires_at", "remaining_uses", "roles", "roles_links", "links",
                                       "redelegation_count", "redelegated_trust_id"},
                          {"id", "trustor_user_id", "trustee_user_id", "project_id", "impersonation",
                           "expires_at", "roles", "redelegation_count"})

    def test_token_and_catalog_shapes(self):
        access = self.conn.session.auth.get_access(self.conn.session)
        admin = self.cloud.auth()
        for attr in ("auth_token", "user_id", "username", "user_domain_id", "user_domain_name",
                     "project_id", "project_name", "project_domain_id", "project_domain_name",
                     "expires", "issued", "audit_id"):
            self.assertIsNotNone(getattr(access, attr), attr)
        self.assertEqual(admin["username"], access.username)
        self.assertEqual(admin["project_name"], access.project_name)
        self.assertEqual("Default", access.user_domain_name)
        self.assertTrue({"admin", "member", "reader"} <= set(access.role_names), access.role_names)
        status, _, body = self.cloud.http("GET", "/auth/tokens", {"X-Auth-Token": access.auth_token,
                                                                  "X-Subject-Token": access.auth_token})
        self.assertEqual(200, status, body)
        token = body["token"]
        self.assertEqual(["password"], token["methods"])
        self.assert_shape(token, {"methods", "user", "audit_ids", "expires_at", "issued_at", "project",
                                  "roles", "catalog", "is_domain"},
                          {"methods", "user", "audit_ids", "expires_at", "issued_at", "project", "roles",
                           "catalog", "is_domain"})
        self.assertEqual({"id", "name", "domain", "password_expires_at"}, set(token["user"]))
        self.assertEqual({"id", "name", "domain"}, set(token["project"]))
        self.assertEqual({"id", "name"}, set(token["project"]["domain"]))
        self.assertTrue(access.project_scoped)
        url = access.service_catalog.url_for(service_type="identity", interface="public", region_name="RegionOne")
        self.assertEqual(self.cloud.auth_url, url.rstrip("/"))
        # SDK-level views of the same.
        self.assertEqual(access.user_id, self.conn.current_user_id)
        self.assertEqual(access.project_id, self.conn.current_project_id)
        # Version discovery the SDK relies on.
        root = self.raw("get", self.cloud.auth_url, expect=200).json()["version"]
        self.assertTrue(root["id"].startswith("v3."), root)
        self.assertEqual("stable", root["status"])
        self.assertTrue(root["links"][0]["href"].rstrip("/").endswith("/v3"), root)


if __name__ == "__main__":
    unittest.main()
