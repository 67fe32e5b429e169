"""The fast scoring gives what scikit-learn gives, on the classifiers' own kinds of pipelines."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import make_pipeline, make_union
from sklearn.svm import LinearSVC

from bot.tfidf import Features, transposed

TEXTS = [
    "wanneer is mijn examen",
    "when is my exam",
    "sinavim ne zaman",
    "متى الامتحان",
    "hoeveel kost de cursus",
    "how much does the course cost",
    "kurs ne kadar",
    "كم سعر الدورة",
]
LABELS = ["exam", "exam", "exam", "exam", "cost", "cost", "cost", "cost"]
NEW = ["wanneer kost het examen", "unseen wörds ፈተና", ""]


def test_a_union_of_word_and_character_ngrams_scores_like_scikit_learn() -> None:
    words = TfidfVectorizer(sublinear_tf=True, token_pattern=r"(?u)\b\w+\b", ngram_range=(1, 2))
    chars = TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(1, 5))
    labels = [*LABELS[:4], "emergency", *LABELS[5:]]  # three classes: one weight row each
    pipeline = make_pipeline(make_union(words, chars), LinearSVC(random_state=0))
    pipeline.fit(TEXTS, labels)
    svm = pipeline.steps[-1][1]
    fast = Features(pipeline.steps[0][1]).transform(NEW) @ transposed(svm.coef_) + svm.intercept_
    assert np.allclose(fast, pipeline.decision_function(NEW))


def test_one_vectorizer_with_a_minimum_frequency_transforms_like_scikit_learn() -> None:
    vectorizer = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True, min_df=2
    )
    pipeline = make_pipeline(vectorizer, MultinomialNB(alpha=0.05)).fit(TEXTS, LABELS)
    fast = Features(pipeline.steps[0][1]).transform(NEW).toarray()
    assert np.allclose(fast, vectorizer.transform(NEW).toarray())
