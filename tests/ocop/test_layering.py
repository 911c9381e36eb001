"""The layering of the apps (README, "Architecture: layering"): each app imports only from the apps below it.

    geo → accounts → products → evaluation → certificates → exchange → opendata → stats → portal, and `ocop` above
    all.

`ocop` also holds helpers that import no app (text, env, errors, admin_helpers, ...): they are the base every app
may use. Every import counts, at the top of a module or inside a function. A lower app that needs something from
a higher one offers a signal or a hook that the higher app fills when it loads (its AppConfig.ready()).
"""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# exchange (imports and exports), opendata (the public API and snapshots) and stats (statistics) sit above
# certificates and below portal, in this order.
LAYERS = ["geo", "accounts", "products", "evaluation", "certificates", "exchange", "opendata", "stats", "programme",
          "portal"]
PROJECT = "ocop"


def module_name(root, path):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(root, dotted):
    path = root.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def imports_of(root, path):
    """(line, imported module) for every import of the file, however deep inside functions or classes."""
    current = module_name(root, path).split(".")
    package = current if path.name == "__init__.py" else current[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x, from ..y import z
                base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
            for alias in node.names:  # `from package import module` imports the module
                name = f"{base}.{alias.name}"
                found.append((node.lineno, name if is_module(root, name) else base))
    return found


def python_files(root, package):
    return sorted((root / package).rglob("*.py"))


def base_helpers(root):
    """The `ocop` modules that import no app, directly or through other `ocop` modules."""
    graph = {module_name(root, path): {m for _line, m in imports_of(root, path)}
             for path in python_files(root, PROJECT)}
    base = set(graph)
    changed = True
    while changed:  # drop what imports an app, or an ocop module already dropped, until nothing changes
        changed = False
        for module in sorted(base):
            if any(t.split(".")[0] in LAYERS or (t in graph and t not in base) for t in graph[module]):
                base.discard(module)
                changed = True
    return base


def upward_imports(root):
    """Every import, in an app, of a higher app or of an `ocop` module that is not a base helper."""
    base = base_helpers(root)
    offenders = []
    for app in LAYERS:
        for path in python_files(root, app):
            for line, module in imports_of(root, path):
                target = module.split(".")[0]
                where = f"{path.relative_to(root)}:{line} imports {module}"
                if target in LAYERS and LAYERS.index(target) > LAYERS.index(app):
                    offenders.append(f"{where} ({target} is above {app})")
                elif target == PROJECT and module != PROJECT and module not in base:
                    offenders.append(f"{where} (an ocop module that imports apps)")
    return list(dict.fromkeys(offenders))  # one line importing two names is one offence


def import_cycles(root):
    """Modules of the project that import each other, directly or around a loop (Tarjan's components)."""
    graph = {}
    for package in (*LAYERS, PROJECT):
        for path in python_files(root, package):
            graph[module_name(root, path)] = {m for _line, m in imports_of(root, path)}
    for module in graph:
        graph[module] &= graph.keys()
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in graph[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(" ↔ ".join(sorted(component)))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return cycles


def test_no_app_imports_from_an_app_above_it():
    offenders = upward_imports(ROOT)
    assert offenders == [], "upward imports (see README, Architecture: layering):\n" + "\n".join(offenders)


def test_no_two_modules_import_each_other():
    cycles = import_cycles(ROOT)
    assert cycles == [], "import cycles:\n" + "\n".join(cycles)


def test_the_base_helpers_of_ocop_import_no_app():
    base = base_helpers(ROOT)
    assert {"ocop.text", "ocop.env", "ocop.errors", "ocop.admin_helpers"} <= base
    assert "ocop.urls" not in base and "ocop.management.commands.load_demo" not in base


def tree(root, files):
    for app in LAYERS + [PROJECT]:
        (root / app).mkdir(parents=True)
        (root / app / "__init__.py").write_text("")
    for name, text in files.items():
        (root / name).write_text(text)
    return root


def test_an_upward_import_inside_a_function_is_found(tmp_path):
    root = tree(tmp_path, {
        "ocop/text.py": "import re\n",
        "ocop/urls.py": "from portal import views\n",
        "portal/views.py": "from products import services\n",
        "products/services.py": "from ocop.text import re\n\n\ndef accept():\n"
                                "    from evaluation.services import enrol\n",
        "evaluation/helpers.py": "from . import errors\nfrom ocop import urls\n",
        "evaluation/errors.py": "from ..accounts import models\n",
    })
    assert upward_imports(root) == [
        "products/services.py:5 imports evaluation.services (evaluation is above products)",
        "evaluation/helpers.py:2 imports ocop.urls (an ocop module that imports apps)",
    ]


def test_a_cycle_through_an_import_inside_a_function_is_found(tmp_path):
    root = tree(tmp_path, {
        "certificates/batches.py": "from certificates.rendering import render\n\n\ndef start():\n"
                                   "    from certificates.tasks import print_batch\n",
        "certificates/tasks.py": "from certificates import batches\n",
        "certificates/rendering.py": "import io\n",
    })
    assert import_cycles(root) == ["certificates.batches ↔ certificates.tasks"]


NOQA = re.compile(r"#\s*noqa:[^#\n]*\bPLC0415\b(?P<why>[^\n]*)")


def test_every_import_inside_a_function_says_why():
    """Ruff (PLC0415, `make lint`) refuses an import inside a function unless `# noqa: PLC0415` is on it; that
    comment must go on to say why the import cannot be at the top."""
    silent = []
    paths = [*ROOT.glob("*.py"), *(p for d in (*LAYERS, PROJECT, "tests", "bench") for p in python_files(ROOT, d))]
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = NOQA.search(line)
            if match and len(re.sub(r"[\s—–:,-]", "", match["why"])) < 8:
                silent.append(f"{path.relative_to(ROOT)}:{number}")
    assert silent == [], "`# noqa: PLC0415` without a reason:\n" + "\n".join(silent)
