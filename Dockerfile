# Production image: gunicorn serves the portal; the same image runs the Celery worker and
# beat (see docker-compose.yml). Configuration comes from the environment (docs/configuration.md).
FROM python:3.11-slim-bookworm

# PYTHONPATH: the code in /app wins over the copy `pip install .` puts in site-packages, so
# settings find templates/, static/ and locale/ next to the portal package.
# WEB_CONCURRENCY: gunicorn's worker count (about 2 per CPU core); override it per host.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    STATIC_MANIFEST=1 \
    STATIC_ROOT=/app/staticfiles \
    WEB_CONCURRENCY=3

# gettext: compilemessages; Pango and a font: WeasyPrint PDFs; curl: the health check.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core curl \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 portal \
    && useradd --system --uid 10001 --gid portal --create-home --home-dir /home/portal \
        --shell /usr/sbin/nologin portal

WORKDIR /app

# Dependencies first, from pyproject.toml alone, so code changes reuse this layer.
COPY pyproject.toml ./
RUN python -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
RUN pip install .

# Build-time settings only: a dummy DATABASE_URL keeps settings from starting the embedded
# PostgreSQL (neither command connects to it) and a dummy SECRET_KEY is never kept.
RUN DATABASE_URL=postgres://build:build@127.0.0.1:5432/build \
    SECRET_KEY=build-only-not-a-secret \
    sh -c 'python manage.py compilemessages -v 0 && python manage.py collectstatic --noinput -v 0'

# Uploads live under /data (a volume in docker-compose.yml); a fresh named volume copies
# these directories with their owner. The code stays owned by root, read-only to the app.
RUN mkdir -p /data/media /data/private \
    && chown -R portal:portal /data
ENV MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private

USER portal
EXPOSE 8000

# Refuse to start without a database, a key and Redis: without DATABASE_URL the settings would
# try to start an embedded PostgreSQL, without SECRET_KEY they would generate one per container,
# without REDIS_URL each worker would count rate limits alone (`check --deploy`: portal.E001).
ENTRYPOINT ["/bin/sh", "-c", ": \"${DATABASE_URL:?DATABASE_URL must be set}\" \"${SECRET_KEY:?SECRET_KEY must be set}\" \"${REDIS_URL:?REDIS_URL must be set}\"; exec \"$@\"", "portal"]
# Workers: WEB_CONCURRENCY (gunicorn reads it; 2 by default here). Threads overlap a page's
# database waits with another page's Python: 2 workers x 4 threads served 1.2-4x the signed-in
# pages of 2 sync workers in bench/bench_http.py. Each thread keeps one database connection.
ENV WEB_CONCURRENCY=2
CMD ["gunicorn", "portal.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--threads", "4", \
     "--access-logfile", "-", \
     "--worker-tmp-dir", "/dev/shm"]
