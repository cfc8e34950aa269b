"""The docs match the code: every setting and flag is documented, and the import
rules of ../shared/ARCHITECTURE.md (and docs/architecture.md) hold."""
import argparse
import ast
import re
from pathlib import Path

import pytest

from kcassistant.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SOURCES = sorted([*ROOT.glob("kcassistant/**/*.py"), *ROOT.glob("ingest/*.py"), ROOT / "app.py"])


def test_every_environment_variable_the_code_reads_is_in_the_readme():
    names = {name for path in SOURCES for name in re.findall(r"\bKC_[A-Z_]+\b", path.read_text(encoding="utf-8"))}
    assert names, "no KC_* variable found: the scan is broken"
    missing = sorted(n for n in names if f"`{n}`" not in README)
    assert not missing, f"README.md does not document {missing}"


def _flags(parser: argparse.ArgumentParser) -> set[str]:
    flags = {s for action in parser._actions for s in action.option_strings if s not in ("-h", "--help")}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                flags |= _flags(sub)
    return flags


def test_every_cli_flag_and_command_is_in_the_readme():
    parser = build_parser()
    missing = sorted(f for f in _flags(parser) if not re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", README))
    assert not missing, f"README.md does not document {missing}"
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    assert all(f"kcassistant {c}" in README for c in commands), sorted(commands)


def _imports(path: Path) -> set[str]:
    """Absolute module names a file imports (relative imports resolved)."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            base = base[:len(base) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            found.add(module)
            found |= {f"{module}.{a.name}" for a in node.names}
    return found


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


# (files, modules they must never import, why)
RULES = [
    ("ingest/*.py", ["kcassistant"], "parsers know nothing of indexes or answers"),
    ("kcassistant/store/*.py", ["kcassistant.answer", "kcassistant.retrieve", "kcassistant.query",
                                "kcassistant.indexer", "kcassistant.assistant"], "the index knows nothing of questions"),
    ("kcassistant/figures/*.py", ["kcassistant.answer", "kcassistant.retrieve", "kcassistant.store",
                                  "kcassistant.assistant"], "figures are extracted and stored below answering"),
    ("kcassistant/indexer.py", ["kcassistant.answer", "kcassistant.retrieve", "kcassistant.query"],
     "the write side knows nothing of questions"),
    ("kcassistant/retrieve.py", ["kcassistant.answer", "kcassistant.indexer", "kcassistant.assistant"],
     "retrieval hands hits to answering, not back"),
    ("kcassistant/answer/*.py", ["kcassistant.indexer", "kcassistant.assistant", "kcassistant.cli"],
     "answerers read records, they do not write or wire"),
    ("kcassistant/query.py", ["kcassistant.store", "kcassistant.retrieve", "kcassistant.answer"],
     "a question is analysed before anything is searched"),
]


@pytest.mark.parametrize("pattern,forbidden,why", RULES, ids=[r[0] for r in RULES])
def test_import_rules(pattern, forbidden, why):
    files = sorted(ROOT.glob(pattern))
    assert files, pattern
    broken = [(_module(f), m) for f in files for m in _imports(f)
              if any(m == x or m.startswith(x + ".") for x in forbidden)]
    assert not broken, f"{why}: {broken}"


def test_the_app_uses_only_the_facade():
    """The app reaches the engine through Assistant (and the UI helpers: the document
    browser's and uploader's, and the conversation export)."""
    allowed = {"kcassistant", "kcassistant.Assistant", "kcassistant.Config", "kcassistant.Feedback",
               "kcassistant.Filters", "kcassistant.INVERSE"}
    used = {m for m in _imports(ROOT / "app.py") if m.startswith("kcassistant")}
    helpers = ("kcassistant.library", "kcassistant.export")
    assert all(m in allowed or m.startswith(helpers) for m in used), used


def test_no_module_over_300_lines():
    long = {str(p.relative_to(ROOT)): n for p in ROOT.glob("kcassistant/**/*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300}
    assert not long, long


def test_architecture_doc_names_every_package_module():
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    modules = [_module(p) for p in ROOT.glob("kcassistant/**/*.py") if p.name != "__init__.py"]
    missing = sorted(m for m in modules if m.split(".", 1)[1].replace(".", "/") + ".py" not in doc)
    assert not missing, f"docs/architecture.md does not place {missing}"
