"""`liveaudit classify [--evaluate]` and `liveaudit extract`; the bench commands are in bench_cli.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from liveaudit.cli.common import DbOption, console, example

ModelDirOption = Annotated[
    Path | None,
    typer.Option(
        "--model-dir",
        help="Folder of trained kind models [default: $LIVEAUDIT_CLASSIFY_MODEL_DIR or the shipped data/models].",
    ),
]


def _print_report(report: dict) -> None:
    from rich.table import Table

    console.print(
        f"evaluation on the {report['split']} split: {report['sentences']} sentences from "
        f"{report['documents']} documents; chosen kind model {report['chosen_model']}"
    )
    kinds = Table(title="claim kind, per model (precision / recall / F1)")
    kinds.add_column("model")
    names = list(
        report["models"]["lr-minilm" if "lr-minilm" in report["models"] else next(iter(report["models"]))]["per_kind"]
    )
    for k in names:
        kinds.add_column(k)
    kinds.add_column("macro F1")
    kinds.add_column("detection F1")
    for m in report["models"].values():
        kinds.add_row(
            f"{m['version']}{' (chosen)' if m['version'] == report['chosen_model'] else ''}",
            *[
                f"{m['per_kind'][k]['precision']:.2f} / {m['per_kind'][k]['recall']:.2f} / {m['per_kind'][k]['f1']:.2f} (n={m['per_kind'][k]['support']})"
                for k in names
            ],
            f"{m['macro_f1']:.3f}",
            f"{m['detection']['f1']:.3f}",
        )
    console.print(kinds)
    det = report["kind"]["detection"]
    console.print(
        f"claim detection (kind != none), chosen model: precision {det['precision']:.3f}, recall "
        f"{det['recall']:.3f}, F1 {det['f1']:.3f} (n={det['support']}); rule-gate recall {report['candidate_recall']:.3f}"
    )
    if "gate" in report:
        g = report["gate"]
        console.print(
            f"rule gate over all {g['labelled_sentences']} labelled sentences: passes {g['passed_share']:.1%} to the kind "
            f"model, drops {g['claims_dropped']} of {g['labelled_claims']} labelled claims"
            + (f" ({'; '.join(g['dropped'][:3])})" if g["dropped"] else "")
        )
    conf = Table(title="confusion matrix, chosen model (rows gold, columns predicted)")
    conf.add_column("gold \\ predicted")
    for k in names:
        conf.add_column(k)
    for g, row in report["kind"]["confusion"].items():
        conf.add_row(g, *[str(row[p]) for p in names])
    console.print(conf)
    figs = Table(title=f"figures over the {report['system']['support']} gold claims")
    for col in ("field", "exact match", "precision", "recall", "F1", "stated (n)"):
        figs.add_column(col)
    for name, f in ((n, f) for n, f in report["figures"].items() if n != "_summary"):
        figs.add_row(
            name,
            f"{f['exact_match']:.3f}",
            f"{f['precision']:.3f}",
            f"{f['recall']:.3f}",
            f"{f['f1']:.3f}",
            str(f["support"]),
        )
    console.print(figs)
    s = report["system"]
    console.print(
        f"system resolution: accuracy {s['accuracy']:.3f} over {s['support']} gold claims "
        f"(precision of resolved {s['precision_of_resolved']:.3f}, {s['unresolved']} unresolved)"
    )
    roles = report.get("roles")
    if roles:
        console.print(
            f"roles ({roles['version']}): {roles['sentences']} labelled thread sentences from {roles['documents']} "
            f"documents of the {roles['split']} split (data/labels/roles)"
        )
        table = Table("role", "precision", "recall", "F1", "support")
        for role, m in roles["roles"].items():
            table.add_row(role, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", str(m["support"]))
        console.print(table)
        console.print(f"role macro-F1 {roles['macro_f1']:.3f}, accuracy {roles['accuracy']:.3f}")
    _print_headline(report)


def _print_headline(report: dict) -> None:
    det, fig = report["kind"]["detection"], report["figures"]["_summary"]
    console.print(
        f"claim-detection F1 {det['f1']:.3f}; figure-field accuracy {fig['stated_field_accuracy']:.3f} "
        f"(over the {fig['stated_fields']} fields gold or prediction states; {fig['all_field_accuracy']:.3f} "
        f"over all fields); system resolution {report['system']['accuracy']:.3f}"
    )


def _evaluate_real(folder: Path, model_dir: Path | None, split: str) -> None:
    from liveaudit.classifier.pipeline import models_dir
    from liveaudit.classifier.realset import REAL_SPLITS, evaluate_real
    from liveaudit.errors import InputError

    if split != "all" and not set(split.split("+")) <= set(REAL_SPLITS):
        raise InputError("E202", input=f"--split {split} ({', '.join(REAL_SPLITS)}, all, or dev+dev2)")
    r = evaluate_real(folder, model_dir or models_dir(), split)
    k = r["kind"]
    console.print(
        f"real documents ({split}): {r['documents']} found in {folder}, {r['sentences']} sentences, "
        f"{k['detection']['support']} labelled claims; model {r['chosen_model']}"
    )
    if r["missing"]:
        console.print(f"missing (fetch them, see data/labels/real/README.md): {', '.join(r['missing'])}")
    if r["changed"]:
        console.print(
            f"text differs from the labelled version (matched by sentence hash only): {', '.join(r['changed'])}"
        )
    det, base = k["detection"], r["baseline"]
    console.print(
        f"claim detection: precision {det['precision']:.3f}, recall {det['recall']:.3f}, F1 {det['f1']:.3f}; "
        f"kind macro-F1 {k['claim_kinds_macro_f1']:.3f} over claim kinds"
    )
    console.print(
        f"naive keyword baseline: precision {base['precision']:.3f}, recall {base['recall']:.3f}, F1 {base['f1']:.3f}"
    )
    fields = ", ".join(
        f"{n} {f['exact_match']:.2f}" for n, f in r["figures"].items() if n != "_summary" and f["support"]
    )
    console.print(f"figure fields stated in gold (exact match over gold claims): {fields}")
    if r["unmatched_claims"]:
        console.print(f"{r['unmatched_claims']} labelled claims matched no sentence (counted as missed)")
    _print_headline(r)


def classify_cli(
    db: DbOption = None,
    evaluate: bool = typer.Option(
        False,
        "--evaluate",
        help="Score the models on the held-out test split of data/labels, print it and store it on the run.",
    ),
    evaluate_real: Path | None = typer.Option(
        None,
        "--evaluate-real",
        help="Score the pipeline on the real documents of data/labels/real fetched into this folder (see its README) and print it.",
    ),
    real_split: str = typer.Option(
        "all",
        "--split",
        help="With --evaluate-real: dev, dev2 ... dev29, test or all documents (join splits with +: dev+dev2).",
    ),
    model_dir: ModelDirOption = None,
    shard: str | None = typer.Option(
        None,
        "--shard",
        help="Only the I-th of N shards, I/N (documents whose id % N == I-1), so N machines share the work.",
    ),
    queue: str | None = typer.Option(
        None,
        "--queue",
        help="Share the documents through the store's work queue under this batch name: every worker enqueues them once, then claims CLASSIFY_BATCH_DOCUMENTS at a time until none is left.",
    ),
    worker: str | None = typer.Option(None, "--worker", help="This worker's name on the queue [default: host:pid]."),
) -> None:
    """Tag every stored document with the current claim model, adding claims rows.

    Rows of older model versions are kept; documents already tagged by this version
    are skipped, so an interrupted run resumes. A document over the time budget
    (CLASSIFY_DOCUMENT_BUDGET_S) is listed with its error and tried once more by the
    next run, then skipped. Two runs at once on one store share the documents: each
    skips those the other holds, so none is tagged twice. With --evaluate, print precision,
    recall and F1 per claim kind (both kind models), per figure field and for system
    resolution on the test split, plus a confusion matrix, and save the report.
    """
    if evaluate_real is not None:
        _evaluate_real(evaluate_real, model_dir, real_split)
        return
    from liveaudit.classifier import Classifier, classify, evaluate_into_store
    from liveaudit.store import Store
    from liveaudit.store.queue import Shard

    shard_of = Shard.parse(shard)
    store = Store.open(db)
    if evaluate:
        _print_report(evaluate_into_store(store, model_dir))
        return
    from rich.progress import Progress

    clf = Classifier(model_dir)
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("classifying documents", total=None)
        summary = classify(
            store,
            clf,
            on_progress=lambda done, total: bar.update(task, completed=done, total=total),
            shard=shard_of,
            queue=queue,
            worker=worker,
        )
    console.print(
        f"model {summary['model_version']}: {summary['classified']} documents classified, "
        f"{summary['skipped_already_tagged']} already tagged, {summary['sentences']} sentences, "
        f"{summary['claims']} claims {summary['kinds']}"
    )
    if summary.get("left_to_another_run"):
        console.print(f"{summary['left_to_another_run']} documents left to another classify run on the same store")
    if summary.get("cut"):
        console.print(f"{summary['cut']} documents read in part (what was cut is stored in classify_outcomes)")
    from rich.markup import escape

    for doc_id, error in summary.get("errors", {}).items():
        console.print(f"document {doc_id}: {escape(error)} (tried again by the next run)")
    for doc_id, error in summary.get("skipped_failed", {}).items():
        console.print(f"document {doc_id} skipped, failed twice with this model: {escape(error)}")
    if summary.get("reports"):
        r = summary["reports"]
        console.print(
            f"reports ({r['model_version']}): {r['documents']} thread/benchmark documents read, {r['reports']} "
            f"reports, {r['audited']} audited results, {r['vendor_claims']} maintainer claims"
        )


def extract_cli(
    inputs: list[str] = typer.Argument(..., help="Files (HTML, Markdown, text) or http(s) URLs."),
    as_json: bool = typer.Option(
        False, "--json", help="One JSON object per claim and line (the default prints a table)."
    ),
    model_dir: ModelDirOption = None,
) -> None:
    """Print the liveness claims of files or pages, without the store.

    Each claim has the keys source, sentence, kind, terms, implied_level, system,
    system_mention, fps, latency_s, latency_type, width, height, duration_s, gpu,
    gpu_count, steps, hedge, specificity (null where the text does not state it).
    system_mention is the name as written; a name the registry does not know keeps
    system null ("?name" in the table). An input that cannot be read gets one error
    line on stderr and the others go on (exit status 1); what a cap cut
    (CLASSIFY_MAX_CHARS, ...) is said on stderr as a note.
    """
    import sys

    from liveaudit.classifier import Classifier, extract_all
    from liveaudit.classifier.extraction import check_input

    for item in inputs:
        check_input(item)
    outcomes = extract_all(inputs, Classifier(model_dir))
    claims = [c for o in outcomes for c in o.claims]
    for o in outcomes:
        for note in o.notes:
            print(f"note: {o.input}: {note}", file=sys.stderr)
        if o.error is not None:
            print(f"error[{o.error.code}]: {o.error}", file=sys.stderr)
    if as_json:
        for c in claims:
            print(json.dumps(c, ensure_ascii=False))
    else:
        from rich.markup import escape
        from rich.table import Table

        table = Table(title=f"{len(claims)} claims")
        for col in ("source", "kind", "system", "level", "figures", "sentence"):
            table.add_column(col, overflow="fold")
        for c in claims:
            figures = ", ".join(
                f"{k}={c[k]}"
                for k in (
                    "fps",
                    "latency_s",
                    "latency_type",
                    "width",
                    "height",
                    "duration_s",
                    "gpu",
                    "gpu_count",
                    "steps",
                    "hedge",
                )
                if c[k] is not None
            )
            system = c["system"] or (f"?{c['system_mention']}" if c["system_mention"] else "-")
            table.add_row(
                *(
                    escape(str(v))
                    for v in (c["source"], c["kind"], system, c["implied_level"] or "-", figures, c["sentence"])
                )
            )
        console.print(table)
    if any(o.error is not None for o in outcomes):
        sys.exit(1)


def register(app: typer.Typer) -> None:
    from liveaudit.classifier.bench_cli import bench_classify_cli, bench_extract_cli
    from liveaudit.cli.bench import bench_app

    app.command("classify", epilog=example("liveaudit classify --evaluate --db liveaudit.db"))(classify_cli)
    app.command("extract", epilog=example("liveaudit extract README.md https://example.com/product --json"))(
        extract_cli
    )
    bench_app.command("classify", epilog=example("liveaudit bench classify --sentences 20000"))(bench_classify_cli)
    bench_app.command("extract", epilog=example("liveaudit bench extract --full"))(bench_extract_cli)
