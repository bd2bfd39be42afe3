"""`python -m loaders.embed_bundle`: embed every passage of the bundled sources and rewrite the
bundled vector cache (graph/data/vectors_usem3.npz) after a source or passage change.

Here and not in graph/embeddings.py, because it loads the sources: graph/ knows none of them.
"""

from __future__ import annotations

import sys

from armoedegraaf.settings import DEFAULT_SOURCES
from graph import embeddings
from loaders.pipeline import build_graph


def bundle() -> None:
    build_graph(DEFAULT_SOURCES)  # every passage it embeds is recorded in embeddings.USED
    keys = sorted(embeddings.USED)
    embeddings.cache().save(embeddings.BUNDLED, keys)
    print(f"{len(keys)} vectors -> {embeddings.BUNDLED} ({embeddings.BUNDLED.stat().st_size // 1024} KiB); "
          f"embedded {embeddings.STATS.embedded} in {embeddings.STATS.seconds:.1f} s")


if __name__ == "__main__":
    if sys.argv[1:]:
        sys.exit("usage: python -m loaders.embed_bundle")
    bundle()
