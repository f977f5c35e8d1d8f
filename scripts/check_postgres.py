"""Say loudly, and fail, when the PostgreSQL that `make test` needs is not reachable."""

import sys

import psycopg

BANNER = "!" * 78


def main(url: str) -> int:
    try:
        with psycopg.connect(url, connect_timeout=5) as connection:
            version = connection.execute("SHOW server_version").fetchone()
    except psycopg.Error as exc:
        print(BANNER, file=sys.stderr)
        print(f"PostgreSQL is NOT reachable at {url}:\n  {exc}".rstrip(), file=sys.stderr)
        print("The suite must run on PostgreSQL too. Start it (e.g.", file=sys.stderr)
        print(
            "  pg_ctlcluster --skip-systemctl-redirect 15 main start) or, knowingly,",
            file=sys.stderr,
        )
        print("  set LUOTSI_SKIP_POSTGRES=1 to run on SQLite only.", file=sys.stderr)
        print(BANNER, file=sys.stderr)
        return 1
    print(f"PostgreSQL {version[0] if version else '?'} reachable at {url}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
