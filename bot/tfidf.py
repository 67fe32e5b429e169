"""Scoring with fitted scikit-learn TF-IDF models, without scikit-learn's per-call checks.

Both classifiers run on every message (the intent classifier once per question in it). For one
short text, scikit-learn spends more time validating than computing: `TfidfTransformer.transform`
rebuilds the idf vector from its diagonal matrix to check that it is fitted, validates its input
again, and a linear model multiplies by its transposed (Fortran-ordered) weights, which scipy
copies every time. These functions do the same arithmetic with what was fitted, kept once.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import normalize


class Tfidf:
    """A fitted TfidfVectorizer's transform, with its idf vector kept."""

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        self.vectorizer = vectorizer

    @cached_property
    def _idf(self) -> np.ndarray | None:
        return np.asarray(self.vectorizer.idf_) if self.vectorizer.use_idf else None

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        counts = CountVectorizer.transform(self.vectorizer, texts)
        features = sp.csr_matrix(counts, dtype=np.float64)
        if self.vectorizer.sublinear_tf:
            np.log(features.data, features.data)
            features.data += 1
        if self._idf is not None:
            features.data *= self._idf[features.indices]
        if self.vectorizer.norm:
            features = normalize(features, norm=self.vectorizer.norm, copy=False)
        return features


class Features:
    """The transform of a TfidfVectorizer, or of a FeatureUnion of them (side by side)."""

    def __init__(self, fitted: TfidfVectorizer | FeatureUnion) -> None:
        union = isinstance(fitted, FeatureUnion)
        parts = [t for _, t in fitted.transformer_list] if union else [fitted]
        self.parts = [Tfidf(part) for part in parts]

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        if len(self.parts) == 1:
            return self.parts[0].transform(texts)
        return sp.hstack([part.transform(texts) for part in self.parts], format="csr")


def transposed(weights: np.ndarray) -> np.ndarray:
    """(classes × features) weights as a C-ordered (features × classes) array, made once."""
    return np.ascontiguousarray(np.asarray(weights).T)
