# The armoedegraaf API image (used by docker-compose.yml; the Neo4j server is its own service).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY armoedegraaf ./armoedegraaf
COPY graph ./graph
COPY loaders ./loaders
COPY api ./api
COPY data ./data
RUN pip install --no-cache-dir . \
 && useradd --system --uid 10001 --home-dir /home/armoedegraaf --create-home armoedegraaf \
 && mkdir -p /var/lib/armoedegraaf && chown armoedegraaf /var/lib/armoedegraaf
ENV ARMOEDEGRAAF_SOURCES_DIR=/app/data/sources ARMOEDEGRAAF_DATA_DIR=/var/lib/armoedegraaf
# Not root: the code and sources stay root-owned (read-only to the server), only the data dir is writable.
USER armoedegraaf
EXPOSE 8000
CMD ["armoedegraaf", "serve", "--host", "0.0.0.0"]
