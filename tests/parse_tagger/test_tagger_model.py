"""The shipped model: files present with the licence, dictionary bits, features, tokens."""

from importlib import resources

from solicite.parse import features
from solicite.parse.crf import default_tagger
from solicite.parse.tokens import labelled_tokens, tokenize


def test_model_files_and_licence_ship_in_the_package():
    model = resources.files("solicite.parse") / "model"
    assert (model / "tagger.crfsuite").is_file()
    assert (model / "dictionary.txt.gz").is_file()
    assert "AnyStyle" in (model / "LICENSE").read_text(encoding="utf-8")


def test_dictionary_marks_names_and_places():
    table = features.dictionary()
    assert table["smith"] & features.SURNAME
    assert table["harald"] & features.FIRST
    assert table["toronto"] & features.PLACE


def test_word_features_describe_shape_and_kind():
    feats = features.word_features("(2016).", features.dictionary())
    assert "year" in feats and "open=(" in feats
    assert "initial" in features.word_features("H.", {})
    assert "range" in features.word_features("252-271.", {})
    assert features.shape("Bauder,") == "Xx,"


def test_tagger_labels_a_plain_apa_reference():
    words = tokenize("Bauder, H. (2016). Possibilities of urban belonging. Antipode, 48(2), 252-271.")
    labels = default_tagger().tag(words)
    assert labels[:2] == ["author", "author"]
    assert labels[2] == "date"
    assert labels[-1] == "pages"


def test_tokenize_unsticks_glued_quotes():
    assert tokenize("(25 October 2017).‘Sanctuary city’") == ["(25", "October", "2017).", "‘Sanctuary", "city’"]


def test_labelled_tokens_folds_rare_labels():
    words, labels = labelled_tokens([["director", "A. Film"], ["title", "Movie."]])
    assert words == ["A.", "Film", "Movie."]
    assert labels == ["author", "author", "title"]


def test_tokenize_unsticks_glued_name_lists():
    assert tokenize("Dence, M.R. and Cohen,A.J., Evidence") == ["Dence,", "M.R.", "and", "Cohen,", "A.J.,", "Evidence"]
    assert tokenize("1,234 pages") == ["1,234", "pages"]
