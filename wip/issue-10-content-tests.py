"""Content tests that land with wip/issue-10-questions-and-theses.patch (append to tests/schools/test_content.py)."""

import pytest

from arguments.question import find_shape

# The kinds of question an examiner sets on this topic (issue 10): each must have a question and at
# least two theses, from different schools, so that a student can argue either way.
SHAPES = ("extent", "causes", "main-aim", "rather-than", "two-motives", "success", "compare", "individuals", "change")


@pytest.mark.parametrize("shape", SHAPES)
def test_every_question_shape_can_be_argued_either_way(bundled_pack, shape):
    questions = [q for q in bundled_pack.questions if (q.shape or find_shape(q.text, q.command, q.concept)) == shape]
    assert questions, f"no question of shape {shape}"
    theses = {t for q in questions for t in q.theses}
    assert len(theses) >= 2, shape
    schools = {bundled_pack.thesis[t].schools for t in theses}
    assert len(schools) >= 2, f"{shape}: every thesis comes from {schools}"


def test_enough_questions_for_both_decades(bundled_pack):
    assert len(bundled_pack.questions) >= 30
    starts = [q.years[0] for q in bundled_pack.questions if q.years]
    assert any(y <= 1925 for y in starts) and any(y >= 1933 for y in starts)
    practice = [q for q in bundled_pack.questions if q.source is None]
    assert practice and len(practice) < len(bundled_pack.questions)
