import gettext
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES" / "django.po"
SOURCE_DIRS = ["sentra_portal", "registry", "licensing", "guidance", "templates"]


def _untranslated(po_text: str) -> list[str]:
    """msgids whose Indonesian text is empty or marked fuzzy."""
    missing = []
    for block in po_text.split("\n\n")[1:]:  # the first block is the header
        if block.lstrip().startswith("#~"):
            continue  # obsolete
        msgid = "".join(re.findall(r'^(?:msgid )?"(.*)"$', block.split("msgstr")[0], re.M))
        translations = re.findall(r'^msgstr(?:\[\d\])? "(.*)"\n?((?:".*"\n?)*)', block, re.M)
        if "#, fuzzy" in block or not any(first or rest for first, rest in translations):
            missing.append(msgid)
    return missing


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_every_interface_string_has_its_indonesian_translation(tmp_path, settings, monkeypatch):
    """Extract the strings of the code as it is now; each must be translated.

    makemessages writes into every locale folder it finds, so it runs in a scratch folder
    that links to the code and holds a copy of the catalogue.
    """
    base = Path(settings.BASE_DIR)
    for name in SOURCE_DIRS:
        (tmp_path / name).symlink_to(base / name)
    catalogue = tmp_path / "locale" / "id" / "LC_MESSAGES" / "django.po"
    catalogue.parent.mkdir(parents=True)
    shutil.copy(CATALOGUE, catalogue)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["id"], symlinks=True, no_location=True, verbosity=0)
    assert _untranslated(catalogue.read_text()) == []


def test_the_compiled_catalogue_matches_its_source():
    with open(CATALOGUE.with_suffix(".mo"), "rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
    compiled_ids = {key[0] if isinstance(key, tuple) else key for key in catalog} - {""}
    source_ids = set(re.findall(r'^msgid "(.+)"$', CATALOGUE.read_text(), re.M))
    assert source_ids <= compiled_ids, "run `make messages` to compile locale/"
