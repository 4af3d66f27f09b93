"""shockflow: production and distribution under disruption, from Python.

    import shockflow as sf
    scenario = sf.load("scenarios/twelve_day_conflict/scenario.toml")
    result = scenario.run(policy="scenarios/twelve_day_conflict/policies/ministry.toml")
    result.kpis["essential_fill_rate"], result.timeseries.head()

The reference is docs/PYTHON.md.
"""

from . import _core
from ._core import Distribution, Event, Link, Node, Policy, Prestock, Product, RepairSpeedup
from ._errors import ConfigError, Diagnostic, ScenarioWarning
from ._results import Comparison, Result, compare
from ._scenario import Scenario, load, load_policy
from ._sweep import Sweep, sweep

__version__ = _core.version
git_revision = _core.git_revision


def kpi_table():
    """The KPIs as a DataFrame: name, unit, higher_is_better, definition."""
    from ._results import _pandas  # noqa: PLC0415

    return _pandas().DataFrame(
        _core.kpi_registry(), columns=["name", "unit", "higher_is_better", "definition"])


__all__ = [
    "Comparison", "ConfigError", "Diagnostic", "Distribution", "Event", "Link", "Node", "Policy",
    "Prestock", "Product", "RepairSpeedup", "Result", "Scenario", "ScenarioWarning", "Sweep",
    "compare", "git_revision", "kpi_table", "load", "load_policy", "sweep",
]
