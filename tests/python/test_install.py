"""`cmake --install` installs the package where the interpreter finds it with
PYTHONPATH set to the prefix's Python folder, and the installed package runs."""

import os
import subprocess
import sys

import pytest
from conftest import MINIMAL


def test_installed_package_imports_and_runs(tmp_path):
    build, cmake = os.environ.get("SHOCKFLOW_BUILD_DIR"), os.environ.get("SHOCKFLOW_CMAKE")
    folder = os.environ.get("SHOCKFLOW_INSTALL_PYTHONDIR")
    if not (build and cmake and folder):
        pytest.skip("run by CTest, which names the build, cmake and the install folder")
    prefix = tmp_path / "prefix"
    done = subprocess.run([cmake, "--install", build, "--prefix", prefix], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    package = prefix / folder / "shockflow"
    assert (package / "__init__.py").exists()

    script = ("import shockflow as sf; "
              f"r = sf.load({str(MINIMAL)!r}).run(); "
              "print(sf.__file__); print(r.kpis['fill_rate'] > 0)")
    env = dict(os.environ, PYTHONPATH=str(prefix / folder))
    done = subprocess.run([sys.executable, "-B", "-c", script], capture_output=True, text=True,
                          env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    where, ran = done.stdout.splitlines()
    assert where.startswith(str(package)) and ran == "True"
