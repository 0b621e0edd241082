#!/usr/bin/env python3
"""Independent reference for the DORA replay: reads the ground truth (the git DAG with real
parents, deployments, incidents) on stdin and prints the expected figures per scope as JSON.

Written from the definitions in plugins/dora-common/README.md, not from its code. Scopes: the
whole organisation ("*") and each repository's entity.
"""
import json
import math
import sys
from datetime import datetime, timedelta, timezone

DAY = 86_400_000
HOUR = 3_600_000


def ms(text):
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def nearest_rank(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p / 100 * len(ordered))) - 1]


def tier(key, value):
    if value is None:
        return None
    if key == "deploymentFrequency":
        return "elite" if value >= 1 else "high" if value >= 1 / 7 else "medium" if value >= 1 / 30 else "low"
    if key == "changeLeadTime":
        return "elite" if value < DAY else "high" if value < 7 * DAY else "medium" if value < 30 * DAY else "low"
    if key == "changeFailureRate":
        return "elite" if value <= 0.05 else "high" if value <= 0.10 else "medium" if value <= 0.15 else "low"
    return "elite" if value < HOUR else "high" if value < DAY else "medium" if value < 7 * DAY else "low"


def main():
    truth = json.load(sys.stdin)
    frm, to = ms(truth["window"]["from"]), ms(truth["window"]["to"])
    parents = {}
    commit_time = {}
    for commits in truth["commits"].values():
        for c in commits:
            parents[c["sha"]] = c["parents"]
            commit_time[c["sha"]] = ms(c["timestamp"])

    def ancestors(sha):
        seen, stack = set(), [sha]
        while stack:
            s = stack.pop()
            if s in seen:
                continue
            seen.add(s)
            stack.extend(parents.get(s, []))
        return seen

    prod = sorted(
        (d for d in truth["deployments"] if d["environment"] == "production"),
        key=lambda d: (ms(d["finishedAt"]), str(d["id"])),
    )
    for d in prod:
        d["t"] = ms(d["finishedAt"])

    # Lead time: every commit in git ancestry of a successful deployment, counted at the first one.
    samples = []  # (repo, deployed at, lead time)
    delivered_by = {}  # (repo, sha) -> first successful deployment delivering it
    for repo in truth["commits"]:
        done = set()
        for d in (d for d in prod if d["repo"] == repo and d["status"] == "success"):
            for sha in sorted(ancestors(d["sha"]) - done):
                done.add(sha)
                delivered_by[(repo, sha)] = d
                samples.append((repo, d["t"], d["t"] - commit_time[sha]))

    # Failed deployments and when service came back.
    failed = {}  # id -> restored at (or None)
    rework = set()
    by_repo = {}
    next_success = {}
    for d in prod:
        by_repo.setdefault(d["repo"], []).append(d)
    for repo, timeline in by_repo.items():
        for i, d in enumerate(timeline):
            next_success[d["id"]] = next((n["t"] for n in timeline[i + 1:] if n["status"] == "success"), None)
            nxt = timeline[i + 1] if i + 1 < len(timeline) else None
            is_failed = d["status"] == "failure" or (
                nxt is not None and nxt["status"] == "success" and nxt["sha"] in ancestors(d["sha"])
            )
            if is_failed:
                failed[d["id"]] = next_success[d["id"]]
    for inc in truth["incidents"]:
        opened = ms(inc["openedAt"])
        cause = delivered_by.get((inc["repo"], inc["rootCause"]))
        resolved = ms(inc["resolvedAt"]) if inc.get("resolvedAt") else None
        if cause is not None and cause["t"] <= opened:
            candidates = [failed.get(cause["id"], next_success[cause["id"]])]
            if resolved is not None and resolved >= cause["t"]:
                candidates.append(resolved)
            candidates = [x for x in candidates if x is not None]
            failed[cause["id"]] = min(candidates) if candidates else None
        if resolved is not None:
            restorers = [d for d in by_repo.get(inc["repo"], []) if d["status"] == "success" and opened <= d["t"] <= resolved]
            if restorers:
                rework.add(restorers[-1]["id"])

    def figures(repos):
        deps = [d for d in prod if d["repo"] in repos and frm <= d["t"] < to]
        succ = [d for d in deps if d["status"] == "success"]
        freq = len(succ) / ((to - frm) / DAY)
        days = {datetime.fromtimestamp(d["t"] / 1000, timezone.utc).date() for d in succ}
        start = datetime.fromtimestamp(frm / 1000, timezone.utc)
        monday = (start + timedelta(days=(7 - start.weekday()) % 7)).replace(hour=0, minute=0, second=0)
        if monday < start:
            monday += timedelta(days=7)
        weeks = []
        while (monday + timedelta(days=7)).timestamp() * 1000 <= to:
            weeks.append(sum(1 for k in range(7) if (monday + timedelta(days=k)).date() in days))
            monday += timedelta(days=7)
        leads = [lt for repo, t, lt in samples if repo in repos and frm <= t < to]
        failures = [d for d in deps if d["id"] in failed]
        recoveries = [failed[d["id"]] - d["t"] for d in failures if failed[d["id"]] is not None]
        cfr = len(failures) / len(deps) if deps else None
        lead_median = nearest_rank(leads, 50)
        recovery_median = nearest_rank(recoveries, 50)
        return {
            "deploymentsPerDay": freq,
            "deploymentDaysPerWeek": nearest_rank(weeks, 50),
            "leadTimeMedian": lead_median,
            "leadTimeP90": nearest_rank(leads, 90),
            "leadTimeSamples": len(leads),
            "failed": len(failures),
            "completed": len(deps),
            "recoveryMedian": recovery_median,
            "rework": sum(1 for d in deps if d["id"] in rework),
            "tiers": {
                "deploymentFrequency": tier("deploymentFrequency", freq),
                "changeLeadTime": tier("changeLeadTime", lead_median),
                "changeFailureRate": tier("changeFailureRate", cfr),
                "failedDeploymentRecoveryTime": tier("failedDeploymentRecoveryTime", recovery_median),
            },
        }

    repos = list(truth["commits"])
    result = {"*": figures(set(repos))}
    for repo in repos:
        result[repo] = figures({repo})
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
