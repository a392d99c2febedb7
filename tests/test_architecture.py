"""The layers of docs/architecture.md, checked on the import graph (grimp): the kernel imports
no app, the site never imports the tooling, apps never import the composition above them, and
no two packages import each other, directly or through others."""

import itertools
from pathlib import Path

import grimp
import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
KERNEL = "core"
COMPOSITION = ["portal", "importer"]
APPS = ["news", "documents", "polls", "pages", "multimedia", "stats", "accounts", "api"]
TOOLING = ["devtools", "bench"]
PACKAGES = [KERNEL, *COMPOSITION, *APPS, *TOOLING]


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*PACKAGES, cache_dir=None)


def _imports(graph, importer, imported):
    return graph.find_shortest_chains(importer=importer, imported=imported, as_packages=True)


def test_every_package_is_in_the_check():
    on_disk = {p.parent.name for p in BASE_DIR.glob("*/__init__.py")} - {"tests"}
    assert on_disk == set(PACKAGES)


def test_the_kernel_imports_no_app(graph):
    found = {p: _imports(graph, KERNEL, p) for p in PACKAGES if p != KERNEL}
    assert {p: chains for p, chains in found.items() if chains} == {}


def test_the_site_never_imports_the_tooling(graph):
    site = [KERNEL, *COMPOSITION, *APPS]
    found = {(s, t): _imports(graph, s, t) for s in site for t in TOOLING}
    assert {pair: chains for pair, chains in found.items() if chains} == {}


def test_apps_never_import_the_composition_above_them(graph):
    found = {(a, c): _imports(graph, a, c) for a in APPS for c in COMPOSITION}
    assert {pair: chains for pair, chains in found.items() if chains} == {}


def test_no_two_packages_import_each_other(graph):
    cycles = {
        (a, b): (_imports(graph, a, b), _imports(graph, b, a))
        for a, b in itertools.combinations([KERNEL, *COMPOSITION, *APPS], 2)
    }
    assert {pair: chains for pair, chains in cycles.items() if all(chains)} == {}
