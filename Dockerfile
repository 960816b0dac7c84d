# Production image of Opdenksessie in a box.
#
#   DOCKER_BUILDKIT=0 docker build -t opdenksessie .
#   docker run --rm -p 8000:8000 -v opdenksessie-data:/data opdenksessie
#
# Every stage starts from debian:bookworm-slim and uses Debian's own python3, nodejs and npm, so
# the image builds where no container registry is reachable (see ../shared/tools/docker-base).
# Plain Dockerfile instructions only: Docker's classic builder, no BuildKit features.

# --- Stage 1: the front-end libraries (htmx) into static/vendor -----------------------------
FROM debian:bookworm-slim AS assets
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=warn
COPY scripts/copy-assets.mjs scripts/
RUN npm run --silent build \
 && test -s static/vendor/htmx.min.js && test -s static/vendor/hx-sse.min.js

# --- Stage 2: the Python dependencies in a virtualenv (pip stays in this stage) ---------------
FROM debian:bookworm-slim AS python
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/*
RUN python3 -m venv /opt/venv
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# Only the dependencies of pyproject.toml: the app itself runs from its source tree in /app, where
# app/settings.py finds templates/, static/, workforms/ and casussen/ next to the package. Reading
# the list from pyproject.toml (not `pip install .`) keeps this layer cached while the code changes.
COPY pyproject.toml /tmp/pyproject.toml
RUN python3 -c 'import tomllib; print("\n".join(tomllib.load(open("/tmp/pyproject.toml", "rb"))["project"]["dependencies"]))' \
      > /tmp/requirements.txt \
 && /opt/venv/bin/pip install --quiet -r /tmp/requirements.txt \
 && /opt/venv/bin/pip uninstall --quiet -y pip setuptools

# --- Stage 3: the runtime -------------------------------------------------------------------
FROM debian:bookworm-slim
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin

# An unprivileged user that owns nothing but the data folder.
RUN groupadd --system --gid 10001 opdenksessie \
 && useradd --system --uid 10001 --gid opdenksessie --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin opdenksessie \
 && mkdir -p /data \
 && chown opdenksessie:opdenksessie /data

COPY --from=python /opt/venv /opt/venv
WORKDIR /app
COPY app/ app/
COPY templates/ templates/
COPY static/ static/
COPY workforms/ workforms/
COPY casussen/ casussen/
COPY --from=assets /build/static/vendor/ static/vendor/
RUN python3 -m compileall -q app

# SQLite database and the generated cookie key live on the volume /data.
# Behind a reverse proxy on another host/container, also set FORWARDED_ALLOW_IPS to its address
# so that --proxy-headers trusts its X-Forwarded-* headers (uvicorn's default: 127.0.0.1 only).
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    OPD_DATA_DIR=/data \
    DATABASE_URL=sqlite:////data/opdenksessie.db
VOLUME /data

USER opdenksessie
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python3", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4).status != 200)"]
# One process on purpose: live board updates go through an in-process broker. An open board keeps
# its event stream open forever, so stop waiting for it after 5 s (docker stop would kill at 10 s).
CMD ["uvicorn", "app.main:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000", \
     "--proxy-headers", "--timeout-graceful-shutdown", "5"]
