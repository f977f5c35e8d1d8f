"""Derive Luotsi's Helsinki files in data/helsinki/ from the original open-data files.

Run once by a developer when the source data changes (not at run time, not in tests):

    .venv/bin/python scripts/build_helsinki_data.py /path/to/original/helsinki/data

It writes, next to data/helsinki/SOURCES.md which documents them:
- districts.geojson: the 34 districts with their official three-digit code (101 Vironniemi …
  801 Östersundom), Finnish and Swedish name and major-district number. The code is read
  from the sub-districts that lie inside each district (digits 5–7 of their `kokotun`).
- sub_districts.geojson: the 148 sub-districts with code, names and district code.
- population.csv: per district and year, population and the language and age shares.
- addresses.csv: the address points, unchanged.
"""

import csv
import json
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape

OUT = Path(__file__).resolve().parent.parent / "data" / "helsinki"

# The city's official Swedish names of the 34 districts (peruspiirit).
DISTRICT_NAMES_SV = {
    "Vironniemi": "Estnäs",
    "Ullanlinna": "Ulrikasborg",
    "Kampinmalmi": "Kampmalmen",
    "Taka-Töölö": "Bortre Tölö",
    "Lauttasaari": "Drumsö",
    "Reijola": "Grejus",
    "Munkkiniemi": "Munksnäs",
    "Haaga": "Haga",
    "Pitäjänmäki": "Sockenbacka",
    "Kaarela": "Kårböle",
    "Kallio": "Berghäll",
    "Alppiharju": "Åshöjden",
    "Vallila": "Vallgård",
    "Pasila": "Böle",
    "Vanhakaupunki": "Gammelstaden",
    "Maunula": "Månsas",
    "Länsi-Pakila": "Västra Baggböle",
    "Tuomarinkylä": "Domarby",
    "Oulunkylä": "Åggelby",
    "Itä-Pakila": "Östra Baggböle",
    "Latokartano": "Ladugården",
    "Pukinmäki": "Bocksbacka",
    "Malmi": "Malm",
    "Suutarila": "Skomakarböle",
    "Puistola": "Parkstad",
    "Jakomäki": "Jakobacka",
    "Kulosaari": "Brändö",
    "Herttoniemi": "Hertonäs",
    "Laajasalo": "Degerö",
    "Vartiokylä": "Botby",
    "Myllypuro": "Kvarnbäcken",
    "Mellunkylä": "Mellungsby",
    "Vuosaari": "Nordsjö",
    "Östersundom": "Östersundom",
}

STAT_COLUMNS = {
    "share_finnish_sami": "Proportion of finnish and sami",
    "share_swedish": "Proportion of swedish",
    "share_foreign": "Proportion of foreign language",
    "share_age_0_14": "Proportion of youth (0-14)",
    "share_age_15_64": "Proportion of working age (15-64)",
    "share_age_65_plus": "Proportion of elderly (65+)",
}


def write_geojson(path: Path, features: list[dict]) -> None:
    collection = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n")


def main(source: Path) -> None:
    districts = json.loads((source / "districts_peruspiirit_34.geojson").read_text())["features"]
    subs = json.loads((source / "subdistricts_osa_alueet_148.geojson").read_text())["features"]
    shapes = [(f["properties"]["Area"], shape(f["geometry"])) for f in districts]

    codes: dict[str, Counter[tuple[int, str]]] = {name: Counter() for name, _ in shapes}
    for feature in subs:
        props = feature["properties"]
        centre = shapely.Point(props["c"][1], props["c"][0])
        for name, geometry in shapes:
            if geometry.contains(centre):
                codes[name][(int(props["kokotun"][3]), props["kokotun"][4:7])] += 1
    district_code = {}
    out_districts: list[dict[str, Any]] = []
    for name, geometry in shapes:
        (major, code), _ = codes[name].most_common(1)[0]
        district_code[name] = code
        out_districts.append(
            {
                "type": "Feature",
                "properties": {
                    "code": code,
                    "name_fi": name,
                    "name_sv": DISTRICT_NAMES_SV[name],
                    "major": major,
                },
                "geometry": mapping(geometry),
            }
        )
    out_districts.sort(key=lambda f: str(f["properties"]["code"]))
    write_geojson(OUT / "districts.geojson", out_districts)

    out_subs = [
        {
            "type": "Feature",
            "properties": {
                "code": f["properties"]["code"],
                "name_fi": f["properties"]["name"],
                "name_sv": f["properties"]["name_sv"] or "",
                "district": f["properties"]["kokotun"][4:7],
            },
            "geometry": f["geometry"],
        }
        for f in subs
    ]
    out_subs.sort(key=lambda f: str(f["properties"]["code"]))
    write_geojson(OUT / "sub_districts.geojson", out_subs)

    with (source / "district_statistics_2018_2023.csv").open(encoding="utf-8") as handle:
        rows: list[dict[str, str]] = list(csv.DictReader(handle))
    with (OUT / "population.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["district", "year", "population", *STAT_COLUMNS])
        for row in sorted(rows, key=lambda r: (district_code[r["Area"]], r["Year"])):
            writer.writerow(
                [district_code[row["Area"]], row["Year"], row["Population"]]
                + [f"{float(row[column]):.4f}" for column in STAT_COLUMNS.values()]
            )
    shutil.copyfile(source / "addresses_helsinki_ryhti_2026.csv", OUT / "addresses.csv")
    print(
        f"wrote {len(out_districts)} districts, {len(out_subs)} sub-districts, "
        f"{len(rows)} statistics rows and the address points to {OUT}"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
