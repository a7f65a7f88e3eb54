"""Names, text helpers, keys, config, registries and the core/CLI boundary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from solicite.config import load_settings
from solicite.errors import UnknownNameError
from solicite.keys import format_key, generate_key
from solicite.dates import month_number
from solicite.model import Person, Reference, parse_names, split_names
from solicite.codec import to_unicode
from solicite.text import braces_balanced, fold

SRC = Path(__file__).resolve().parents[2] / "src" / "solicite"

# (name, expected) pairs checked by hand against BibTeX's name rules (and pybtex's Person).
NAMES = [
    ("Harald Bauder", Person(family="Bauder", given="Harald")),
    ("Bauder, H.", Person(family="Bauder", given="H.")),
    ("van der Walt, Stéfan", Person(family="Walt", given="Stéfan", particle="van der")),
    ("Stéfan van der Walt", Person(family="Walt", given="Stéfan", particle="van der")),
    ("Knuth, Jr., Donald E.", Person(family="Knuth", given="Donald E.", suffix="Jr.")),
    ("Ludwig van Beethoven", Person(family="Beethoven", given="Ludwig", particle="van")),
    ("de la Fontaine, Jean", Person(family="Fontaine", given="Jean", particle="de la")),
    ("Jean de La Fontaine", Person(family="La Fontaine", given="Jean", particle="de")),
    ("{UNHCR}", Person(literal="UNHCR")),
    ("{World Economic Forum}", Person(literal="World Economic Forum")),
    ("Aristotle", Person(family="Aristotle")),
    ("O’Brien, B. G.", Person(family="O’Brien", given="B. G.")),
    ("El-Khatib, S. O.", Person(family="El-Khatib", given="S. O.")),
]


@pytest.mark.parametrize("name, expected", NAMES)
def test_person_from_bibtex(name: str, expected: Person) -> None:
    assert Person.from_bibtex(name) == expected


# Literal names ({UNHCR}) are ours: pybtex has no such notion, so they are not compared.
@pytest.mark.parametrize("name", [n for n, p in NAMES if not p.literal] + ["Gonz{\\'a}lez, Mar{\\'\\i}a", "{\\'E}mile Zola"])
def test_fast_name_path_agrees_with_pybtex(name: str) -> None:
    from pybtex.database import Person as PybtexPerson

    p = PybtexPerson(name)
    ours = Person.from_bibtex(name)
    assert (ours.family, ours.given, ours.particle, ours.suffix) == (
        " ".join(p.last_names), " ".join(p.first_names + p.middle_names), " ".join(p.prelast_names), " ".join(p.lineage_names))


def test_split_names_respects_braces() -> None:
    assert split_names("{Barnes and Noble} and Smith, J.") == ["{Barnes and Noble}", "Smith, J."]
    assert split_names("A. Alpha AND B. Beta") == ["A. Alpha", "B. Beta"]
    assert [p.to_bibtex() for p in parse_names("Harald Bauder and {UNHCR}")] == ["Bauder, Harald", "{UNHCR}"]
    assert Person.from_bibtex("Knuth, Jr., Donald E.").to_bibtex() == "Knuth, Jr., Donald E."


def test_text_helpers() -> None:
    assert to_unicode("Gonz{\\'a}lez {DNA} \\\"{u}ber") == "González DNA über"
    assert to_unicode("Plain  text\nwrapped") == "Plain text wrapped"
    assert fold("Gonzàlez ÉMILE") == "gonzalez emile"
    assert braces_balanced("{a} \\{ b \\}") and not braces_balanced("{a") and not braces_balanced("a \\{ b")
    assert braces_balanced("\\\\{x}") and not braces_balanced("}{")
    assert [month_number(m) for m in ("mar", "March", "3", "Sept.", "13", "spring")] == [3, 3, 3, 9, None, None]


def test_keys_follow_the_pattern() -> None:
    ref = Reference("article", "", {"title": "Sanctuary cities: Policies and practices", "year": "2017"},
                    {"author": [Person(family="Bauder", given="H.")]})
    assert format_key(ref) == "bauder2017sanctuary"
    assert format_key(ref, "{authors}-{shorttitle}") == "bauder-sanctuarycitiespolicies"
    assert generate_key(ref, {"bauder2017sanctuary", "bauder2017sanctuarya"}) == "bauder2017sanctuaryb"
    corp = Reference("misc", "", {"title": "Cities of Solidarity in the Americas"}, {"author": [Person(literal="UNHCR")]})
    assert format_key(corp) == "unhcrcities"
    org = Reference("online", "", {"title": "Lawyers Without Borders"})
    assert format_key(org) == "lawyersborders"
    dated = Reference("online", "", {"title": "What are Sanctuary Cities and Why do they Exist?", "year": "2012"})
    assert format_key(dated) == "sanctuarycitiesexist2012"
    byline = Reference("online", "", {"title": "What are sanctuary cities?", "year": "2016"}, {"author": [Person(literal="H.B.C.")]})
    assert format_key(byline) == "hbc2016sanctuary"
    accents = Reference("misc", "", {"title": "Über die Grenzen", "year": "1999"}, {"author": [Person(family="M{\\\"u}ller")]})
    assert format_key(accents) == "muller1999uber"


def test_config_precedence(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    (project / "sub").mkdir(parents=True)
    (project / "pyproject.toml").write_text('[tool.solicite]\nlibrary = "refs.bib"\n[tool.solicite.check]\ntimeout = 3\n')
    user = tmp_path / "user.toml"
    user.write_text('[check]\ntimeout = 9\nretries = 1\n')
    settings = load_settings(cwd=project / "sub", env={"SOLICITE_CONFIG": str(user)})
    assert settings.library == (project / "refs.bib").resolve()
    assert settings.section("check") == {"timeout": 3, "retries": 1}
    env_wins = load_settings(cwd=project / "sub", env={"SOLICITE_CONFIG": str(user), "SOLICITE_LIBRARY": "x.bib"})
    assert env_wins.library == Path("x.bib")


def test_config_errors_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "solicite.toml").write_text("library = \n")
    from solicite.errors import ConfigError

    with pytest.raises(ConfigError) as info:
        load_settings(cwd=tmp_path, env={"SOLICITE_CONFIG": str(tmp_path / "none")})
    assert str(tmp_path / "solicite.toml") in str(info.value)


def test_default_library_is_data_references_bib(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "references.bib").write_text("")
    settings = load_settings(cwd=tmp_path, env={"SOLICITE_CONFIG": str(tmp_path / "none")})
    assert settings.library == tmp_path / "data" / "references.bib"


def test_unknown_registered_name_lists_the_known_ones() -> None:
    from solicite import registry

    with pytest.raises(UnknownNameError) as info:
        registry.load("style", "no-such-style")
    assert "apa" in str(info.value) and "vancouver" in str(info.value)


def test_core_never_imports_click_or_rich() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        if "cli" in path.relative_to(SRC).parts:
            continue
        text = path.read_text()
        if re.search(r"^\s*(import|from)\s+(click|rich)\b", text, re.MULTILINE):
            offenders.append(str(path.relative_to(SRC)))
    assert offenders == []


def test_help_starts_without_importing_heavy_modules() -> None:
    import subprocess
    import sys

    code = ("import sys; from solicite.cli.main import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pybtex', 'rich', 'requests', 'solicite.bibfile') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
