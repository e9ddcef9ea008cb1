"""Training the stacked line classifier from the labelled corpus (needs scikit-learn).

Reproducible: a fixed seed, pages in corpus order, folds by site; the same
corpus gives the same weights. Lines a hard rule decides are left out of the
fit (the model never decides them) but stay in every line's context.

Each train page is used five times: as scraped, with its chrome removed
(:func:`content_only`), without blank lines (:func:`without_blanks`),
hard-wrapped (:func:`wrapped`) and spelled in letters no stoplist, lexicon or
rule knows (:func:`unknown_language`), the copies at lower weight. A rendering
that is itself a variant (a line per text node, a grid) is used once, at lower
weight, and has no say in the threshold. The lexicon of
word evidence (:mod:`cleaner.features.lexicon`) is learned from the scraped
pages; in training, each page's features take it from the other folds' sites,
so the model learns how far word evidence holds on a site it has not seen; the
shipped model holds the lexicon of the whole train split. Stage one (logistic)
is fit on the train split. Stage two (gradient-boosted trees, or logistic) is
fit on stage one's *out-of-fold* probabilities (five folds by site), so it
learns how far to trust stage one on pages stage one has not seen, as it will
be used. The model's fixed threshold is the one whose out-of-fold stage-two
predictions give the best page-averaged token F1 on the train split (averaged
with the thresholds beside it, as the curve is flat at its top); by default
each page gets its own (:func:`cleaner.decide.page_threshold`), and the
training log reports the out-of-fold F1 of both. The validation split is never
used to choose anything. Where the corpus names
kinds of chrome per line (L3S-GN1's comments and related links), a multinomial
head learns to name them. Where it names reader comments (L3S-GN1's, which its
gold leaves out, and Dragnet's, which its gold keeps), a comments head learns
to tell them from the article: fit like stage two, on stage two's input and
out-of-fold probabilities; used on the lines below a thread's header.
"""

from __future__ import annotations

import hashlib
import re
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from cleaner.bench.page import Page
from cleaner.features.lexicon import MIN_SITES, Lexicon, learn_lexicon
from cleaner.features.matrix import FEATURE_NAMES, line_features
from cleaner.lines import Document, normalise
from cleaner.labels import Label
from cleaner.model.linear import LinearStage, SoftmaxStage
from cleaner.model.stacked import StackedModel, below_comments_header, comments_input, stage2_input
from cleaner.model.trees import TreeEnsemble
from cleaner.rules.engine import RuleHits, RuleSet

SEED = 13
#: Weight of a content-only copy relative to its scraped page: enough to teach
#: that clean text is content, little enough not to loosen precision on pages.
CONTENT_ONLY_WEIGHT = 0.25
#: Weight of a copy without blank lines: scrapers differ on blank lines between
#: paragraphs, and a model that only saw them leans on them.
NO_BLANKS_WEIGHT = 0.5
#: Weight of a copy whose paragraphs are broken into lines of a fixed width, as
#: text dumps (lynx, w3m, some crawlers) give them; the width is drawn per page
#: from this range, so that no one width is learned.
WRAPPED_WEIGHT = 0.5
WRAP_WIDTHS = (60, 100)
#: Weight of a copy spelled in another alphabet: on pages in a language the
#: stoplists and the lexicon do not know, the model has only the lines' shapes.
UNKNOWN_LANGUAGE_WEIGHT = 0.5
#: Renderings that are themselves a variant of a page, and their weight: a line per
#: text node (``BeautifulSoup.get_text("\\n")``) breaks every paragraph at its links
#: and has no blank lines; a grid (inscriptis, as lynx and w3m) puts a layout
#: table's cells side by side on one line. They get no copies of their own, which
#: would imitate what the other renderings' copies already do, and no say in the
#: default threshold.
VARIANT_RENDERERS = {"text-nodes": 0.5, "inscriptis": 0.5}
FOLDS = 5
#: Inverse regularisation of both stages, and the cap on a line's weight in the
#: fit: lines count by their words (the metric counts tokens) up to this many.
C = 1.0
MAX_LINE_WEIGHT = 60.0
MAX_ITER = 2000
#: Stage-two trees (scikit-learn's histogram gradient boosting): their number,
#: depth and leaves bound both what they can learn and the runtime per page.
#: On train-split out-of-fold predictions (one rendering, no wrapped copies),
#: 100 trees at rate 0.2 scored token F1 0.904 against 0.906 for 200 at 0.1 (130
#: at 0.15: 0.904; 200 of depth 6: 0.904), and walking them costs half: the
#: speed budget is the binding constraint.
TREES = 100
TREE_DEPTH = 8
TREE_LEAVES = 63
LEARNING_RATE = 0.2
#: Line weights run to MAX_LINE_WEIGHT, so a handful of long lines the gold calls
#: chrome but stage one is sure of (label noise) gave a leaf a log-odds of -8 to -20
#: with the penalty at 1: one tree could drop a whole paragraph of plain prose. At
#: 100 no leaf of the shipped default passes 2.1 in absolute value; out of fold (one
#: rendering, thresholds 0.4-0.5, the best) token F1 0.9076 against 0.9080 at 1 (0.9073 at 30).
L2_REGULARIZATION = 100.0
#: Lines the first trees score below this probability or above one minus it
#: skip the other trees at run time (:class:`cleaner.model.trees.TreeEnsemble`):
#: far from any threshold a user would pick, and about two lines in three of a news page.
EXIT_AFTER_TREES = 25
EXIT_PROBABILITY = 0.02
#: Kinds of chrome the multinomial head names, where the corpus labels them;
#: every other dropped line of such pages is ``other``.
KINDS = (Label.COMMENTS.value, Label.RELATED.value)
COMMENTS = Label.COMMENTS.value


@dataclass
class PageMatrix:
    """One page's training rows: features, truth and weights of its non-blank lines."""

    site: str
    X: np.ndarray
    y: np.ndarray
    weight: np.ndarray
    hard: np.ndarray
    log_words: np.ndarray
    labels: np.ndarray


CONTENT_ONLY = "#content-only"
NO_BLANKS = "#no-blanks"
WRAPPED = "#wrapped"
UNKNOWN_LANGUAGE = "#unknown-language"
_VARIANT_WEIGHTS = {CONTENT_ONLY[1:]: CONTENT_ONLY_WEIGHT, NO_BLANKS[1:]: NO_BLANKS_WEIGHT,
                    WRAPPED[1:]: WRAPPED_WEIGHT, UNKNOWN_LANGUAGE[1:]: UNKNOWN_LANGUAGE_WEIGHT}
#: One unknown-language copy in this many is in an alphabet without spaces.
SPACELESS_SHARE = 3
# Appended to the page id for that draw, so that it falls apart from the others.
_SPACELESS_KEY = "#spaceless"
# Latin letters to Thai consonants, both cases to one.
_THAI = str.maketrans("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                      "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝ" * 2)
_WORD_GAP = re.compile(r"(?<=[A-Za-z]) +(?=[A-Za-z])")
_FULL_STOP = re.compile(r"(?<=[A-Za-z])\.(?=\s|$)")
# Latin letters to Armenian ones, case for case: a script with capitals, like
# Latin, that no stoplist, lexicon or rule pack holds a word of.
_ARMENIAN = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "".join(map(chr, range(0x561, 0x561 + 26))) + "".join(map(chr, range(0x531, 0x531 + 26))))


def content_only(page: Page) -> Page:
    """The page with its chrome removed: already-clean text, all of it content.

    Pipelines also feed text that is clean already; without such pages the
    model learns that a page's last lines are footers and drops the last
    paragraph of a short clean text.
    """
    lines: list[str] = []
    for line, keep in zip(page.lines, page.content):
        if keep:
            lines.append(line)
        elif not normalise(line) and lines and lines[-1]:
            lines.append(line)
    lines = lines[:-1] if lines and not normalise(lines[-1]) else lines
    content = [bool(normalise(line)) for line in lines]
    return replace(page, page_id=page.page_id + CONTENT_ONLY, lines=lines,
                   labels=["body" if c else "blank" for c in content], content=content)


def without_blanks(page: Page) -> Page:
    """The page as a scraper that writes no blank lines between paragraphs sees it."""
    keep = [i for i, line in enumerate(page.lines) if normalise(line)]
    return replace(page, page_id=page.page_id + NO_BLANKS, lines=[page.lines[i] for i in keep],
                   labels=[page.labels[i] for i in keep], content=[page.content[i] for i in keep])


def page_document(page: Page) -> Document:
    """The page's lines as a Document, one line per corpus line (no re-splitting)."""
    return Document(tuple(page.lines), tuple(normalise(line) for line in page.lines))


def wrapped(page: Page) -> Page:
    """The page with every line broken into lines of at most a width, each with its line's label."""
    low, high = WRAP_WIDTHS
    width = low + _draw(page.page_id, high - low + 1)
    lines: list[str] = []
    labels: list[str] = []
    content: list[bool] = []
    for line, label, keep in zip(page.lines, page.labels, page.content):
        parts = textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [line]
        lines += parts
        labels += [label] * len(parts)
        content += [keep] * len(parts)
    return replace(page, page_id=page.page_id + WRAPPED, lines=lines, labels=labels, content=content)


def unknown_language(page: Page, keep: Sequence[bool] = (), spaceless: bool = False) -> Page:
    """The page with its Latin letters spelled in another alphabet, one for one,
    but for the lines ``keep`` marks; ``spaceless``: in an alphabet written
    without spaces between words (:func:`spell_spaceless`).

    Every word becomes one that the stoplists, the lexicon and the phrase rules
    do not know, while the lines keep their shapes: lengths, capitals, digits,
    punctuation, blank lines. That is what a page in a language without a
    stoplist looks like to the model. Trained without such copies, it had
    never seen a page without word evidence or rule hits, and on one it
    dropped prose or kept chrome (the validation pages so spelled scored F1
    0.861, against 0.921 in English; with the copies 0.899). The gold is
    spelled whole: the lines kept are meant to be chrome a rule names, which
    golds leave out.
    """
    spell = spell_spaceless if spaceless else _spell_armenian
    keep = list(keep) or [False] * len(page.lines)
    return replace(page, page_id=page.page_id + UNKNOWN_LANGUAGE,
                   lines=[line if kept else spell(line) for line, kept in zip(page.lines, keep)],
                   gold=spell(page.gold))


def spell_spaceless(line: str) -> str:
    """``line`` as Thai, Lao, Khmer or Burmese would write it: Latin letters as Thai
    ones (which have no case), no space between two words, and no full stop after
    a word (Thai and Lao end a sentence with a space).

    >>> spell_spaceless("The bridge will close. Repairs start in June 2025.")
    'ทซจขตฌงชจบฌฏฏคฏฒถจ ตจณกฌตถถทกตทฌฑญธฑจ 2025.'
    """
    return _FULL_STOP.sub("", _WORD_GAP.sub("", line)).translate(_THAI)


def _spell_armenian(line: str) -> str:
    return line.translate(_ARMENIAN)


def _unknown_language_copy(page: Page, hits: RuleHits) -> Page:
    """The page's unknown-language copy: every line spelled anew, or, for half the
    pages (drawn), every line but those a rule fires on (``hits``: the rules'
    hits on the page). A third of the copies (drawn apart) are in the spaceless
    alphabet.

    Pages in other languages keep English and brand names in their chrome
    ("Facebook", "Twitter", "E-mail"), where the rules still fire. Copies
    spelled whole taught the default nothing about such a mix: on the
    probe's Persian page, prose under an English menu and above English share
    links, it dropped the last paragraph. Without spaceless copies the trees
    had never seen a line with no word token, and kept or dropped Thai prose
    by chance from one training to the next.
    """
    spaceless = _draw(page.page_id + _SPACELESS_KEY, SPACELESS_SHARE) == 0
    if not _draw(page.page_id, 2):
        return unknown_language(page, spaceless=spaceless)
    return unknown_language(page, [bool(fired) for fired in hits.fired], spaceless)


def page_matrix(page: Page, ruleset: RuleSet, weight: float = 1.0,
                lexicon: Lexicon | None = None) -> PageMatrix:
    doc = page_document(page)
    hits = ruleset.apply(doc)
    rows, X = line_features(doc, hits, lexicon)
    log_words = X[:, FEATURE_NAMES.index("log_words")] if len(rows) else np.zeros(0)
    hard = X[:, FEATURE_NAMES.index("hard")] if len(rows) else np.zeros(0)
    y = np.asarray([page.content[i] for i in rows], dtype=float)
    line_weight = (np.minimum(np.expm1(log_words), MAX_LINE_WEIGHT) + 1.0) * weight
    labels = np.asarray([page.labels[i] for i in rows], dtype=object)
    return PageMatrix(page.site, X, y, line_weight, hard, log_words, labels)


def _standardise(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    return X.mean(axis=0), scale


def _fit_logistic(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> LinearStage:
    from sklearn.linear_model import LogisticRegression

    mean, scale = _standardise(X)
    clf = LogisticRegression(C=C, max_iter=MAX_ITER, random_state=SEED)
    clf.fit((X - mean) / scale, y, sample_weight=w)
    return LinearStage(mean, scale, clf.coef_[0].copy(), float(clf.intercept_[0]))


def _fit_trees(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> TreeEnsemble:
    from sklearn.ensemble import HistGradientBoostingClassifier

    clf = HistGradientBoostingClassifier(
        max_iter=TREES, max_depth=TREE_DEPTH, max_leaf_nodes=TREE_LEAVES, learning_rate=LEARNING_RATE,
        l2_regularization=L2_REGULARIZATION, early_stopping=False, random_state=SEED)
    trees = trees_from_sklearn(clf.fit(X, y, sample_weight=w))
    return replace(trees, exit_after=EXIT_AFTER_TREES,
                   exit_beyond=float(np.log((1 - EXIT_PROBABILITY) / EXIT_PROBABILITY)))


def trees_from_sklearn(clf: Any) -> TreeEnsemble:
    """The node table of a fitted binary ``HistGradientBoostingClassifier``.

    Leaves point to themselves, and node indices are offset so that every tree
    lives in one table.
    """
    tables = [predictor.nodes for (predictor,) in clf._predictors]
    offsets = np.cumsum([0] + [len(t) for t in tables[:-1]])
    parts: dict[str, list[np.ndarray]] = {k: [] for k in ("feature", "threshold", "left", "right", "value")}
    for nodes, offset in zip(tables, offsets):
        leaf = nodes["is_leaf"].astype(bool)
        own = np.arange(len(nodes)) + offset
        parts["feature"].append(np.where(leaf, 0, nodes["feature_idx"]))
        parts["threshold"].append(np.where(leaf, 0.0, nodes["num_threshold"]))
        parts["left"].append(np.where(leaf, own, nodes["left"] + offset))
        parts["right"].append(np.where(leaf, own, nodes["right"] + offset))
        parts["value"].append(np.where(leaf, nodes["value"], 0.0))
    table = {k: np.concatenate(v) for k, v in parts.items()}
    return TreeEnsemble(table["feature"].astype(np.int64), table["threshold"],
                        table["left"].astype(np.int64), table["right"].astype(np.int64), table["value"],
                        offsets.astype(np.int64), max(int(t["depth"].max()) for t in tables),
                        float(np.ravel(clf._baseline_prediction)[0]))


def _fit_kinds(Xs: Sequence[np.ndarray], matrices: Sequence[PageMatrix],
               which: Iterable[int]) -> SoftmaxStage | None:
    """The multinomial head naming dropped lines: comments, related links or other chrome."""
    from sklearn.linear_model import LogisticRegression

    which = list(which)
    if not which:
        return None
    X, y, _ = _rows(Xs, matrices, which)
    labels = np.concatenate([matrices[n].labels[matrices[n].hard == 0] for n in which])
    X, labels = X[y == 0], np.where(np.isin(labels, KINDS), labels, Label.OTHER.value)[y == 0]
    if len(set(labels)) < 2:
        return None
    mean, scale = _standardise(X)
    clf = LogisticRegression(C=C, max_iter=MAX_ITER, random_state=SEED)
    clf.fit((X - mean) / scale, labels)
    coef, intercept = clf.coef_, clf.intercept_
    if len(clf.classes_) == 2:
        # scikit-learn keeps one row for two classes; a softmax over (0, z) is its sigmoid.
        coef, intercept = np.vstack([np.zeros_like(coef), coef]), np.concatenate([[0.0], intercept])
    return SoftmaxStage(tuple(str(c) for c in clf.classes_), mean, scale, coef.copy(), intercept.copy())


def _rows(Xs: Sequence[np.ndarray], matrices: Sequence[PageMatrix],
          which: Iterable[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, truth and weights of the lines the model decides, of pages ``which``."""
    which = list(which)
    keep = {n: matrices[n].hard == 0 for n in which}
    return (np.vstack([Xs[n][keep[n]] for n in which]),
            np.concatenate([matrices[n].y[keep[n]] for n in which]),
            np.concatenate([matrices[n].weight[keep[n]] for n in which]))


def _out_of_fold(fit: Callable[..., Any], Xs: Sequence[np.ndarray], matrices: Sequence[PageMatrix],
                 folds: Sequence[int]) -> list[np.ndarray]:
    """Each page's probabilities from a stage fit on the other folds' pages."""
    out: list[np.ndarray] = [np.zeros(0)] * len(Xs)
    for fold in range(FOLDS):
        stage = fit(*_rows(Xs, matrices, [n for n, f in enumerate(folds) if f != fold]))
        for n, f in enumerate(folds):
            if f == fold:
                out[n] = stage.proba(Xs[n])
    return out


def _fold_of(site: str) -> int:
    return _draw(site, FOLDS)


def _draw(key: str, n: int) -> int:
    """A number below ``n`` fixed by ``key`` and the seed: the same on every run and machine."""
    return int(hashlib.sha1(f"{SEED}:{key}".encode()).hexdigest(), 16) % n


#: Thresholds tried for the model's default, on out-of-fold predictions.
THRESHOLDS = tuple(round(0.3 + 0.05 * k, 2) for k in range(11))


#: How stage two can be fit (``cleaner train --stage2``).
STAGE2_FITS: dict[str, Callable[..., Any]] = {"trees": _fit_trees, "logistic": _fit_logistic}


def train(pages: Sequence[Page], ruleset: RuleSet, info: dict | None = None,
          log: Callable[[str], object] = print, stage2: str = "trees",
          lexicon_min_sites: int = MIN_SITES) -> StackedModel:
    """Fit both stages on ``pages`` (the train split) and learn the default threshold.

    ``lexicon_min_sites``: on how many sites a word must be seen to enter the lexicon.
    """
    fit2 = STAGE2_FITS[stage2]
    pages = [p for p in pages if any(p.content)]
    variants = [p for p in pages if p.renderer in VARIANT_RENDERERS]
    pages = [p for p in pages if p.renderer not in VARIANT_RENDERERS]
    # The rules' hits on each scraped page, for its lexicon sample and its copy.
    hits = [ruleset.apply(page_document(p)) for p in pages]
    samples = [_lexicon_sample(p, h) for p, h in zip(pages, hits)]
    lexicon = learn_lexicon(samples, lexicon_min_sites)
    fold_lexicons = _fold_lexicons(samples, lexicon_min_sites)
    log(f"lexicon: {len(lexicon.weights)} words (seen on {lexicon_min_sites} sites or more)")
    pages = (pages + variants + [content_only(p) for p in pages] + [without_blanks(p) for p in pages]
             + [wrapped(p) for p in pages] + [_unknown_language_copy(p, h) for p, h in zip(pages, hits)])
    built = [(p, page_matrix(p, ruleset, _weight(p), fold_lexicons[_fold_of(p.site)])) for p in pages]
    built = [(p, m) for p, m in built if len(m.y)]
    pages = [p for p, _ in built]
    matrices = [m for _, m in built]
    log(f"train: {len(matrices)} pages, {sum(len(m.y) for m in matrices)} lines, "
        f"{len(FEATURE_NAMES)} features")
    everything = range(len(matrices))
    folds = [_fold_of(m.site) for m in matrices]
    X1 = [m.X for m in matrices]
    stage1 = _fit_logistic(*_rows(X1, matrices, everything))
    oof = _out_of_fold(_fit_logistic, X1, matrices, folds)
    X2 = [stage2_input(m.X, p1) for p1, m in zip(oof, matrices)]
    second = fit2(*_rows(X2, matrices, everything))
    if isinstance(second, TreeEnsemble) and second.exit_after:
        log(_exit_report(second, _rows(X2, matrices, everything)[0]))
    oof2 = _out_of_fold(fit2, X2, matrices, folds)
    scraped = [n for n, p in enumerate(pages) if "#" not in p.page_id]
    kind_sets = {pages[n].dataset for n in scraped
                 if set(KINDS) & set(matrices[n].labels[matrices[n].y == 0])}
    kind_pages = [n for n in scraped if pages[n].dataset in kind_sets]
    kinds = _fit_kinds(X2, matrices, kind_pages)
    if kinds is not None:
        log(f"kinds {', '.join(kinds.classes)} from {len(kind_pages)} pages of {', '.join(sorted(kind_sets))}")
    comments = _fit_comments(fit2, [comments_input(x, p) for x, p in zip(X2, oof2)], pages, matrices)
    if comments is not None:
        below = sum(int(below_comments_header(x, p).sum()) for x, p in zip(X2, oof2))
        log(f"comments head from {len(_comment_pages(pages, matrices))} pages; "
            f"{below} of {sum(len(m.y) for m in matrices)} train lines lie below a thread's header")
    # The threshold is the renderings' that are not variants: a variant rendering
    # is learned from, but would pull the default toward its own (lower) best.
    usual = [n for n in scraped if pages[n].renderer not in VARIANT_RENDERERS]
    curve, own = _threshold_curve([pages[n] for n in usual], [matrices[n] for n in usual],
                                  [oof2[n] for n in usual])
    threshold = _plateau_top(curve)
    score = curve[threshold]
    log(f"threshold {threshold} (out-of-fold token F1 {score:.3f} on the train split; at each "
        f"threshold: {', '.join(f'{t} {f:.4f}' for t, f in curve.items())}); "
        f"each page's own threshold, the default: {own:.4f}")
    info = dict(info or {}, rules=ruleset.fingerprint(), threshold_oof_f1=round(score, 4),
                threshold_oof_curve={str(t): round(f, 4) for t, f in curve.items()},
                page_threshold_oof_f1=round(own, 4))
    return StackedModel(stage1, second, kinds, name=f"stacked-{stage2}", info=info, threshold=threshold,
                        comments=comments, lexicon=lexicon)


def _weight(page: Page) -> float:
    """A training page's weight: its copy's, its rendering's, or 1."""
    copy = _VARIANT_WEIGHTS.get(page.page_id.rpartition("#")[2])
    return copy if copy is not None else VARIANT_RENDERERS.get(page.renderer, 1.0)


def _fold_lexicons(samples: Sequence[tuple[str, list[str], list[bool]]], min_sites: int) -> list[Lexicon]:
    """For each fold, the lexicon of the other folds' pages (``samples`` start with their site).

    A train page's word evidence comes from other sites, as it will on a site
    the model has not seen; taken from its own words, the stages would learn to
    trust it blindly.
    """
    return [learn_lexicon((s for s in samples if _fold_of(s[0]) != fold), min_sites)
            for fold in range(FOLDS)]


def _lexicon_sample(page: Page, hits: RuleHits) -> tuple[str, list[str], list[bool]]:
    """The page's lines the model decides (non-blank, no hard rule's), for the lexicon
    (``hits``: the rules' hits on the page)."""
    doc = page_document(page)
    rows = [i for i, line in enumerate(doc.norm) if line and hits.winner[i] is None]
    return page.site, [doc.norm[i] for i in rows], [page.content[i] for i in rows]


def _comment_pages(pages: Sequence[Page], matrices: Sequence[PageMatrix]) -> list[int]:
    """The pages of datasets whose labels name reader comments (content-only copies
    aside: they name every line ``body``)."""
    named = {page.dataset for page, m in zip(pages, matrices) if COMMENTS in m.labels}
    return [n for n, page in enumerate(pages)
            if page.dataset in named and not page.page_id.endswith(CONTENT_ONLY)]


def _fit_comments(fit: Callable[..., Any], Xs: Sequence[np.ndarray], pages: Sequence[Page],
                  matrices: Sequence[PageMatrix]) -> Any:
    """The head telling reader comments from the article, among lines that are either.

    Fit on every such line, not only on those below a thread's header, where
    it is used: the article lines of pages without a thread teach it what is
    not one (fit on the lines below a header alone, it scored no better:
    ``benchmarks/RESULTS.md``, "Reader comments").
    """
    which = _comment_pages(pages, matrices)
    if not which:
        return None
    X, y, w = [], [], []
    for n in which:
        m = matrices[n]
        thread = m.labels == COMMENTS
        rows = (m.hard == 0) & ((m.y > 0) | thread)
        X.append(Xs[n][rows])
        y.append(thread[rows].astype(float))
        w.append(m.weight[rows])
    truth = np.concatenate(y)
    if len(set(truth)) < 2:
        return None
    return fit(np.vstack(X), truth, np.concatenate(w))


def _exit_report(trees: TreeEnsemble, X: np.ndarray) -> str:
    """How many train lines exit early, and how many of them land on the other side of
    probability 0.3, 0.5 or 0.7 than the whole ensemble puts them."""
    early, full = trees.raw(X), replace(trees, exit_after=0).raw(X)
    # A line that walked on differs from the full sum by rounding only.
    exited = ~np.isclose(early, full, rtol=0.0, atol=1e-9)
    moved = sum(int(np.sum(exited & ((early >= t) != (full >= t))))
                for t in np.log(np.array([0.3, 0.5, 0.7]) / np.array([0.7, 0.5, 0.3])))
    return (f"early exit after {trees.exit_after} trees: {exited.mean():.1%} of {len(X)} train lines, "
            f"{moved} of them moved across probability 0.3, 0.5 or 0.7")


def _threshold_curve(pages: Sequence[Page], matrices: Sequence[PageMatrix],
                     probs: Sequence[np.ndarray]) -> tuple[dict[float, float], float]:
    """The page-averaged token F1 of out-of-fold predictions at each of ``THRESHOLDS``,
    and at each page's own threshold (:func:`cleaner.decide.page_threshold`, which
    the model uses by default); neither with the fallback step."""
    from cleaner.bench.metrics import f1, score_shingles, shingles
    from cleaner.decide import page_threshold
    from cleaner.output import assemble

    docs = [page_document(p) for p in pages]
    golds = [shingles(p.gold) for p in pages]
    rows = [[i for i, line in enumerate(doc.norm) if line] for doc in docs]
    # The lines the model decides: a hard rule drops the others at any threshold.
    model_lines = [m.hard == 0 for m in matrices]

    def page_f1(thresholds: Sequence[float]) -> float:
        precision, recall = [], []
        for doc, gold, page_rows, p, open_, threshold in zip(docs, golds, rows, probs, model_lines,
                                                             thresholds):
            kept = [False] * len(doc)
            for row, q, is_open in zip(page_rows, p, open_):
                kept[row] = bool(is_open and q >= threshold)
            s = score_shingles(shingles(assemble(doc.lines, kept, [not n for n in doc.norm])), gold)
            precision.append(s.precision)
            recall.append(s.recall)
        return f1(float(np.mean(precision)), float(np.mean(recall)))

    curve = {threshold: page_f1([threshold] * len(docs)) for threshold in THRESHOLDS}
    own = [page_threshold([len(doc.norm[r]) for r, is_open in zip(page_rows, open_) if is_open],
                          p[open_].tolist())
           for doc, page_rows, p, open_ in zip(docs, rows, probs, model_lines)]
    return curve, page_f1(own)


def _plateau_top(curve: dict[float, float]) -> float:
    """The threshold whose score, averaged with its neighbours' on the grid, is highest
    (the first such): the model's default.

    The F1 curve is flat near its top, so its single best point jumped with
    small changes to the rules or features (0.45, 0.4, 0.45, 0.5, 0.4 in five
    retrains).
    """
    thresholds, scores = list(curve), list(curve.values())
    smoothed = [float(np.mean(scores[max(k - 1, 0):k + 2])) for k in range(len(scores))]
    return thresholds[int(np.argmax(smoothed))]
