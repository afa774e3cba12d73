"""Tests of recheck.py's pairing of a survivor with HEAD's twin: a wrong pair would re-run a
different mutant and credit its catch to the survivor.

    python3 -m unittest discover -s scripts/mutants
"""

from __future__ import annotations

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from recheck import hand_ported, twin  # noqa: E402


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

    def test_a_rewritten_line_pairs_with_the_twin_named_by_hand(self) -> None:
        then = [mutant(10, "replace && with ||", "a && b", "a || b")]
        now = [mutant(14, "replace && with ||", "a && !b", "a || !b"), mutant(20, "replace && with ||", "c && d", "c || d")]
        self.assertEqual(twin(then[0], then, now, {then[0]["name"]: now[1]["name"]}), now[1])
        # A name HEAD lacks (it moved again) pairs with nothing.
        self.assertIsNone(twin(then[0], then, now, {then[0]["name"]: "core/src/t.rs:99:9: gone"}))

    def test_an_automatic_twin_wins_over_one_named_by_hand(self) -> None:
        then = [mutant(10, "replace && with ||", "a && b", "a || b")]
        now = [mutant(14, "replace && with ||", "a && b", "a || b"),
               mutant(20, "replace && with ||", "c && d", "c || d", function="Transport::other")]
        self.assertEqual(twin(then[0], then, now, {then[0]["name"]: now[1]["name"]}), now[0])

    def test_the_hand_written_list_is_read_and_a_bad_line_refused(self) -> None:
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "ported.txt"
            path.write_text("# comment\n\na.rs:1:2: x in f  =>  a.rs:3:4: x in f  # same logic\n")
            self.assertEqual(hand_ported(path), {"a.rs:1:2: x in f": "a.rs:3:4: x in f"})
            path.write_text("a.rs:1:2: x in f  # no pair\n")
            with self.assertRaises(SystemExit):
                hand_ported(path)
        self.assertEqual(hand_ported(Path(d) / "absent.txt"), {})


if __name__ == "__main__":
    unittest.main()
