import re
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "fr" / "LC_MESSAGES"


def test_the_french_catalogue_is_complete():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def test_the_compiled_catalogue_matches_its_source():
    """The .mo file the app loads must be compiled from the current .po (run `make messages`)."""
    po = {_text(e) for e in polib.pofile(str(CATALOGUE / "django.po"))}
    mo = {_text(e) for e in polib.mofile(str(CATALOGUE / "django.mo")) if e.msgid}
    assert mo == po


def _text(entry):
    plural = tuple(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural))
    return entry.msgid, entry.msgstr, plural


def test_placeholders_are_kept_in_translations():
    for entry in polib.pofile(str(CATALOGUE / "django.po")):
        translations = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for placeholder in re.findall(r"\{\w+\}|%\(\w+\)s", entry.msgid + entry.msgid_plural):
            assert all(placeholder in text for text in translations), entry.msgid
