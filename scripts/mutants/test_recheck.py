"""Tests of recheck.py's pairing of a survivor with HEAD's twin: a wrong pair would re-run a
different mutant and credit its catch to the survivor.

    python3 -m unittest discover -s scripts/mutants
"""

from __future__ import annotations

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from recheck import twin  # noqa: E402


def mutant(line: int, change: str, removed: str, added: str, genre: str = "BinaryOperator",
           function: str = "Transport::send") -> dict:
    return {
        "name": f"core/src/t.rs:{line}:9: {change} in {function}",
        "genre": genre,
        "diff": f"--- core/src/t.rs\n+++ {change}\n@@ -{line},1 +{line},1 @@\n context\n-{removed}\n+{added}\n",
    }


class Twin(unittest.TestCase):
    def test_a_moved_change_pairs_with_the_same_change_at_its_new_line(self) -> None:
        then = [mutant(10, "replace && with ||", "a && b", "a || b")]
        now = [mutant(14, "replace && with ||", "a && b", "a || b")]
        self.assertEqual(twin(then[0], then, now), now[0])

    def test_several_alike_pair_by_order(self) -> None:
        then = [mutant(10, "replace && with ||", "a && b", "a || b"), mutant(12, "replace && with ||", "c && d", "c || d")]
        now = [mutant(20, "replace && with ||", "a && b", "a || b"), mutant(25, "replace && with ||", "c && d", "c || d")]
        self.assertEqual(twin(then[1], then, now), now[1])
        self.assertEqual(twin(then[0], then, now), now[0])

    def test_a_rewritten_line_has_no_twin(self) -> None:
        then = [mutant(10, "replace && with ||", "a && b", "a || b")]
        now = [mutant(14, "replace && with ||", "a && !b", "a || !b")]
        self.assertIsNone(twin(then[0], then, now))

    def test_a_change_that_now_occurs_more_or_less_often_has_no_twin(self) -> None:
        then = [mutant(10, "replace && with ||", "a && b", "a || b")]
        now = [mutant(14, "replace && with ||", "a && b", "a || b"), mutant(16, "replace && with ||", "a && b", "a || b")]
        self.assertIsNone(twin(then[0], then, now))
        self.assertIsNone(twin(then[0], then, []))

    def test_a_replaced_body_pairs_though_the_body_changed(self) -> None:
        change = "replace Transport::send -> bool with true"
        then = [mutant(10, change, "    old_body()", "    true", genre="FnValue")]
        now = [mutant(30, change, "    new_body()", "    true", genre="FnValue")]
        self.assertEqual(twin(then[0], then, now), now[0])

    def test_another_function_is_not_a_twin(self) -> None:
        then = [mutant(10, "replace && with ||", "a && b", "a || b")]
        now = [mutant(10, "replace && with ||", "a && b", "a || b", function="Transport::other")]
        self.assertIsNone(twin(then[0], then, now))


if __name__ == "__main__":
    unittest.main()
