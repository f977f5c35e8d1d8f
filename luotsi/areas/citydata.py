"""Load a city described by data/<slug>/city.json (what `make run` and the tests use)."""

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from luotsi.areas.importing import (
    ImportProblems,
    read_area_features,
    read_major_districts_csv,
    read_population_csv,
)
from luotsi.areas.services import ImportSummary, city_import


def data_dir(slug: str) -> Path:
    return Path(settings.BASE_DIR) / "data" / slug


def read_city_config(slug: str) -> tuple[Path, dict[str, Any]]:
    """The city's folder and its parsed city.json (ImportProblems naming the file if it
    cannot be read)."""
    folder = data_dir(slug)
    config_file = folder / "city.json"
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ImportProblems(
            [_("%(file)s: %(error)s") % {"file": config_file, "error": exc}]
        ) from exc
    if not isinstance(config, dict):
        raise ImportProblems([_("%(file)s: not a JSON object") % {"file": config_file}])
    return folder, config


def load_city_folder(
    slug: str, folder: Path | None = None, progress: bool = False
) -> ImportSummary:
    folder = folder or data_dir(slug)
    config_file = folder / "city.json"
    try:
        config: dict[str, Any] = json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ImportProblems(
            [_("%(file)s: %(error)s") % {"file": config_file, "error": exc}]
        ) from exc
    names = config.get("name")
    if not isinstance(names, dict) or not names.get("fi"):
        raise ImportProblems(
            [_("%(file)s: 'name' must map language codes to names") % {"file": config_file}]
        )
    districts_config = config["districts"]
    districts = read_area_features(
        folder / districts_config["file"],
        code_field=districts_config["code_field"],
        name_field=districts_config["name_field"],
        name_sv_field=districts_config.get("name_sv_field"),
        name_en_field=districts_config.get("name_en_field"),
        parent_field=districts_config["major_field"],
        source_crs=districts_config.get("crs"),
        progress=progress,
    )
    subs_config = config.get("sub_districts")
    sub_districts = (
        read_area_features(
            folder / subs_config["file"],
            code_field=subs_config["code_field"],
            name_field=subs_config["name_field"],
            name_sv_field=subs_config.get("name_sv_field"),
            name_en_field=subs_config.get("name_en_field"),
            parent_field=subs_config["district_field"],
            source_crs=subs_config.get("crs"),
            progress=progress,
        )
        if subs_config
        else []
    )
    population_file = config.get("population")
    return city_import(
        slug=slug,
        names=names,
        major_districts=read_major_districts_csv(folder / config["major_districts"]),
        districts=districts,
        sub_districts=sub_districts,
        population=read_population_csv(folder / population_file) if population_file else [],
        attribution=str(config.get("attribution", "")),
    )
