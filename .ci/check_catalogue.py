"""Fail when a catalogue has an untranslated or fuzzy entry (run after makemessages)."""

import sys

import polib

problems = []
for path in sys.argv[1:]:
    catalogue = polib.pofile(path)
    problems += [f"{path}: untranslated: {entry.msgid!r}" for entry in catalogue.untranslated_entries()]
    problems += [f"{path}: fuzzy: {entry.msgid!r}" for entry in catalogue.fuzzy_entries()]
print("\n".join(problems) or f"{len(sys.argv) - 1} catalogue(s) complete.")
sys.exit(1 if problems else 0)
