"""Scores one cargo-mutants run after its survivors were re-run (recheck.py), prints the score
and every survivor, and with --write FILE writes the run's summary (Markdown) for the
repository. Exits 1 when a survivor is neither caught by a re-run nor explained in the
equivalents file.

    python3 scripts/mutants/summary.py OUT_DIR tests/mutants-equivalent.txt [--write FILE]
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path


def equivalents(path: Path) -> dict[str, str]:
    reasons = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, reason = line.partition("  # ")
            reasons[name.strip()] = reason.strip()
    return reasons


def cell(text: str) -> str:
    """Text for a Markdown table cell (mutant names contain `|`)."""
    return text.replace("|", "\\|")


def main() -> int:
    out, equivalent_file = Path(sys.argv[1]), Path(sys.argv[2])
    write = Path(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--write" else None
    run = json.loads((out / "run.json").read_text())
    outcomes = json.loads((out / "mutants.out/outcomes.json").read_text())["outcomes"]
    recheck = json.loads((out / "recheck.json").read_text())
    verdicts = recheck["verdicts"] if isinstance(recheck, dict) else recheck
    rechecks = {v["name"]: v for v in verdicts}
    reasons = equivalents(equivalent_file)

    counts = {"CaughtMutant": 0, "MissedMutant": 0, "Timeout": 0, "Unviable": 0}
    timeouts, late, survivors = [], [], []
    for o in outcomes:
        if o["scenario"] == "Baseline":
            continue
        name = o["scenario"]["Mutant"]["name"]
        counts[o["summary"]] = counts.get(o["summary"], 0) + 1
        if o["summary"] == "Timeout":
            timeouts.append(name)
        elif o["summary"] == "MissedMutant":
            verdict = rechecks.get(name, {})
            if verdict.get("caught"):
                ported = f" (re-run as HEAD's `{verdict['ported']}`)" if verdict.get("ported") else ""
                late.append((name, verdict["caught"] + ported))
            else:
                survivors.append((name, verdict))
    viable = counts["CaughtMutant"] + counts["Timeout"] + counts["MissedMutant"]
    caught = viable - len(survivors)
    score = 100.0 * caught / viable if viable else 100.0
    unexplained = [name for name, _ in survivors if name not in reasons]
    head = recheck.get("head") if isinstance(recheck, dict) else None
    head = head or subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    heads = sorted({v.get("head") or head for v in verdicts} or {head})

    print(f"mutants: {viable} viable ({counts['Unviable']} unviable): caught {counts['CaughtMutant']}, "
          f"timeouts {counts['Timeout']}, missed {counts['MissedMutant']}, of which {len(late)} caught by the "
          f"re-runs; score {score:.1f}% ({caught}/{viable}); {len(survivors)} survivors, "
          f"{len(unexplained)} unexplained")
    for name, verdict in survivors:
        why = reasons.get(name) or verdict.get("error") or "NOT EXPLAINED"
        print(f"  survivor: {name}  # {why}")

    if write:
        lines = [
            f"# Mutation testing: {out.name}",
            "",
            f"- Command: `nice -n 19 {run['command']}`",
            f"- Mutants of commit `{run['commit']}`, run {run['started']} to {run.get('finished', '?')} "
            "(cargo-mutants 27.1.0, `--profile mutants`, nextest)",
            f"- Survivors re-run against {' and '.join(f'`{h}`' for h in heads)} "
            f"(last on {time.strftime('%Y-%m-%d', time.gmtime())}) "
            "(`scripts/mutants/recheck.py`: caught only when the same test fails twice)",
            "",
            "| mutants | caught | timeouts | missed | unviable | caught by re-runs | survivors | score |",
            "|---|---|---|---|---|---|---|---|",
            f"| {viable + counts['Unviable']} | {counts['CaughtMutant']} | {counts['Timeout']} | "
            f"{counts['MissedMutant']} | {counts['Unviable']} | {len(late)} | {len(survivors)} | "
            f"{score:.1f}% ({caught}/{viable} viable) |",
            "",
            "Timeouts count as caught: the suite did not finish with the mutant (a hang it noticed).",
            "",
        ]
        if late:
            lines += ["## Missed by the first run, caught by the re-run (the test that failed twice)", "",
                      "| mutant | caught by |", "|---|---|"]
            lines += [f"| `{cell(name)}` | {cell(by)} |" for name, by in late]
            lines.append("")
        if survivors:
            lines += ["## Survivors", "", "| mutant | why it survives |", "|---|---|"]
            for name, verdict in survivors:
                why = reasons.get(name) or verdict.get("error") or "**not explained**"
                lines.append(f"| `{cell(name)}` | {cell(why)} |")
            lines.append("")
        if timeouts:
            lines += ["## Timeouts", ""] + [f"- `{name}`" for name in timeouts] + [""]
        write.parent.mkdir(parents=True, exist_ok=True)
        write.write_text("\n".join(lines))
        print(f"mutants: summary written to {write}")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
