"""Starts and stops a real Strato cloud (``./strato up``) for the end-to-end tests.

Stdlib only, plus PyYAML (a dependency of the Debian openstack clients) to read clouds.yaml.

Environment:
  STRATO_E2E_PORT_OFFSET    port offset for ``./strato up`` (default 21000, so identity
                            listens on 127.0.0.1:26000)
  STRATO_E2E_START_TIMEOUT  seconds to wait for ``strato: ready`` (default 120; a jar build
                            announced by ``strato: building`` adds STRATO_E2E_BUILD_TIMEOUT,
                            default 900)
  STRATO_E2E_KEEP           set to 1 to keep the data dirs (and server logs) after the tests
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request

import yaml

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OPENSTACK = "/usr/bin/openstack"
DEFAULT_PORT_OFFSET = 21000


def port_offset():
    return int(os.environ.get("STRATO_E2E_PORT_OFFSET", DEFAULT_PORT_OFFSET))


def clean_env(**extra):
    """The environment for a client: no OS_* variables leaking in from the caller."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OS_")}
    env.update(extra)
    return env


class StratoCloud:
    """One ``./strato up`` process on a data dir; start() and stop() may be repeated.

    conf: optional settings (key -> value) written to DATA_DIR/strato.conf before the first
    start, e.g. {"image.quota.images": 2}."""

    def __init__(self, data_dir=None, offset=None, conf=None):
        self.owns_data_dir = data_dir is None
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="strato-e2e-")
        if conf:
            with open(os.path.join(self.data_dir, "strato.conf"), "w", encoding="utf-8") as f:
                f.write("# Written by tests/e2e/strato_cloud.py\n")
                for key, value in conf.items():
                    f.write("%s=%s\n" % (key, value))
        self.offset = port_offset() if offset is None else offset
        self.port = 5000 + self.offset
        self.proc = None
        self.log_path = os.path.join(self.data_dir, "strato-up.log")
        self._ready = threading.Event()
        self._building = threading.Event()
        self._reader = None

    # ----------------------------------------------------------------- lifecycle

    def start(self):
        if self.proc is not None:
            raise RuntimeError("already started")
        self._check_port_free()
        self._ready.clear()
        self._building.clear()
        log = open(self.log_path, "a", encoding="utf-8")
        log.write("===== ./strato up --data-dir %s --port-offset %d\n" % (self.data_dir, self.offset))
        log.flush()
        env = dict(os.environ)
        self.proc = subprocess.Popen(
            ["./strato", "up", "--data-dir", self.data_dir, "--port-offset", str(self.offset)],
            cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
            start_new_session=True)
        self._reader = threading.Thread(target=self._pump, args=(self.proc, log), daemon=True)
        self._reader.start()
        timeout = float(os.environ.get("STRATO_E2E_START_TIMEOUT", "120"))
        build_timeout = float(os.environ.get("STRATO_E2E_BUILD_TIMEOUT", "900"))
        deadline = time.monotonic() + timeout
        extended = False
        while not self._ready.is_set():
            if self.proc.poll() is not None:
                self._reader.join(5)
                rc = self.proc.returncode
                self.proc = None
                raise RuntimeError("./strato up exited with %s before it was ready:\n%s"
                                   % (rc, self.log_tail()))
            if self._building.is_set() and not extended:
                deadline += build_timeout
                extended = True
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("./strato up was not ready within %ss:\n%s" % (timeout, self.log_tail()))
            self._ready.wait(0.2)
        return self

    def stop(self, timeout=60):
        """SIGTERM and wait; returns the exit code (SIGKILL after the timeout)."""
        proc, self.proc = self.proc, None
        if proc is None:
            return None
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)
        if self._reader is not None:
            self._reader.join(10)
        if proc.stdout is not None:
            proc.stdout.close()
        return proc.returncode

    def cleanup(self):
        self.stop()
        if self.owns_data_dir and os.environ.get("STRATO_E2E_KEEP") != "1":
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def _pump(self, proc, log):
        with log:
            for line in proc.stdout:
                log.write(line)
                log.flush()
                if line.startswith("strato: ready"):
                    self._ready.set()
                elif line.startswith("strato: building"):
                    self._building.set()

    def _check_port_free(self):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            if s.connect_ex(("127.0.0.1", self.port)) == 0:
                raise RuntimeError("127.0.0.1:%d is already in use; set STRATO_E2E_PORT_OFFSET" % self.port)

    def log_tail(self, lines=40):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return "(no log)"

    # ------------------------------------------------------------------ accessors

    @property
    def clouds_yaml(self):
        return os.path.join(self.data_dir, "clouds.yaml")

    def clouds(self):
        with open(self.clouds_yaml, encoding="utf-8") as f:
            return yaml.safe_load(f)["clouds"]

    def auth(self, cloud="strato-admin"):
        return dict(self.clouds()[cloud]["auth"])

    @property
    def auth_url(self):
        return self.auth()["auth_url"].rstrip("/")

    def client_env(self, **extra):
        return clean_env(OS_CLIENT_CONFIG_FILE=self.clouds_yaml, **extra)

    # --------------------------------------------------------------------- clients

    def cli(self, *args, cloud="strato-admin", check=True, timeout=120):
        """Runs /usr/bin/openstack; with check, fails with its stderr when it exits non-zero.

        cloud=None passes no --os-cloud (the arguments carry the auth options)."""
        cmd = [OPENSTACK]
        if cloud is not None:
            cmd += ["--os-cloud", cloud]
        cmd += list(args)
        res = subprocess.run(cmd, env=self.client_env(), capture_output=True, text=True, timeout=timeout)
        if check and res.returncode != 0:
            raise AssertionError("%s exited %d\nstdout: %s\nstderr: %s"
                                 % (" ".join(cmd), res.returncode, res.stdout, res.stderr))
        return res

    def cli_json(self, *args, cloud="strato-admin"):
        res = self.cli(*args, "-f", "json", cloud=cloud)
        return json.loads(res.stdout)

    def user_auth_args(self, username, password, project_name, domain="Default"):
        """CLI options that authenticate as a user without a clouds.yaml entry."""
        return ["--os-auth-url", self.auth_url, "--os-identity-api-version", "3",
                "--os-auth-type", "password",
                "--os-username", username, "--os-password", password,
                "--os-user-domain-name", domain,
                "--os-project-name", project_name, "--os-project-domain-name", domain]

    def http(self, method, path, headers=None, body=None):
        """A direct request to the identity API; returns (status, headers, parsed JSON or text)."""
        url = self.auth_url + path
        data = None
        hdrs = {"Accept": "application/json"}
        if body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        hdrs.update(headers or {})
        req = urllib.request.Request(url, data=data, method=method, headers=hdrs)
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                status, rh, raw = resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError as e:
            status, rh, raw = e.code, e.headers, e.read()
        text = raw.decode("utf-8", errors="replace")
        try:
            parsed = json.loads(text) if text else None
        except ValueError:
            parsed = text
        return status, rh, parsed

    def password_token(self, username, password, project_name=None, domain="Default"):
        """Issues a token with POST /v3/auth/tokens; returns (status, token id or None, body)."""
        auth = {"identity": {"methods": ["password"], "password": {"user": {
            "name": username, "domain": {"name": domain}, "password": password}}}}
        if project_name:
            auth["scope"] = {"project": {"name": project_name, "domain": {"name": domain}}}
        status, headers, body = self.http("POST", "/auth/tokens", body={"auth": auth})
        return status, headers.get("X-Subject-Token"), body

    def admin_token(self):
        a = self.auth("strato-admin")
        status, token, body = self.password_token(a["username"], a["password"], a["project_name"],
                                                  a.get("user_domain_name", "Default"))
        if status != 201:
            raise AssertionError("admin token: %s %s" % (status, body))
        return token

    def token(self, cloud="strato-admin"):
        """A project-scoped token for a clouds.yaml entry; returns (token id, token body)."""
        a = self.auth(cloud)
        status, token, body = self.password_token(a["username"], a["password"], a["project_name"],
                                                  a.get("user_domain_name", "Default"))
        if status != 201:
            raise AssertionError("token for %s: %s %s" % (cloud, status, body))
        return token, body

    def endpoint(self, service_type, interface="public"):
        """The URL of a service's endpoint from the catalog (e.g. 'image'), without a trailing /."""
        _, body = self.token()
        for service in body["token"].get("catalog", []):
            if service["type"] == service_type:
                for ep in service["endpoints"]:
                    if ep["interface"] == interface:
                        return ep["url"].rstrip("/")
        raise AssertionError("no %s endpoint for %s in the catalog" % (interface, service_type))


def request(method, url, headers=None, data=None, timeout=60):
    """A raw HTTP request (urllib); returns (status, headers, body bytes) for any status."""
    req = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()
