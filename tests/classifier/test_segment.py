"""Markdown and HTML survive sentence segmentation: code dropped, tables keep headers."""

from __future__ import annotations

from liveaudit.classifier.html import html_to_text
from liveaudit.classifier.segment import blocks

README = """# FooStream

**FooStream** streams video [in real time](https://x.example) at 24 fps. It is open source.

| Model | FPS | GPU |
|-------|----:|-----|
| FooStream | 24 | H100 |

- Interactive prompts
- Works with CUDA graphs

```python
pipe = load()  # realtime 99 fps
```
"""


def test_segment_markdown_blocks_tables_lists_and_code():
    texts = [b.text for b in blocks(README)]
    assert texts[0] == "FooStream"
    assert "FooStream streams video in real time at 24 fps. It is open source." in texts
    assert "Model: FooStream; FPS: 24; GPU: H100" in texts
    assert "Interactive prompts" in texts and "Works with CUDA graphs" in texts
    assert not any("99 fps" in t for t in texts)


def test_segment_offsets_point_into_the_original():
    para = next(b for b in blocks(README) if b.text.startswith("FooStream streams"))
    start, end = para.span(0, len("FooStream streams"))
    assert README[start:end] == "FooStream** streams" or README[start:end].startswith("FooStream")


def test_segment_html_to_text_keeps_structure_and_drops_scripts():
    html = (
        "<html><head><title>Live | Vendor</title><script>var x='real-time 99 fps'</script></head><body>"
        "<h1>Vendor</h1><p>Runs <b>in real time</b> at 11 fps.</p><ul><li>One</li><li>Two</li></ul>"
        "<table><tr><th>Model</th><th>FPS</th></tr><tr><td>V</td><td>11</td></tr></table>"
        "<pre>code 5 fps</pre></body></html>"
    )
    text, title = html_to_text(html)
    assert title == "Live | Vendor"
    texts = [b.text for b in blocks(text)]
    assert "Runs in real time at 11 fps." in texts
    assert "Model: V; FPS: 11" in texts
    assert not any("99 fps" in t or "5 fps" in t for t in texts)


def test_segment_broken_html_never_raises():
    text, _ = html_to_text("<div><p>unclosed <b>bold <table><tr><td>x")
    assert "unclosed" in text


def test_segment_every_sentence_of_a_rewritten_table_row_points_at_the_whole_row():
    """'GPU Mem. & Inference Time' splits a rewritten row in two; both halves name the source row,
    not a one-character span at its first '|' (the offsets the real-text labels fall back on)."""
    from liveaudit.classifier.pipeline import Classifier

    row = "|Model-512|320x512|12.8GB & 20s (`perframe_ae=True`)|"
    header = "|Model|Resolution|GPU Mem. & Inference Time (A100)|\n|:------|:------|:------|\n"
    text = "Intro line.\n\n" + header + row + "\n"
    start = text.index(row)
    spans = {
        (c.start_char, c.end_char)
        for c in Classifier().claims(text, keep_none=True)
        if "Model-512" in c.sentence or "Inference Time" in c.sentence
    }
    assert spans == {(start, start + len(row))}


def test_segment_a_one_hyphen_delimiter_row_still_makes_a_table():
    text = "|Model|FPS|\n|:-|-:|\n|Self-Forcing|17|\n"
    assert [b.text for b in blocks(text) if b.kind == "row"] == ["Model: Self-Forcing; FPS: 17"]
