"""Fail when the translations are out of step with the code.

1. Extract the strings from a copy of the source (Django's makemessages) and compare with
   the committed locale/<lang>/LC_MESSAGES/django.po: nothing missing, nothing obsolete.
2. Every entry is translated in Finnish and Swedish (English is the source language) and
   none is fuzzy; placeholders agree (msgfmt --check). Plain-language Finnish (fi_X-plain)
   falls back to standard Finnish, so it may leave entries empty, except the strings of the
   public pages residents need most (PLAIN_PAGES), which must all be simplified.
3. The committed .mo files hold exactly what the .po files say (they are committed so that
   `make run` needs no gettext tools).

Run by `make check-messages` (part of `make test`); `make messages` updates the files.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fi", "sv", "fi_X-plain")
COMPLETE = ("fi", "sv")
# The pages (and public forms, by line range) plain-Finnish readers must find simplified:
# find your officer, events and registering, sending a message, materials residents read,
# and the frame around them.
PLAIN_PAGES = (
    "luotsi/web/templates/base.html",
    "luotsi/web/templates/web/home.html",
    "luotsi/areas/templates/areas/find.html",
    "luotsi/areas/templates/areas/_officers.html",
    "luotsi/areas/templates/areas/_suggestions.html",
    "luotsi/events/templates/events/event_list.html",
    "luotsi/events/templates/events/event_detail.html",
    "luotsi/events/templates/events/_event_facts.html",
    "luotsi/concerns/templates/concerns/message_form.html",
    "luotsi/concerns/templates/concerns/message_status.html",
    "luotsi/materials/templates/materials/_event_materials.html",
    "luotsi/materials/templates/materials/public_item.html",
)
SOURCES = ("luotsi", "config")


def key(entry: polib.POEntry | polib.MOEntry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def extracted_catalogues() -> dict[str, polib.POFile]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    work = Path(tempfile.mkdtemp(prefix="luotsi-messages-"))
    try:
        for name in SOURCES:
            shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("__pycache__"))
        (work / "locale").mkdir()
        settings.LOCALE_PATHS = [str(work / "locale")]
        previous = Path.cwd()
        os.chdir(work)
        try:
            call_command("makemessages", locale=list(LANGUAGES), no_obsolete=True, verbosity=0)
        finally:
            os.chdir(previous)
        return {
            lang: polib.pofile(str(work / "locale" / lang / "LC_MESSAGES" / "django.po"))
            for lang in LANGUAGES
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    problems: list[str] = []
    extracted = extracted_catalogues()
    for lang in LANGUAGES:
        po_path = ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"
        mo_path = po_path.with_suffix(".mo")
        if not po_path.exists():
            problems.append(f"{po_path} is missing: run `make messages`")
            continue
        committed = polib.pofile(str(po_path))
        have = {key(e) for e in committed if not e.obsolete}
        want = {key(e) for e in extracted[lang]}
        problems += [
            f"{lang}: not in django.po (run `make messages`): {k[1]!r}" for k in sorted(want - have)
        ]
        problems += [
            f"{lang}: no longer in the code (run `make messages`): {k[1]!r}"
            for k in sorted(have - want)
        ]
        problems += [
            f"{lang}: untranslated: {e.msgid!r}"
            for e in committed.untranslated_entries()
            if lang in COMPLETE or any(path in PLAIN_PAGES for path, _line in e.occurrences)
        ]
        problems += [f"{lang}: fuzzy: {e.msgid!r}" for e in committed.fuzzy_entries() if e.msgid]
        check = subprocess.run(
            ["msgfmt", "--check", "-o", os.devnull, str(po_path)], capture_output=True, text=True
        )
        if check.returncode != 0:
            problems.append(f"{lang}: msgfmt --check failed:\n{check.stderr}")
        if not mo_path.exists():
            problems.append(f"{mo_path} is missing: run `make messages`")
        else:
            compiled = {
                key(e): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
                for e in polib.mofile(str(mo_path))
                if e.msgid
            }
            source = {
                key(e): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
                for e in committed.translated_entries()
            }
            if compiled != source:
                problems.append(f"{lang}: django.mo is older than django.po: run `make messages`")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"check-messages: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(
        f"check-messages: {', '.join(COMPLETE)} complete, plain Finnish covers the public "
        f"pages, all compiled ({len(want)} strings)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
