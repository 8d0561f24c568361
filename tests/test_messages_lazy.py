"""Problems whose texts are made when read (a systematic error over many rows formats
only what is shown), and the guard that keeps a late-made text what it would have been."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

import ict_adoption as ia
from ict_adoption.problems import Problems
from ict_adoption.scoring.scored import _frozen


def test_texts_are_made_only_when_read():
    made = []

    def maker(k):
        def make():
            made.append(k)
            return f"problem {k}", f"vấn đề {k}"
        return make

    p = Problems()
    p.add_lazy("range", [maker(k) for k in range(1000)], [(1, k, "a") for k in range(1000)])
    report = p.report()
    text = report.text("vi", 25)
    assert sorted(made) == list(range(25))  # the 25 shown, not the 1000
    assert text.splitlines()[1:3] == ["  - vấn đề 0", "  - vấn đề 1"] and "… và 975 vấn đề nữa" in text
    assert p.messages[999] == "problem 999" and len(p.messages) == 1000
    assert p.messages == [f"problem {k}" for k in range(1000)]


@given(st.lists(st.integers(), min_size=1, max_size=20))
@settings(max_examples=50, deadline=None)
def test_a_frozen_closure_reads_the_values_of_when_it_was_made(values):
    """A lambda made in a loop and called after the loop (as a lazy problem text is)
    gives what it gave inside the loop."""
    lazy, eager = [], []
    for v in values:
        f = lambda i: f"{v}:{i}"  # noqa: E731 - late binding is the point
        eager.append(f(7))
        lazy.append(_frozen(f))
    assert [g(7) for g in lazy] == eager


def test_problems_of_several_groups_name_their_own_group():
    rubric = ia.loads_rubric('''
region = "t"
edition = "1"
title = "T"
first_year = 2020
precision = 2
assumed = "x"
[[groups]]
id = "a"
name = "A"
max = 10
  [[groups.criteria]]
  id = "a1"
  name = "A1"
  max = 10
[[groups]]
id = "b"
name = "B"
max = 20
  [[groups.criteria]]
  id = "b1"
  name = "B1"
  max = 20
[[blocs]]
id = "so"
name = "Sở"
[[bands]]
label = "Tốt"
''')
    data = {"unit": ["X", "Y"], "bloc": ["so", "so"], "a": [50, 60], "b": [70, 80], "a1": [50, 60], "b1": [70, 80]}
    try:
        ia.rank(rubric, data)
    except ia.InputError as exc:
        messages = list(exc.problems)
    else:  # pragma: no cover
        raise AssertionError("expected problems")
    assert any("column 'a'" in m and "group points 50.00 outside 0..10.00" in m for m in messages), messages
    assert any("column 'b'" in m and "group points 70.00 outside 0..20.00" in m for m in messages), messages


def test_an_error_with_lazy_problems_pickles_with_its_texts():
    """An error sent across processes (a worker pool) keeps every message and the report."""
    import pickle

    p = Problems()
    p.add_lazy("range", [(lambda k=k: (f"problem {k}", f"vấn đề {k}")) for k in range(30)],
               [(1, k, "a") for k in range(30)])
    try:
        p.raise_if_any()
    except ia.InputError as exc:
        again = pickle.loads(pickle.dumps(exc))
    assert list(again.problems) == [f"problem {k}" for k in range(30)]
    assert again.report.text("vi", 2).splitlines()[1:3] == ["  - vấn đề 0", "  - vấn đề 1"]
