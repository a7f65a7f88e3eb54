"""Field confidences from the CRF's marginals, `parse --format json` and `parse --review`."""

from __future__ import annotations

import json

from click.testing import CliRunner

from solicite.cli.main import cli
from solicite.parse.confidence import field_confidence, lowest, to_review
from solicite.parse.crf import default_tagger
from solicite.parse.tokens import tokenize

CLEAN = "Bauder, H. (2016). Possibilities of urban belonging. Antipode, 48(2), 252-271."
# A physics reference the tagger reads badly ("Nucl." as an author): the kind --review is for.
DOUBTFUL = "P. Ginsparg, Nucl. Phys. B 295, 153 (1988)."


def test_a_field_is_as_sure_as_its_least_sure_token():
    labels, marginals = default_tagger().tag_marginals(tokenize(DOUBTFUL))
    conf = field_confidence(DOUBTFUL)
    assert set(conf) == set(labels)
    for label in conf:
        assert conf[label] == round(min(p for lb, p in zip(labels, marginals) if lb == label), 3)
    assert all(0.0 <= p <= 1.0 for p in marginals)


def test_the_badly_read_reference_is_less_sure_than_the_clean_one():
    assert lowest(field_confidence(DOUBTFUL))[1] < lowest(field_confidence(CLEAN))[1]


def test_to_review_lists_only_tagged_references_below_the_threshold():
    confs = [{"author": 0.5, "title": 0.99}, None, {"title": 0.95}, {}]
    assert to_review(confs, 0.9) == [0]
    assert to_review(confs, 0.96) == [0, 2]
    assert to_review(confs, 0.0) == []
    assert lowest({"title": 0.7, "author": 0.7}) == ("author", 0.7)  # ties: by name, so the order is stable


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_json_output_has_a_confidence_per_tagged_reference():
    result = run("parse", "-f", "json", "--one-per-line", "-", input=f"{CLEAN}\nLawyers Without Borders\n")
    assert result.exit_code == 0, result.output
    refs = json.loads(result.stdout)["references"]
    assert set(refs[0]["confidence"]) >= {"author", "date", "title", "journal", "volume", "pages"}
    assert refs[1]["confidence"] is None  # a bare name is built by rules, not by the tagger


def test_review_lists_the_doubtful_reference_with_its_line_and_field():
    text = f"{CLEAN}\n{DOUBTFUL}\n"
    worst = lowest(field_confidence(DOUBTFUL))
    threshold = (worst[1] + lowest(field_confidence(CLEAN))[1]) / 2  # between the two references
    result = run("parse", "--review", "--threshold", str(threshold), "--one-per-line", "-", input=text)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"-:2: {worst[0]} {worst[1]:.2f}: {DOUBTFUL}\n"
    data = json.loads(run("--json", "parse", "--review", "--threshold", str(threshold), "--one-per-line", "-",
                          input=text).stdout)
    assert [(r["line"], r["field"]) for r in data["review"]] == [(2, worst[0])]
    assert run("parse", "--review", "--threshold", "0", "--one-per-line", "-", input=text).stdout == ""


def test_threshold_needs_review_and_stays_in_range():
    assert run("parse", "--threshold", "0.5", "-", input=CLEAN).exit_code == 2
    assert run("parse", "--review", "--threshold", "1.5", "-", input=CLEAN).exit_code == 2
    assert run("parse", "--review", "--add", "-", input=CLEAN).exit_code == 2
