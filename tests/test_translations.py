from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "fr" / "LC_MESSAGES"


def test_the_french_catalogue_is_complete():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def test_the_compiled_catalogue_matches_its_source():
    """The .mo file the app loads must be compiled from the current .po (run `make messages`)."""
    po = {e.msgid: e.msgstr for e in polib.pofile(str(CATALOGUE / "django.po")) if e.msgstr}
    mo = {e.msgid: e.msgstr for e in polib.mofile(str(CATALOGUE / "django.mo")) if e.msgid}
    assert mo == po


def test_placeholders_are_kept_in_translations():
    for entry in polib.pofile(str(CATALOGUE / "django.po")):
        for placeholder in ("{key}", "{code}", "{count}", "%(role)s", "%(name)s"):
            assert (placeholder in entry.msgid) == (placeholder in entry.msgstr), entry.msgid
