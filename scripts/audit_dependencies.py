"""Audit the installed Python packages for known vulnerabilities with pip-audit.

Fails when a package has a known vulnerability that is not in security/pip-audit-ignore.txt
(each ignored advisory there carries the reason). When the vulnerability service cannot be
reached (a machine that sees only a package mirror, as the development machines here do),
pip-audit reports every package as "not found" rather than failing: this script then says
loudly that nothing was audited and, with LUOTSI_REQUIRE_PIP_AUDIT=1 (set it where the
service is reachable), fails.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORE_FILE = ROOT / "security" / "pip-audit-ignore.txt"


def ignored_advisories() -> list[str]:
    """Advisory ids from the ignore file: one per line, `ID  # reason`; a reason is required."""
    ids = []
    for number, line in enumerate(IGNORE_FILE.read_text().splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        advisory, _, reason = entry.partition("#")
        if not reason.strip():
            sys.exit(f"{IGNORE_FILE}:{number}: {advisory.strip()} is ignored without a reason")
        ids.append(advisory.strip())
    return ids


def main() -> int:
    command = [sys.executable, "-m", "pip_audit", "--format", "json", "--progress-spinner", "off"]
    command += ["--skip-editable"]
    for advisory in ignored_advisories():
        command += ["--ignore-vuln", advisory]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(result.stdout + result.stderr, file=sys.stderr)
        return _unaudited("pip-audit gave no report (the vulnerability service is unreachable?)")
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    audited = [d for d in dependencies if "skip_reason" not in d]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            package = f"{dependency['name']} {dependency['version']}"
            print(f"VULNERABLE {package}: {vuln['id']} ({fixed})")
    if vulnerable:
        return 1
    if not audited:
        return _unaudited(f"none of the {len(dependencies)} packages could be looked up")
    skipped = len(dependencies) - len(audited)
    print(f"pip-audit: {len(audited)} audited, no known vulnerabilities, {skipped} skipped")
    return 0


def _unaudited(why: str) -> int:
    print("!" * 78)
    print(f"!!! pip-audit could NOT audit the dependencies: {why}.")
    print("!!! The vulnerability service (pypi.org JSON API or osv.dev) is not reachable here.")
    print("!!! Run `make audit-deps` where it is; LUOTSI_REQUIRE_PIP_AUDIT=1 makes this fail.")
    print("!" * 78)
    return 1 if os.environ.get("LUOTSI_REQUIRE_PIP_AUDIT") == "1" else 0


if __name__ == "__main__":
    sys.exit(main())
