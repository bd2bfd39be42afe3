# The armoedegraaf API image (used by docker-compose.yml; the Neo4j server is its own service).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY armoedegraaf ./armoedegraaf
COPY graph ./graph
COPY loaders ./loaders
COPY api ./api
COPY data ./data
RUN pip install --no-cache-dir .
ENV ARMOEDEGRAAF_SOURCES_DIR=/app/data/sources
EXPOSE 8000
CMD ["armoedegraaf", "serve", "--host", "0.0.0.0"]
