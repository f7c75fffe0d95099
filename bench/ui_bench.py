"""Does every page of the front end render within 1 s of server time with 1,000
registered datasets and 200 assessments in the store?

The store: the demo (seven pilots with synthetic data, scans, quality runs, accounts, and
a gate decision per pilot, purpose and first recipient), plus 993 registrations made from
the pilots' YAML with new ids, titles and organisations, plus assessments until there are
200: pre-scans, DPIAs, IAMA and DEDA on the datasets, a few answers each, some submitted.

Each page is run with Streamlit's AppTest (the real app: sign-in state, navigation, the
page), as the role it is for. "cold" is a run of that page with `st.cache_data` emptied first
(the store and the imports are warm from the sign-in run before it);
"warm" is the median of --repeat further runs (what a person clicking around meets).
Server time is the wall time of `AppTest.run()`: the whole script run, no browser.

Run: .venv/bin/python bench/ui_bench.py [--datasets 1000] [--assessments 200] [--repeat 5]
Everything is written under a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = (  # page, as whom
    ("dashboard", "analist"),
    ("catalogue", "analist"),
    ("register", "steward"),
    ("dpia", "privacy-officer"),
    ("ethics", "steward"),
    ("approval", "analist"),
    ("audit_log", "privacy-officer"),
)
ORGANISATIONS = (
    "Gemeente Rivierstad",
    "Gemeente Dijkhoven",
    "Gemeente Heuvelrug",
    "Gemeente Polderwaard",
    "Samenwerking Sociaal Domein",
)


def build_store(folder: Path, datasets: int, assessments: int) -> str:
    from governance.domain.templates import TemplateKind
    from governance.services import Governance

    url = f"sqlite:///{folder / 'governance.db'}"
    os.chdir(folder)
    admin = Governance.open(url, "beheer")
    admin.run_demo(Path("demo-data"), None, seed=2026, rows=300)
    steward = Governance.open(url, "steward")
    for registration in steward.list_catalog():
        for purpose in registration.purposes:
            if registration.recipients:
                steward.gate(registration.id, registration.recipients[0].id, purpose.id)
    pilots = [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "catalog").glob("*.yaml"))
    ]
    generated = folder / "generated"
    generated.mkdir()
    for number in range(datasets - len(pilots)):
        document = dict(pilots[number % len(pilots)])
        document["id"] = f"{document['id']}-{number:04d}"
        document["title"] = f"{document['title']} ({number})"
        document["organisation"] = ORGANISATIONS[number % len(ORGANISATIONS)]
        document.pop("version", None)
        (generated / f"{document['id']}.yaml").write_text(
            yaml.safe_dump(document, allow_unicode=True), encoding="utf-8"
        )
    steward.import_catalog([generated])
    ids = [r.id for r in steward.list_catalog()]
    kinds = (TemplateKind.DPIA, TemplateKind.DPIA, TemplateKind.IAMA, TemplateKind.DEDA)
    existing = len(steward.assessments())
    for number in range(assessments - existing):
        if number % 5 == 4:
            steward.prescan(
                [ids[number % len(ids)]], accept_suggestions=True, others_no=True, save=True
            )
            continue
        made = steward.new_assessment(
            kinds[number % len(kinds)], [ids[number % len(ids)]], f"Beoordeling {number}"
        )
        first = steward.assessment(made.id).template.questions[0]
        steward.answer(made.id, {first.id: "Beschrijving van de verwerking"})
    return url


def time_pages(url: str, repeat: int) -> list[tuple[str, str, float, float]]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from ui.components.session import SignedIn

    os.environ["GOVERNANCE_DB"] = url
    results = []
    for page, user in PAGES:
        app = AppTest.from_file(str(ROOT / "ui" / "app.py"), default_timeout=120)
        app.session_state["signed_in"] = SignedIn(user, "password")
        app.run()
        app.switch_page(f"pages/{page}.py")
        st.cache_data.clear()  # cold: nothing of any page cached
        started = time.perf_counter()
        app.run()
        cold = time.perf_counter() - started
        assert not app.exception, f"{page}: {app.exception}"
        assert not app.error, f"{page}: {[e.value for e in app.error]}"  # e.g. not allowed
        warm = []
        for _ in range(repeat):
            started = time.perf_counter()
            app.run()
            warm.append(time.perf_counter() - started)
        results.append((page, user, cold, statistics.median(warm)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=int, default=1000)
    parser.add_argument("--assessments", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # AppTest warns per widget
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        url = build_store(Path(folder), arguments.datasets, arguments.assessments)
        built = time.perf_counter() - started
        print(
            f"store: {arguments.datasets} datasets, {arguments.assessments} assessments "
            f"(built in {built:.0f} s)"
        )
        results = time_pages(url, arguments.repeat)
    print(f"{'page':<12} {'as':<16} {'cold ms':>8} {'warm ms':>8}")
    for page, user, cold, warm in results:
        flag = "" if max(cold, warm) < 1.0 else "  over 1 s"
        print(f"{page:<12} {user:<16} {cold * 1000:8.0f} {warm * 1000:8.0f}{flag}")


if __name__ == "__main__":
    main()
