"""Presenter mode: a tour of cases as slides (arrow keys), built from a story or the filters; PPTX."""

from __future__ import annotations

import streamlit as st

from ui import present
from ui.errors import error_boundary
from ui.page import setup_page

page = setup_page("nav.present")
t, state = page.t, page.state
story = present.current_story(page.cases, state, t)
contents = present.slide_contents(story, page.atlas, t, images=False, link=present.live_link(state))

with error_boundary(t):
    if state.present:
        index = min(max(state.slide or 1, 1), len(contents))
        present.navigation(index, len(contents), state, t)
        present.draw_slide(
            contents[index - 1],
            present.stop_ids(story)[index - 1],
            story,
            page.atlas,
            state,
            t,
            closing=index == len(contents),
        )
        present.warm_next_map(story, index, page.atlas, state, t)
        if state.notes and contents[index - 1].notes:
            st.info(contents[index - 1].notes)
    else:
        present.builder(story, contents, page.atlas, state, t)
