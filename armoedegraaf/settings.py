"""The one settings class: read from the environment (and .env), validated, built on demand."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = PROJECT_ROOT / "data" / "sources"


class Settings(BaseSettings):
    """Every knob of armoedegraaf. Environment names are `ARMOEDEGRAAF_<FIELD>`, except the
    Neo4j connection, which uses the names the Neo4j tooling uses (`NEO4J_URI`, ...)."""

    model_config = SettingsConfigDict(env_prefix="ARMOEDEGRAAF_", env_file=".env", extra="ignore")

    backend: Literal["memory", "neo4j"] = "memory"
    data_dir: Path = Field(default=PROJECT_ROOT / ".armoedegraaf", description="embedded graph storage")
    sources_dir: Path = DEFAULT_SOURCES
    neo4j_uri: str = Field(
        default="bolt://127.0.0.1:7687", validation_alias=AliasChoices("NEO4J_URI", "ARMOEDEGRAAF_NEO4J_URI")
    )
    neo4j_user: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "ARMOEDEGRAAF_NEO4J_USER"))
    neo4j_password: str = Field(
        default="", validation_alias=AliasChoices("NEO4J_PASSWORD", "ARMOEDEGRAAF_NEO4J_PASSWORD")
    )
    neo4j_database: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_DATABASE", "ARMOEDEGRAAF_NEO4J_DATABASE")
    )
    neo4j_batch_size: int = Field(default=1000, ge=1, le=100_000)
    # rows per committed transaction of a big load into an empty database (bounded server memory)
    neo4j_tx_rows: int = Field(default=20_000, ge=1)
    # seconds a read of Neo4j's graph-state stamp is trusted: how stale a cached answer may be
    # after another process writes (0: ask on every request)
    neo4j_state_seconds: float = Field(default=1.0, ge=0, le=3600)
    # cache GET answers per state of the graph and of the verdicts (off: every answer computed)
    answer_cache: bool = True
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    # "key1,key2:write": API keys (read-only unless ":write"); empty: the API is open, as on 127.0.0.1
    api_keys: str = Field(default="", repr=False)
    max_body_bytes: int = Field(default=1_000_000, ge=1_000)
    request_budget_seconds: float = Field(default=20.0, gt=0)

    def api_key_scopes(self) -> dict[str, str]:
        """{key: "read" | "write"} from api_keys."""
        scopes: dict[str, str] = {}
        for item in self.api_keys.split(","):
            key, _, scope = item.strip().partition(":")
            if key:
                scopes[key] = "write" if scope.strip().lower() == "write" else "read"
        return scopes
