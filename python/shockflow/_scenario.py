"""Scenario: a loaded scenario, changed in memory and run."""

import json
import os
import warnings

from . import _core
from ._errors import Diagnostic, ScenarioWarning
from ._results import Result


class Scenario(_core.Scenario):
    """A scenario loaded from its TOML file (and the CSV tables it names).

    ``nodes``, ``links``, ``events`` and ``products`` refer to the scenario's
    own elements: setting a number on one changes this scenario. Setting a
    value outside the bounds the loader enforces raises ValueError; ids,
    kinds and targets are read-only. ``policy`` is the policy ``run()`` uses
    when given none (the scenario's own ``[policy]``, or what was assigned).
    """

    def run(self, policy=None, seed=None):
        """Simulates one replication and returns a Result.

        ``policy``: a Policy, a policy file's path, or None for ``self.policy``.
        ``seed``: None for the scenario's seed. The result is the command
        line's ``shockflow run`` for the same inputs, figure for figure.
        """
        return Result(_core.run(self, _policy_for(self, policy), seed))

    def node(self, node_id):
        """The node with this id (KeyError if none)."""
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(f"no node {node_id!r} in scenario {self.name!r}")

    def link(self, from_, to):
        """The link from ``from_`` to ``to`` (KeyError if none)."""
        for link in self.links:
            if link.from_ == from_ and link.to == to:
                return link
        raise KeyError(f"no link {from_}->{to} in scenario {self.name!r}")

    def product(self, product_id):
        """The product with this id (KeyError if none)."""
        for product in self.products:
            if product.id == product_id:
                return product
        raise KeyError(f"no product {product_id!r} in scenario {self.name!r}")

    @property
    def warnings(self):
        """The scenario's warnings (docs/FORMAT.md, "Warnings"), as Diagnostic."""
        return [Diagnostic(*w) for w in self._warnings()]

    def copy(self):
        """An independent copy: changing one does not change the other."""
        return Scenario(self)

    def __copy__(self):
        return self.copy()

    def __deepcopy__(self, memo):
        return self.copy()

    def __repr__(self):
        return (f"<Scenario {self.name}: {len(self.products)} products, {len(self.nodes)} "
                f"nodes, {len(self.links)} links, {len(self.events)} events>")


def _toml_value(value):
    """A Python value as the TOML text --set takes (bool, number, text, list, dict)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a TOML basic string
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"set: cannot write a {type(value).__name__} as a TOML value")


def load(path, set=None):  # noqa: A002 (the name of the command line's --set)
    """Loads and checks a scenario file; raises ConfigError listing every problem.

    Warnings (docs/FORMAT.md) are issued as ScenarioWarning; turn them into
    errors with ``warnings.simplefilter("error", shockflow.ScenarioWarning)``.

    ``set`` overrides keys as the command line's ``--set KEY=VALUE`` does, with
    the same keys: ``{"scenario.end_day": 40, "event.isfahan_pharma.capacity_loss":
    0.8, "node.p1.capacity.food": 500, "event.panic.multiplier": {"uniform": [1, 2]}}``.
    A bad key raises ConfigError (``--set:N:COL``), with a did-you-mean.
    """
    sets = [f"{key}={_toml_value(value)}" for key, value in (set or {}).items()]
    scenario = Scenario(os.fspath(path), sets)
    for w in scenario.warnings:
        warnings.warn(ScenarioWarning(w.text), stacklevel=2)
    return scenario


def load_policy(path, scenario):
    """Loads a policy file (a ``[policy]`` table), checked against ``scenario``.

    It replaces the scenario's own policy as a whole when given to run(), or
    assigned: ``scenario.policy = shockflow.load_policy(path, scenario)``.
    """
    return _core.load_policy(os.fspath(path), scenario)


def _policy_for(scenario, policy):
    if policy is None:
        return scenario.policy
    if isinstance(policy, _core.Policy):
        return policy
    if isinstance(policy, (str, os.PathLike)):
        return load_policy(policy, scenario)
    raise TypeError(f"policy: expected a Policy, a path or None, got {type(policy).__name__}")
