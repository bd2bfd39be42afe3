"""The source registry: every document the product loads, named once with its title, its loader and
the plan it holds.

The pipeline (loaders/pipeline.py) loads the registry's sources in its order; a new source (another
plan in the fiche format of 004, say) is one more entry here, or a registry of its own passed to
`build_graph(..., sources=...)`. The Source protocol is loaders/protocol.py's.
"""

from __future__ import annotations

from typing import Sequence

from loaders.handbook.projects import build_handbook, parse_handbook
from loaders.local_teams.teams import PLAN as LOCAL_TEAMS_PLAN, build_local_teams, parse_local_teams
from loaders.opgroeien.plan import PLAN as OPGROEIEN_PLAN, build_opgroeien_plan, parse_opgroeien_plan
from loaders.platforms.build import CALL, build_platforms
from loaders.platforms.document import parse_platforms
from loaders.protocol import PlanInfo, Source, TextSource
from loaders.sociale_kaart.tables import SOCIALE_KAART
from loaders.vapa.build import PLAN as VAPA_PLAN, build_vapa
from loaders.vapa.document import parse_vapa

VAPA = TextSource("004", "Vlaams Actieplan Armoedebestrijding 2015-2019: volledig overzicht van alle acties",
                  "the action plan", parse_vapa, build_vapa, plan=VAPA_PLAN)
PLATFORMS = TextSource("002", "KPMG-studie van de lokale overlegplatforms kinderarmoede (2014-2015)",
                       "the platform study", parse_platforms, build_platforms, plan=PlanInfo(CALL, "2014-2015"))
LOCAL_TEAMS = TextSource("000", "Schriftelijke vraag: bestrijding kinderarmoede - lokale teams (Opgroeien)",
                         "the answer on local teams", parse_local_teams, build_local_teams,
                         plan=PlanInfo(LOCAL_TEAMS_PLAN))
HANDBOOK = TextSource("001", "Handboek 'Elk kind telt': lokale projecten tegen kinderarmoede",
                      "the handbook", parse_handbook, build_handbook)
OPGROEIEN = TextSource("003", "Opgroeien: armoedeplan 2025 en VAPA-planning",
                       "the Opgroeien slides", parse_opgroeien_plan, build_opgroeien_plan,
                       plan=PlanInfo(OPGROEIEN_PLAN))

# In load order: 004 first, for the plan's grondrechten and actors are what the local sources link to.
BUNDLED: tuple[Source, ...] = (VAPA, PLATFORMS, LOCAL_TEAMS, HANDBOOK, OPGROEIEN)
# What a coordinator's own files (`load --extra`) are read as.
EXTRA: Source = SOCIALE_KAART


def by_key(key: str, sources: Sequence[Source] = BUNDLED) -> Source:
    return next(s for s in sources if s.key == key)


def titles(sources: Sequence[Source] = BUNDLED) -> dict[str, str]:
    """The title of each source by its key ('004' -> 'Vlaams Actieplan ...')."""
    return {s.key: s.title for s in sources}
