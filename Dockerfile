# The liveaudit image that compose.yaml builds (`build: .`): crawler workers, classify/measure
# workers on CPU, `liveaudit db upgrade` and the dashboard. See docs/scale-out.md.
#   docker build -t liveaudit:latest .
# Not built in CI (no Docker daemon there); tests/liveaudit/test_compose.py checks that this
# file, .dockerignore and compose.yaml agree with the package and the CLI.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint (the PDF report) needs Pango and a font; psycopg[binary] brings its own libpq.
# No browser: the crawler's headless-Chromium pages are not fetched in this image.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# The CPU build of the pinned torch first, so `.[all]` finds it satisfied instead of pulling
# the CUDA wheels from PyPI.
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu

WORKDIR /src
COPY pyproject.toml README.md ./
COPY liveaudit ./liveaudit
COPY crawler ./crawler
COPY classifier ./classifier
COPY validator ./validator
COPY verdicts ./verdicts
COPY publish ./publish
COPY dashboard ./dashboard
COPY fixture_site ./fixture_site
COPY data ./data
RUN pip install ".[all]" && liveaudit --help >/dev/null

RUN useradd --create-home --uid 1000 liveaudit \
    && mkdir -p /archive/warc \
    && chown -R liveaudit /archive
USER liveaudit
WORKDIR /home/liveaudit

EXPOSE 8501
CMD ["liveaudit", "--help"]
