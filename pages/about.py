"""Sources and method: where every case comes from, how it was classified, boundary credits."""

from __future__ import annotations

import streamlit as st

from data import report, vocab
from ui import knowledge_cache
from ui.errors import error_boundary
from ui.page import setup_page
from ui.sources import sectors_section, seeds_section, sources_section

page = setup_page("nav.about", panel=False)
t, clusters = page.t, page.atlas.clusters

st.title(t("about.title"))
st.write(t("about.intro"))

st.header(t("about.data_heading"))
st.write(t("about.data_text", n=len(clusters)))
st.subheader(t("about.counts_heading"))
counts = report.cases_per_area(clusters)
st.dataframe(
    {t("about.area_col"): [t.label("area", a) for a in counts.index], t("about.cases_col"): counts.tolist()},
    hide_index=True,
    width="content",
)

st.subheader(t("about.completeness_heading"))
st.caption(t("about.completeness_text"))
complete = report.completeness(clusters)
st.dataframe(
    (complete * 100)
    .round()
    .astype(int)
    .rename(index=lambda a: t("about.all_areas") if a == "all" else t.label("area", a))
    .rename(columns=lambda c: t(f"about.field_{c}"))
    .rename_axis(t("card.area")),
    width="content",
    column_config={
        t(f"about.field_{c}"): st.column_config.NumberColumn(format="%d %%") for c in complete.columns
    },
)

st.subheader(t("about.policy_heading"))
st.write(t("about.policy_text"))

with error_boundary(t):
    sectors_section(page, knowledge_cache.sector_rules())

st.subheader(t("about.sizes_heading"))
st.write(
    t(
        "about.sizes_text",
        emp_medium=vocab.EMPLOYEES_MEDIUM,
        emp_large=vocab.EMPLOYEES_LARGE,
        mem_medium=vocab.MEMBERS_MEDIUM,
        mem_large=vocab.MEMBERS_LARGE,
    )
)

st.subheader(t("comparable.method_title"))
st.write(t("comparable.method"))

st.subheader(t("about.sources_heading"))
sources = report.source_counts(clusters)
st.dataframe(
    sources.rename(columns={"source": t("about.source_col"), "cases": t("about.n_col")}),
    hide_index=True,
    width="stretch",
)

st.header(t("sources.all_heading"))
with error_boundary(t):
    seeds_section(page, knowledge_cache.topic("documents")["seeds"])
with error_boundary(t):
    sources_section(page, knowledge_cache.sources())

st.header(t("about.boundaries_heading"))
st.write(t("about.boundaries_text"))
