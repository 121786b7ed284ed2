"""The classifier stage: find liveness claims, read their figures, name their system, tag their kind.

Entry points (the rest of the package is private):
    classify(store)          tag every current document, append claims rows (stage.py)
    evaluate_into_store(store)   the held-out evaluation, stored on a run (evaluate.py)
    extract(inputs)          claims of files or URLs without the store (extract.py)
    parse_figures(text)      the figure normalizer (figures.py)
    Classifier               the pipeline itself (pipeline.py)
    read_reports(store)      evidence rows from threads and benchmark pages (reports.py; classify runs it)
    read_post(text, speaker) the role of each sentence of a post: claim / report / quoted / none (role.py)
Docs: DESIGN.md step 2; data/lexicon.yaml; data/labels/README.md; docs/evidence.md.
"""

from liveaudit.classifier.figures import Figures, parse_figures
from liveaudit.classifier.pipeline import Claim, Classifier
from liveaudit.classifier.stage import classify, evaluate_into_store
from liveaudit.classifier.extract import extract
from liveaudit.classifier.reports import read_reports
from liveaudit.classifier.role import Speaker, read_post

__all__ = ["Claim", "Classifier", "Figures", "Speaker", "classify", "evaluate_into_store", "extract", "parse_figures",
           "read_post", "read_reports"]
