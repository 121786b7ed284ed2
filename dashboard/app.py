"""The dashboard's entry script (`streamlit run` target): page setup and navigation.

Pages live in `views/`; each reads the store through `cache` and shows stored text as
text. The store comes from LIVEAUDIT_DB (set by `liveaudit dashboard --db`).
"""

from pathlib import Path

import streamlit as st

HERE = Path(__file__).parent

st.set_page_config(page_title="liveaudit", page_icon=":material/live_tv:", layout="wide")

pages = [
    st.Page(
        HERE / "views" / "overview.py", title="Overview", icon=":material/insights:", url_path="overview", default=True
    ),
    st.Page(HERE / "views" / "claims.py", title="Claims", icon=":material/format_quote:", url_path="claims"),
    st.Page(HERE / "views" / "system.py", title="System", icon=":material/memory:", url_path="system"),
    st.Page(
        HERE / "views" / "measured.py",
        title="Claimed vs measured",
        icon=":material/compare_arrows:",
        url_path="measured",
    ),
    st.Page(HERE / "views" / "card.py", title="Fact-check card", icon=":material/fact_check:", url_path="card"),
    st.Page(HERE / "views" / "runs.py", title="Runs", icon=":material/history:", url_path="runs"),
]
st.navigation(pages).run()
