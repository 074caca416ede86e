"""Every rule's conda env exists and lists every third-party package its code imports."""

import ast
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ROOT / "scripts" / "sgd_dmft"
# import name -> conda-forge package name
CONDA_NAME = {"matplotlib": "matplotlib-base", "yaml": "pyyaml"}


def rules():
    """(rule, smk file, conda path, script path) for every rule with a script."""
    found = []
    for smk in sorted((ROOT / "workflow" / "rules").glob("*.smk")):
        for block in re.split(r"^rule ", smk.read_text(), flags=re.M)[1:]:
            name = block.split(":", 1)[0].strip()
            conda = re.search(r"conda:\s*\n\s*\"([^\"]+)\"", block)
            script = re.search(r"script:\s*\n\s*\"([^\"]+)\"", block)
            if script:
                found.append((name, smk, conda and conda.group(1), script.group(1)))
    return found


def _lazy_targets():
    tree = ast.parse((LIBRARY / "__init__.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "_LAZY":
            return ast.literal_eval(node.value)
    return {}


def third_party_imports(path, seen=None):
    """Top-level names of all non-stdlib imports of a file and the library modules it uses
    (function-level imports included)."""
    seen = set() if seen is None else seen
    if path in seen:
        return set()
    seen.add(path)
    found = set()
    lazy = _lazy_targets()
    for node in ast.walk(ast.parse(path.read_text())):
        modules = []
        if isinstance(node, ast.Import):
            modules = [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative import inside the package
                base = "sgd_dmft" + (f".{base}" if base else "")
            modules = [(base, [alias.name for alias in node.names])]
        for module, names in modules:
            top = module.split(".")[0]
            if top == "sgd_dmft":
                parts = module.split(".")[1:]
                targets = [LIBRARY / "__init__.py"]
                if parts:
                    targets.append(LIBRARY / f"{parts[0]}.py")
                for name in names:
                    sub = lazy.get(name, name)
                    if (LIBRARY / f"{sub}.py").exists():
                        targets.append(LIBRARY / f"{sub}.py")
                for target in targets:
                    found |= third_party_imports(target, seen)
            elif top and top not in sys.stdlib_module_names:
                found.add(top)
    return found


def env_packages(env_file):
    deps = yaml.safe_load(env_file.read_text())["dependencies"]
    return {re.split(r"[ =<>]", d.strip())[0] for d in deps if isinstance(d, str)}


RULES = rules()


def test_every_rule_has_a_conda_env():
    assert {r[0] for r in RULES} >= {"integrate", "tau", "fit", "fig_magnetization"}
    for name, _, conda, _ in RULES:
        assert conda, f"rule {name} has no conda: directive"


@pytest.mark.parametrize("rule", RULES, ids=[r[0] for r in RULES])
def test_env_lists_every_import(rule):
    name, smk, conda, script = rule
    env_file = (smk.parent / conda).resolve()
    script_file = (smk.parent / script).resolve()
    assert env_file.exists(), f"{name}: {env_file} missing"
    assert script_file.exists(), f"{name}: {script_file} missing"
    needed = {CONDA_NAME.get(m, m) for m in third_party_imports(script_file)}
    missing = needed - env_packages(env_file)
    assert not missing, f"rule {name}: {sorted(missing)} imported but not in {conda}"
    assert "python" in env_packages(env_file)


def test_env_pins_match_requirements():
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            pins[CONDA_NAME.get(name.strip(), name.strip())] = version.strip()
    for env_file in (ROOT / "envs").glob("*.yaml"):
        for dep in yaml.safe_load(env_file.read_text())["dependencies"]:
            name, _, version = (part.strip() for part in dep.partition("="))
            if name in pins:
                assert version.lstrip("=") == pins[name], f"{env_file.name}: {dep} vs {pins[name]}"
