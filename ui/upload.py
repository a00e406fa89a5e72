"""The "your data" page: upload, map columns, see problems in words, map the valid rows (session only)."""

from __future__ import annotations

import html
from typing import Final

import pandas as pd
import pydeck as pdk
import streamlit as st

from data import encodings, upload
from data.text import fold
from data.vocab import SECTORS
from geo import gazetteer, layers
from geo.boundaries import BASEMAP_URL
from geo.view import DEFAULT_VIEW, VIEW_PRESETS
from ui.describe import draw_words, uploaded_summary
from ui.i18n import LANGUAGES, Translator, country_name
from ui.markdown import escape_md

UPLOAD_KEY: Final[str] = "upload_file"
MAPPING_PREFIX: Final[str] = "upload_map_"
WITH_BUILT_IN_KEY: Final[str] = "upload_with_built_in"
ENCODING_KEY: Final[str] = "upload_encoding"
AUTO: Final[str] = "auto"
# The encodings offered to override the detected one (data/encodings.py reads them all).
ENCODING_CHOICES: Final[tuple[str, ...]] = (AUTO, "utf_8", "utf_16", *encodings.LEGACY)
UPLOADED_LAYER_ID: Final[str] = "uploaded"
UPLOADED_RGB: Final[list[int]] = [0, 0, 0]
UPLOADED_PX: Final[int] = 18
# A triangle drawn from inline SVG: "your data" never looks like the atlas's own cases.
_TRIANGLE: Final[dict[str, object]] = {
    "url": "data:image/svg+xml;charset=utf-8,"
    + "%3Csvg xmlns='http://www.w3.org/2000/svg' width='64' height='64'%3E"
    + "%3Cpath d='M32 4 L62 60 L2 60 Z' fill='black' stroke='white' stroke-width='4'/%3E%3C/svg%3E",
    "width": 64,
    "height": 64,
    "anchorY": 60,
    "mask": False,
}


@st.cache_resource(show_spinner=False)
def _gazetteer_ready() -> bool:
    gazetteer.places()
    return True


@st.cache_data(max_entries=8, show_spinner=False)
def _detect(content: bytes) -> str:
    """The detected encoding of a file, kept across the page's reruns (column changes, toggles)."""
    return encodings.detect(content)


def locate(city: str, country: str | None) -> tuple[float, float, str] | None:
    """Coordinates of a city from the offline gazetteer."""
    _gazetteer_ready()
    place = gazetteer.lookup(city, country)
    return None if place is None else (place.lat, place.lon, place.source())


def sector_labels() -> dict[str, str]:
    """Every sector label of every language, to recognise sectors typed in any."""
    return {Translator(lang).label("sector", s): s for lang in LANGUAGES for s in SECTORS}


def describe(problem: upload.Problem, t: Translator) -> str:
    """A problem in plain words, in the user's language."""
    return t(f"upload.problem_{problem.code}", **problem.params)


def column_mapping(table: pd.DataFrame, t: Translator) -> dict[str, str | None]:
    """Guessed column matches, which the user can change."""
    guessed = upload.match_columns(list(table.columns))
    options: list[str | None] = [None, *upload.FIELDS]
    mapping: dict[str, str | None] = {}
    with st.expander(t("upload.mapping"), expanded=any(target is None for target in guessed.values())):
        for index, header in enumerate(table.columns):
            key = f"{MAPPING_PREFIX}{index}"
            if key not in st.session_state:
                st.session_state[key] = guessed[header]
            mapping[header] = st.selectbox(
                header,
                options,
                format_func=lambda f: t("upload.ignore") if f is None else t(f"upload.field_{f}"),
                key=key,
                placeholder=t("upload.choose"),
            )
    return mapping


def uploaded_points(valid: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """The valid uploaded rows as map points with an escaped tooltip."""
    return pd.DataFrame(
        {
            "lon": valid["lon"].astype(float).round(4),
            "lat": valid["lat"].astype(float).round(4),
            "icon": [_TRIANGLE] * len(valid),
            "tip_name": valid["name"].map(lambda s: html.escape(str(s))),
            "tip_place": [
                html.escape(
                    ", ".join(p for p in (str(city or ""), country_name(str(c), t.lang) if c else "") if p)
                )
                for city, c in zip(valid["city"].fillna(""), valid["country_iso2"].fillna(""), strict=True)
            ],
            "tip_sectors": html.escape(t("upload.your_data")),
        }
    )


def upload_deck(valid: pd.DataFrame, built_in: pd.DataFrame | None, t: Translator) -> pdk.Deck:
    """Your data as triangles, over the atlas's cases when asked."""
    deck_layers = [layers.basemap_layer(BASEMAP_URL)]
    if built_in is not None:
        points = layers.cluster_points(
            built_in,
            sector_labels=t.labels("sector", SECTORS),
            country_name=lambda c: country_name(c, t.lang),
        )
        deck_layers += layers.case_layers(points)
    deck_layers.append(
        pdk.Layer(
            "IconLayer",
            uploaded_points(valid, t),
            id=UPLOADED_LAYER_ID,
            pickable=True,
            get_position=["lon", "lat"],
            get_icon="icon",
            size_units="'pixels'",
            get_size=UPLOADED_PX,
        )
    )
    return pdk.Deck(
        layers=deck_layers,
        initial_view_state=layers.view_state(VIEW_PRESETS[DEFAULT_VIEW]),
        map_provider=None,
        tooltip={"html": layers.TOOLTIP_HTML, "style": {"fontSize": "14px"}},
    )


def encoding_choice(name: str, content: bytes, t: Translator) -> str | None:
    """The encoding to read a text file with: the detected one unless the user picks another.
    Excel files hold their own text: None, and no choice is shown."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else "csv"
    if extension in upload.EXCEL_EXTENSIONS:
        return None
    detected = _detect(content)
    chosen: str = st.selectbox(
        t("upload.encoding"),
        ENCODING_CHOICES,
        format_func=lambda e: (
            t("upload.encoding_auto", encoding=encodings.label(detected)) if e == AUTO else encodings.label(e)
        ),
        key=ENCODING_KEY,
        help=t("upload.encoding_help"),
    )
    return detected if chosen == AUTO else chosen


def upload_page(built_in: pd.DataFrame, t: Translator) -> None:
    """The whole flow: file, columns, problems, map, invalid rows download."""
    st.title(t("upload.title"))
    st.write(t("upload.intro", limit=upload.MAX_BYTES // (1024 * 1024)))
    file = st.file_uploader(
        t("upload.file"), type=["csv", "tsv", "txt", "xlsx", "xlsm", "geojson", "json"], key=UPLOAD_KEY
    )
    if file is None:
        st.caption(t("upload.privacy"))
        return
    content = file.getvalue()
    chosen = encoding_choice(file.name, content, t)
    try:
        read = upload.read_upload(file.name, content, chosen)
    except upload.UploadError as error:
        st.error(t(f"upload.error_{error.code}", **{k: str(v) for k, v in error.params.items()}))
        return
    table = read.table
    used = (
        ""
        if read.encoding is None
        else " " + t("upload.encoding_used", encoding=encodings.label(read.encoding))
    )
    st.caption(t("upload.read", rows=len(table), columns=len(table.columns)) + used)
    mapping = column_mapping(table, t)
    result = upload.validate(
        table,
        mapping,
        locate=locate,
        sector_labels=sector_labels(),
        taken_ids=frozenset(built_in["id"]),
    )
    ok, bad = len(result.valid), len(result.invalid)
    st.markdown(t("upload.summary", ok=ok, bad=bad, filled=result.filled_from_city))
    if result.notes:
        st.markdown(f"**{t('upload.notes')}**")
        notes = [
            {t("upload.row"): n.row, t("upload.column"): n.column or "", t("upload.note"): describe(n, t)}
            for n in result.notes
        ]
        st.dataframe(pd.DataFrame(notes), hide_index=True, width="stretch")
    if result.problems:
        problems = pd.DataFrame(
            [
                {
                    t("upload.row"): p.row,
                    t("upload.column"): p.column or "",
                    t("upload.problem"): describe(p, t),
                }
                for p in result.problems
            ]
        )
        st.dataframe(problems, hide_index=True, width="stretch")
        st.download_button(
            t("upload.download_invalid"),
            data=upload.invalid_rows_csv(result, lambda p: describe(p, t)),
            file_name=f"invalid_rows_{fold(file.name, 'word').replace(' ', '_')}.csv",
            mime="text/csv",
            key="upload_invalid",
        )
    if ok:
        with_built_in = st.toggle(t("upload.with_built_in"), value=True, key=WITH_BUILT_IN_KEY)
        summary = uploaded_summary(result.valid, t)
        st.pydeck_chart(
            upload_deck(result.valid, built_in if with_built_in else None, t),
            height=560,
            key="upload_map",
            alt=t("upload.map_alt", n=ok) + " " + summary,
        )
        draw_words(summary, t)
        st.caption("▲ " + t("upload.legend") + " · " + t("upload.city_credit", source=gazetteer.SOURCE))
        st.dataframe(result.valid, hide_index=True, width="stretch")
    st.caption(escape_md(t("upload.privacy")))
