"""Train and run the linear-chain CRF (python-crfsuite) that labels reference tokens."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from solicite.parse.features import FeatureCache
from solicite.parse.tokens import tokenize

MODEL_FILE = "tagger.crfsuite"

# L-BFGS with elastic-net regularisation: c1 keeps the model small (sparse weights), c2
# smooths; values chosen on a held-out AnyStyle set (see bench/parse_accuracy.py).
TRAIN_PARAMS = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 150,
    "feature.possible_transitions": True,
}


def train(samples: Iterable[tuple[list[str], list[str]]], path: Path, params: dict | None = None) -> None:
    """Train a CRF on (words, labels) pairs and write it to ``path``."""
    import pycrfsuite

    cache = FeatureCache()
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, labels in samples:
        if words:
            trainer.append(cache.sequence(words), labels)
    trainer.set_params({**TRAIN_PARAMS, **(params or {})})
    trainer.train(str(path))


class Tagger:
    """A loaded CRF model with its feature cache; label many token lists quickly."""

    def __init__(self, model_path: str | Path) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        self._cache = FeatureCache()
        self._lock = threading.Lock()  # crfsuite taggers are not thread-safe

    def tag(self, words: list[str]) -> list[str]:
        """Label each word with a field name ("author", "title", ...)."""
        if not words:
            return []
        feats = self._cache.sequence(words)
        with self._lock:
            return list(self._tagger.tag(feats))

    def tag_marginals(self, words: list[str]) -> tuple[list[str], list[float]]:
        """Labels of the words and, for each, the model's probability of that label there (its marginal)."""
        if not words:
            return [], []
        feats = self._cache.sequence(words)
        with self._lock:  # marginals read the sequence the last tag() call set
            labels = list(self._tagger.tag(feats))
            return labels, [self._tagger.marginal(label, i) for i, label in enumerate(labels)]

    def tag_text(self, text: str) -> tuple[list[str], list[str]]:
        """Tokenise ``text`` and label its tokens."""
        words = tokenize(text)
        return words, self.tag(words)


_DEFAULT: Tagger | None = None


def default_tagger() -> Tagger | None:
    """The shipped model, loaded once; ``None`` when the package carries no model."""
    global _DEFAULT
    if _DEFAULT is None:
        ref = resources.files("solicite.parse") / "model" / MODEL_FILE
        with resources.as_file(ref) as path:
            if not Path(path).is_file():
                return None
            _DEFAULT = Tagger(path)
    return _DEFAULT
