"""`liveaudit extract` on a README and an HTML page the tests write, from files and a local URL."""

from __future__ import annotations

import functools
import http.server
import json
import threading

import pytest

from liveaudit.classifier.pipeline import EXTRACT_KEYS
from liveaudit.cli import main

README = """# turbocam

turbocam generates 512x512 video in real time at 30 fps on a single RTX 4090.

## Install

```bash
pip install turbocam  # real-time 999 fps
```

| Model | FPS | GPU |
|---|---|---|
| turbocam-small | 45 | RTX 4090 |
"""

PAGE = """<!doctype html><html><head><title>Krea Realtime</title></head><body>
<h1>Krea Realtime</h1><p>Generate video in real time at 11 fps on a B200.</p>
<p>Join our live demo on Friday.</p></body></html>"""


def _run(capsys, *args):
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    return exit_info.value.code, capsys.readouterr()


def _claims(capsys, *args):
    main(list(args))
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


@pytest.fixture
def files(tmp_path):
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    return tmp_path


def test_extract_markdown_readme_prints_documented_keys(files, capsys):
    claims = _claims(capsys, "extract", str(files / "README.md"), "--json")
    assert all(list(c) == list(EXTRACT_KEYS) for c in claims)
    first = claims[0]
    assert first["kind"] == "quantified" and first["fps"] == 30 and first["width"] == 512
    assert first["gpu"] == "RTX 4090" and first["gpu_count"] == 1 and first["implied_level"] == "L2"
    assert any(c["fps"] == 45 for c in claims)
    assert not any(c["fps"] == 999 for c in claims)


def test_extract_html_page_from_a_local_url(files, capsys):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(files))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/page.html"
        claims = _claims(capsys, "extract", url, "--json")
    finally:
        server.shutdown()
    found = {c["sentence"]: c for c in claims}
    assert "Join our live demo on Friday." not in found
    claim = found["Generate video in real time at 11 fps on a B200."]
    assert claim["system"] == "Krea Realtime" and claim["gpu"] == "B200" and claim["source"] == url


def test_extract_missing_file_and_bad_scheme_exit_with_codes(tmp_path, capsys):
    code, out = _run(capsys, "extract", str(tmp_path / "nope.md"))
    assert code == 2 and "error[E202]" in out.err
    code, out = _run(capsys, "extract", "ftp://example.com/x")
    assert code == 2 and "error[E603]" in out.err
