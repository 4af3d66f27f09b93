"""Bad inputs raise shockflow.ConfigError with the command line's diagnostics
(every fixture of tests/bad_config, with its expected first line)."""

import pathlib
import pickle

import pytest
import shockflow as sf

BAD = pathlib.Path(__file__).resolve().parents[1] / "bad_config"
CASES = sorted(p.stem for p in BAD.glob("*.expected"))


@pytest.mark.parametrize("case", CASES)
def test_bad_config_raises_config_error(case, monkeypatch):
    expected = (BAD / f"{case}.expected").read_text(encoding="utf-8").splitlines()[0]
    monkeypatch.chdir(BAD)  # the expected lines name files relative to it
    with pytest.raises(sf.ConfigError) as caught:
        sf.load(f"{case}.toml")
    error = caught.value
    assert expected in str(error).splitlines()
    match = next(d for d in error.errors if d.text == expected)
    location = ":".join(str(part) for part in (match.file, match.line, match.column) if part)
    assert expected.startswith(f"{location}: error: {match.message}")
    first = error.errors[0]
    assert (error.file, error.line, error.column, error.message) == (
        first.file, first.line, first.column, first.message)


def test_every_problem_is_listed_with_its_place(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[scenario]\nname = "x"\nend_day = -20\nstep_hours = 5\n', encoding="utf-8")
    with pytest.raises(sf.ConfigError) as caught:
        sf.load(bad)
    error = caught.value
    assert len(error.errors) >= 2
    assert (error.file, error.line, error.column) == (str(bad), 3, 11)
    assert error.message.startswith("scenario.end_day: must be > start_day")
    assert str(error).splitlines()[0] == f"{bad}:3:11: error: {error.message}"
    again = pickle.loads(pickle.dumps(error))
    assert again.errors == error.errors and str(again) == str(error)


def test_a_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(sf.ConfigError) as caught:
        sf.load(tmp_path / "nothing.toml")
    assert caught.value.file == str(tmp_path / "nothing.toml")
    assert caught.value.line is None
