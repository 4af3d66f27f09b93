"""shockflow.ConfigError: what the command line prints as FILE:LINE:COL: error: lines."""

from typing import NamedTuple, Optional


class Diagnostic(NamedTuple):
    """One problem found in a scenario or policy file."""

    file: str
    line: Optional[int]  # 1-based; None when unknown
    column: Optional[int]  # 1-based; None when unknown (CSV rows have none)
    message: str  # "key.path: what was wrong (what was expected)"
    severity: str  # "error" or "warning"
    text: str  # the compiler-style line: FILE:LINE:COL: error: MESSAGE

    def __str__(self) -> str:
        return self.text


class ConfigError(ValueError):
    """Invalid input (scenario, policy or CSV table).

    ``errors`` lists every problem found, in file order; ``file``, ``line``,
    ``column`` and ``message`` are those of the first. ``str()`` gives one
    ``FILE:LINE:COL: error: ...`` line per problem, as the command line prints.
    """

    def __init__(self, errors):
        self.errors = [e if isinstance(e, Diagnostic) else Diagnostic(*e) for e in errors]
        first = self.errors[0] if self.errors else Diagnostic("", None, None, "", "error", "")
        self.file, self.line, self.column = first.file, first.line, first.column
        self.message = first.message
        super().__init__("\n".join(d.text for d in self.errors))

    def __reduce__(self):
        return (type(self), (self.errors,))


class ScenarioWarning(UserWarning):
    """Something that loads and runs but is most likely a mistake (docs/FORMAT.md, Warnings)."""
