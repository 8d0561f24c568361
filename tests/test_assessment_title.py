"""A digital-transformation (DTI) edition is titled as one in every document view; an
IT-adoption edition keeps its title; the key survives the rubric file's round trip."""

from __future__ import annotations

import pytest

import ict_adoption as ia
from ict_adoption.errors import RubricError
from ict_adoption.report import build_report
from ict_adoption.views.html import ranking_page
from ict_adoption.views.markdown import ranking_markdown

RUBRIC = """
schema = 1
region = "xa"
edition = "2023"
title = "Chỉ số thử"
first_year = 2023
precision = 2
{assessment}

[[groups]]
id = "g"
name = "Nhóm"
max = 100
assumed = "thử"

[[blocs]]
id = "b"
name = "Khối"
assumed = "thử"

[[bands]]
label = "Tốt"
label_en = "Good"
min = 80
assumed = "thử"

[[bands]]
label = "Yếu"
label_en = "Weak"
assumed = "thử"
"""
DATA = {"unit": ["A", "B"], "bloc": ["b", "b"], "total": [90, 70]}
ICT_VI = "Kết quả đánh giá, xếp hạng mức độ ứng dụng CNTT"
DTI_VI = "Kết quả đánh giá, xếp hạng chuyển đổi số"
ICT_EN = "IT-adoption assessment and ranking"
DTI_EN = "Digital-transformation assessment and ranking"


def _ranking(assessment: str):
    return ia.rank(ia.loads_rubric(RUBRIC.format(assessment=assessment)), DATA)


def _titles(ranking, lang):
    return {
        "report markdown": build_report(ranking, lang=lang).splitlines()[0],
        "report html": build_report(ranking, format="html", lang=lang),
        "report text": build_report(ranking, format="text", lang=lang).splitlines()[0],
        "markdown": ranking_markdown(ranking, lang=lang).splitlines()[0],
        "html page": ranking_page(ranking, lang=lang),
    }


@pytest.mark.parametrize(
    ("assessment", "lang", "title", "other"),
    [
        ('assessment = "dti"', "vi", DTI_VI, ICT_VI),
        ('assessment = "dti"', "en", DTI_EN, ICT_EN),
        ("", "vi", ICT_VI, DTI_VI),
        ('assessment = "ict"', "en", ICT_EN, DTI_EN),
    ],
)
def test_every_document_view_carries_the_title_of_what_is_assessed(assessment, lang, title, other):
    for view, text in _titles(_ranking(assessment), lang).items():
        assert title in text, view
        assert other not in text, view


def test_assessment_round_trips_and_an_unknown_value_is_refused():
    rubric = ia.loads_rubric(RUBRIC.format(assessment='assessment = "dti"'))
    again = ia.loads_rubric(rubric.to_toml())
    assert again == rubric and again.assessment == "dti"
    assert "assessment" not in ia.loads_rubric(RUBRIC.format(assessment="")).to_dict()
    with pytest.raises(RubricError, match="assessment") as info:
        ia.loads_rubric(RUBRIC.format(assessment='assessment = "cntt"'))
    assert "cntt" in str(info.value)
