"""The classifier stage: find liveness claims, read their figures, name their system, tag their kind.

Entry points (the rest of the package is private):
    classify(store)          tag every current document, append claims rows (stage.py)
    evaluate_into_store(store)   the held-out evaluation, stored on a run (evaluate.py)
    evaluate_real(folder, models, split)   the real-text evaluation of data/labels/real (realset.py)
    extract(inputs)          claims of files or URLs without the store (extraction.py)
    extract_all(inputs)      the same per input, with its error or what was cut
    parse_figures(text)      the figure normalizer (figures.py)
    Classifier               the pipeline itself (pipeline.py)
    read_reports(store)      evidence rows from threads and benchmark pages (reports.py; classify runs it)
    read_post(text, speaker) the role of each sentence of a post: claim / report / quoted / none (role.py)
Docs: docs/design.md, step 2; data/lexicon.yaml; data/labels/README.md; docs/evidence.md.
"""

from typing import TYPE_CHECKING

from liveaudit.lazy import lazy_exports

if TYPE_CHECKING:  # for type checkers and readers; at run time each name is imported on first use
    from liveaudit.classifier.extraction import extract, extract_all
    from liveaudit.classifier.figures import Figures, parse_figures
    from liveaudit.classifier.pipeline import Claim, Classifier
    from liveaudit.classifier.realset import evaluate_real
    from liveaudit.classifier.reports import read_reports
    from liveaudit.classifier.role import Speaker, read_post
    from liveaudit.classifier.stage import classify, evaluate_into_store

# Lazy, so that `liveaudit --help` does not import this stage's heavy dependencies.
_EXPORTS = {
    "Claim": "liveaudit.classifier.pipeline",
    "Classifier": "liveaudit.classifier.pipeline",
    "Figures": "liveaudit.classifier.figures",
    "classify": "liveaudit.classifier.stage",
    "evaluate_into_store": "liveaudit.classifier.stage",
    "evaluate_real": "liveaudit.classifier.realset",
    "extract": "liveaudit.classifier.extraction",
    "extract_all": "liveaudit.classifier.extraction",
    "parse_figures": "liveaudit.classifier.figures",
    "read_post": "liveaudit.classifier.role",
    "read_reports": "liveaudit.classifier.reports",
    "Speaker": "liveaudit.classifier.role",
}
__all__ = [
    "Claim",
    "Classifier",
    "Figures",
    "Speaker",
    "classify",
    "evaluate_into_store",
    "evaluate_real",
    "extract",
    "extract_all",
    "parse_figures",
    "read_post",
    "read_reports",
]  # the same names as _EXPORTS (a test checks)
__getattr__ = lazy_exports(__name__, _EXPORTS)
