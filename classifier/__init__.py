"""The classifier stage: find liveness claims, read their figures, name their system, tag their kind.

Entry points (the rest of the package is private):
    classify(store)          tag every current document, append claims rows (stage.py)
    evaluate_into_store(store)   the held-out evaluation, stored on a run (evaluate.py)
    extract(inputs)          claims of files or URLs without the store (extract.py)
    extract_all(inputs)      the same per input, with its error or what was cut
    parse_figures(text)      the figure normalizer (figures.py)
    Classifier               the pipeline itself (pipeline.py)
Docs: DESIGN.md step 2; data/lexicon.yaml; data/labels/README.md.
"""

from liveaudit.classifier.figures import Figures, parse_figures
from liveaudit.classifier.pipeline import Claim, Classifier
from liveaudit.classifier.stage import classify, evaluate_into_store
from liveaudit.classifier.extract import extract, extract_all

__all__ = ["Claim", "Classifier", "Figures", "classify", "evaluate_into_store", "extract", "extract_all", "parse_figures"]
