"""The one (English, Vietnamese) message table: every key has both texts with the same
parameters, the Vietnamese has no English word and no Python syntax; a message made
from a key reaches the command line in the user's language through any exception or
warning that carries it."""

from __future__ import annotations

import string
import warnings

import pytest

from ict_adoption.errors import InputError, RubricError
from ict_adoption.messages import LIBRARY_DETAIL, MESSAGES, Message, message, text_in
from ict_adoption.problems import InputWarning, Problems, in_lang, warn
from message_leaks import leaks

#: words that stay as they are in a Vietnamese text: option names, file suffixes, formats
KEPT = ("--force", ".csv", ".xlsx", ".ods", "zip", "JSON", "TOML", "UTF-8")


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_key_has_both_texts_with_the_same_parameters(key):
    en, vi = MESSAGES[key]
    assert en.strip() and vi.strip()
    if key in LIBRARY_DETAIL:  # another library's English text: left out of the Vietnamese
        assert _fields(en) - _fields(vi) == {"detail"}, key
    else:
        assert _fields(en) == _fields(vi), key
    assert en != vi, f"{key}: the Vietnamese is a copy of the English"
    plain = string.Formatter().vformat(vi, (), {f: " " for f in _fields(vi)})
    for k in KEPT:
        plain = plain.replace(k, " ")
    assert not leaks(plain), (key, vi, leaks(plain))


def test_a_message_is_its_english_text_and_carries_its_vietnamese():
    m = message("rubric.no_file", path="x.toml")
    assert m == "x.toml: no such rubric file" and isinstance(m, str)
    assert (m.key, m.params, m.vi) == ("rubric.no_file", {"path": "x.toml"}, "x.toml: không có tệp bộ tiêu chí này")
    assert m.text("vi") == m.vi and m.text("en") == m
    with pytest.raises(KeyError):
        message("no.such.key")


def test_a_message_inside_a_message_is_in_the_language_around_it():
    m = message("file.not_json", file="a.json", what=message("json.expecting", what=message("json.value")), line=1, column=2)
    assert m == "a.json: not valid JSON: expected a value (line 1, column 2)"
    assert m.vi == "a.json: không phải JSON hợp lệ: cần một giá trị (dòng 1, cột 2)"


def test_exceptions_warnings_and_problems_keep_both_texts():
    m = message("rubric.no_file", path="x.toml")
    assert text_in(RubricError(m), "vi") == m.vi and text_in(RubricError(m), "en") == str(m)
    assert in_lang(InputError(m), "vi") == m.vi
    assert in_lang("ignored column(s): x", "vi") == "đã bỏ qua cột: x"  # an older plain message, by its form
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        warn(m)
    assert seen[0].category is InputWarning and seen[0].message.vi == m.vi
    p = Problems()
    p.add(m)
    p.add("unknown column(s) 'x'; expected unit, bloc, total, note or a group/criterion id of r:1 (a)")
    texts = [x.text("vi") for x in p.report().problems]
    assert texts[0] == m.vi and texts[1].startswith("cột không xác định 'x'")


def test_a_message_survives_pickling():
    import pickle

    m = message("rubric.no_file", path="x.toml")
    again = pickle.loads(pickle.dumps(m))
    assert isinstance(again, Message) and again.vi == m.vi and again.key == m.key


def test_the_command_line_shows_a_keyed_error_in_vietnamese(capsys, tmp_path):
    from ict_adoption.cli import main

    bad = tmp_path / "bad.toml"
    bad.write_text("schema = 1\nregion = \n", encoding="utf-8")
    assert main(["rubric", str(bad)]) == 5
    err = capsys.readouterr().err
    assert err == f"ict-adoption: lỗi: {bad}: không phải TOML hợp lệ: giá trị không hợp lệ (dòng 2, cột 10)\n"
    assert main(["rubric", str(bad), "--lang", "en"]) == 5
    assert capsys.readouterr().err == f"ict-adoption: error: {bad}: not valid TOML: Invalid value (at line 2, column 10)\n"


def test_registry_errors_carry_their_key_and_both_texts(capsys):
    pytest.importorskip("ict_adoption_danang", reason="uses the Đà Nẵng plugin (run with every plugin installed)")
    import ict_adoption as ia
    from ict_adoption.cli import main

    with pytest.raises(ia.EditionNotFound) as info:
        ia.rubric("danang", 1990)
    m = info.value.args[0]
    assert m.key == "registry.no_edition" and m.params["year"] == 1990
    assert m.startswith("region 'danang' (Thành phố Đà Nẵng) has no edition for the assessment year 1990; editions: 2016")
    assert m.vi.startswith("địa phương 'danang' (Thành phố Đà Nẵng) không có bộ tiêu chí cho năm đánh giá 1990; "
                           "các bộ tiêu chí: 2016")
    with pytest.raises(ia.EditionNotFound) as info:
        ia.rubric("danang")
    assert info.value.args[0].key == "registry.no_year"
    assert main(["rubric", "danang"]) == 4
    assert capsys.readouterr().err.startswith(
        "ict-adoption: lỗi: địa phương 'danang' (Thành phố Đà Nẵng): hãy ghi năm đánh giá, ví dụ 'danang:YEAR'")


def test_rubric_file_errors_keep_their_key_through_the_reader(tmp_path):
    import ict_adoption as ia

    with pytest.raises(ia.RubricError) as info:
        ia.loads_rubric('region = "x"\nedition = "1"\n', origin="r.toml")
    m = info.value.args[0]
    assert m.key == "rubric.missing_keys" and m.startswith("r.toml: missing required key(s): ")
    assert m.vi.startswith("r.toml: thiếu khóa bắt buộc: ")
    text = 'region = "x"\nedition = "1"\ntitle = "X"\nfirst_year = 2020\nprecision = 2\nassumed = "a"\n' \
           '[[groups]]\nid = "g"\nname = "G"\n  [[groups.criteria]]\n  id = "c"\n  name = "C"\n  max = 5\n' \
           '  rule = { kind = "magic" }\n[[blocs]]\nid = "b"\nname = "B"\n[[bands]]\nlabel = "T"\n'
    with pytest.raises(ia.RubricError) as info:
        ia.loads_rubric(text, origin="r.toml")
    m = info.value.args[0]
    assert m.key == "rubric.unknown_rule"
    assert m.startswith("r.toml: groups[0].criteria[0].rule: unknown rule kind 'magic'; known kinds: ")
    assert m.vi.startswith("r.toml: groups[0].criteria[0].rule: không có loại quy tắc 'magic'; các loại: ")
