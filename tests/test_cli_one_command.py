"""The command line builds only the subparser of the command it runs
(``build_parser(only=...)``): each command's help, parsed options and errors must be
those of the whole parser, and the words that cannot be told apart before parsing
(help, version, a mistake) must get the whole parser."""

from __future__ import annotations

import argparse
import contextlib
import io

import pytest

from ict_adoption.cli.parser import COMMANDS, build_parser, command_named


def _sub(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices[name]


def test_commands_are_every_command_of_the_parser():
    action = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert sorted(action.choices) == sorted(COMMANDS)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", COMMANDS)
def test_one_command_has_the_help_of_the_whole_parser(name, lang):
    assert _sub(build_parser(lang, only=name), name).format_help() == _sub(build_parser(lang), name).format_help()


def _outcome(parser: argparse.ArgumentParser, words: list[str]):
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            args = parser.parse_args(words)
    except SystemExit as exc:
        return ("exit", exc.code, err.getvalue())
    def plain(k, v):
        if k == "func":
            return v.__name__
        return ("spec", v.text) if hasattr(v, "text") else v  # (a RubricSpec: no ==)

    return {k: plain(k, v) for k, v in vars(args).items() if k != "parser"}


WORDS = [
    ["rank", "hanoi:2013", "data.csv"],
    ["rank", "r.toml", "data.csv", "--format", "csv", "-o", "out.csv", "--force", "--missing", "zero"],
    ["--lang", "en", "rank", "r.toml", "data.csv", "--method", "dense"],
    ["--lang=en", "validate", "r.toml", "d.csv", "--format", "json"],
    ["rank", "r.toml"],  # a file missing: argparse's error, in the same words
    ["rank", "r.toml", "d.csv", "--format", "pdf"],
    ["rank", "r.toml", "d.csv", "--bogus"],
    ["regions", "--format", "json"],
    ["rubric", "hanoi:2013", "--format", "markdown"],
    ["template", "hanoi:2013", "-o", "t.xlsx"],
    ["report", "hanoi:2013", "d.csv"],
    ["profile", "hanoi:2013", "d.csv"],
    ["compare", "hanoi:2013", "a.csv", "b.csv"],
    ["uncertainty", "hanoi:2013", "d.csv"],
]


@pytest.mark.parametrize("words", WORDS)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_one_command_parses_as_the_whole_parser(words, lang):
    name = command_named(words)
    assert name == next(w for w in words if w in COMMANDS)
    assert _outcome(build_parser(lang, only=name), words) == _outcome(build_parser(lang), words)


@pytest.mark.parametrize(
    "words",
    [[], ["-h"], ["--help"], ["--version"], ["--lang", "en", "--help", "rank"], ["rnak", "x"], ["--bogus", "rank"],
     ["-h", "rank"]],
)
def test_words_that_need_the_whole_parser(words):
    assert command_named(words) is None
