#!/usr/bin/python3
"""Kill tests and a disk-full test of powermap's writes.

    check_kill_writes.py POWERMAP ROOT [--per-signal N] [--entities N]   kill tests
    check_kill_writes.py POWERMAP ROOT --disk-full                        disk-full test

Kill tests: two maps of --entities entities (bench/generate.py, seeds 1 and 2) are packed,
and their JSON, GraphML and CSV exports made once as the two known versions. Then each
format is exported again and again, each run writing the version the target does not
hold, and each run is ended by SIGTERM, SIGINT or SIGKILL (--per-signal runs per signal,
spread over the formats) at a random moment: a third of the runs at a moment drawn over
the whole run, the others at a moment drawn over the write itself (from when the temp
file or folder appears). After every run:
  - the target is byte for byte the old version or the new one; the CSV set (written into
    a directory, which is swapped whole) is wholly old or wholly new;
  - after SIGTERM and SIGINT nothing else is in the folder, and the process died of that
    signal (or had finished);
  - after SIGKILL a hidden `.NAME.XXXXXX` temp file or folder may stay (no handler can run);
    at the end a normal run must succeed beside those leftovers, write the right bytes and
    leave the leftovers as they were (never read, reused or taken for the target).
Disk-full test (exit 77 when mount is refused): a 1 MiB tmpfs holds old exports of a small
map; exporting a larger one there fails with exit 2 and "No space left on device", the old
files (and the old CSV set) are intact and no temp is left; stdout to that disk fails too.
"""
import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

FORMATS = {  # name: (export arguments, target inside the work folder)
    "json": (["--to", "json"], "map.json"),
    "graphml": (["--to", "graphml"], "map.graphml"),
    "csv": (["--to", "csv"], "out"),
}
CSV_FILES = ["entities.csv", "map-header.json", "relations.csv", "sources.csv"]
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, flush=True)


def digest(path):
    """sha256 of a file, or for a folder a dict name -> sha256 of each file in it."""
    if os.path.isdir(path):
        return {name: digest(os.path.join(path, name)) for name in sorted(os.listdir(path))}
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest() if hasattr(
            hashlib, "file_digest") else hashlib.sha256(handle.read()).hexdigest()


def export(powermap, snapshot, fmt, work, check=True):
    args, target = FORMATS[fmt]
    out = os.path.join(work, target) + ("/" if fmt == "csv" else "")
    command = [powermap, "--graph", snapshot, "export", *args, "-o", out]
    result = subprocess.run(command, capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr}")
    if check and "replaced one by one" in result.stderr:
        fail(f"{fmt}: the set was not swapped whole: {result.stderr}")
    return result


def make_maps(powermap, root, scratch, entities, count=2):
    snapshots = []
    for seed, name in ((1, "A"), (2, "B"))[:count]:
        subprocess.run([sys.executable, os.path.join(root, "bench", "generate.py"), "M", scratch,
                        "--entities", str(entities), "--relations", str(entities),
                        "--seed", str(seed), "--name", name, "--pairs", "1"],
                       check=True, capture_output=True)
        path = os.path.join(scratch, name + ".json")
        if name == "B":  # every file of a set must differ between the versions, or a mix
            with open(path, encoding="utf-8") as handle:  # of them could pass for one
                data = json.load(handle)
            data["title"] += " (B)"
            for item in data["entities"] + data["sources"]:
                item["name" if "name" in item else "title"] += " (B)"
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False)
        snapshot = os.path.join(scratch, name + ".pmap")
        subprocess.run([powermap, "pack", path, "-o", snapshot],
                       check=True, capture_output=True)
        snapshots.append(snapshot)
    return snapshots


def temps_in(work, target):
    """Hidden names beside the target and, for a set, inside its folder: where temps appear."""
    names = {name for name in os.listdir(work) if name.startswith(".")}
    inner = os.path.join(work, target)
    if os.path.isdir(inner):
        names |= {target + "/" + name for name in os.listdir(inner) if name.startswith(".")}
    return names


def hidden_leftovers(work, target):
    return sorted(name for name in os.listdir(work) if name != target)


def kill_run(powermap, snapshot, fmt, work, signal_number, whole_run, durations):
    """One export ended by `signal_number`; returns (where the signal landed, exit code)."""
    args, target = FORMATS[fmt]
    out = os.path.join(work, target) + ("/" if fmt == "csv" else "")
    start = time.monotonic()
    process = subprocess.Popen([powermap, "--graph", snapshot, "export", *args, "-o", out],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    total, write = durations[fmt]
    landed = "before writing"
    if whole_run:
        time.sleep(random.uniform(0, total))
        if temps_in(work, target):
            landed = "while writing"
    else:
        # Wait for the temp to appear (the write has begun), then a moment within the write.
        deadline = start + 4 * total + 5
        while process.poll() is None and time.monotonic() < deadline:
            if temps_in(work, target):
                landed = "while writing"
                break
            time.sleep(0.0002)
        time.sleep(random.uniform(0, write))
    if process.poll() is None:
        process.send_signal(signal_number)
    else:
        landed = "after it finished"
    code = process.wait()
    return landed, code


def kill_tests(powermap, root, per_signal, entities):
    scratch = tempfile.mkdtemp(prefix="powermap-kill-")
    try:
        t0 = time.monotonic()
        snapshots = make_maps(powermap, root, scratch, entities)
        versions = {}  # format -> [digest of A's export, digest of B's export]
        durations = {}  # format -> (seconds for a whole run, seconds of the write)
        for fmt in FORMATS:
            work = os.path.join(scratch, "ref-" + fmt)
            os.mkdir(work)
            versions[fmt] = []
            for snapshot in snapshots:
                start = time.monotonic()
                export(powermap, snapshot, fmt, work)
                total = time.monotonic() - start
                versions[fmt].append(digest(os.path.join(work, FORMATS[fmt][1])))
            # How long the write itself takes: time a run while watching for its temp.
            start = time.monotonic()
            process = subprocess.Popen([powermap, "--graph", snapshots[0], "export",
                                        *FORMATS[fmt][0], "-o",
                                        os.path.join(work, FORMATS[fmt][1]) +
                                        ("/" if fmt == "csv" else "")],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            first = last = None  # when a temp was first and last seen: the write itself
            while process.poll() is None:
                if temps_in(work, FORMATS[fmt][1]):
                    last = time.monotonic()
                    first = first or last
                time.sleep(0.0002)
            end = time.monotonic()
            write = (last - first) if first else (end - start) / 4
            durations[fmt] = (max(total, end - start), max(0.002, 1.2 * write))
            old, new = versions[fmt]
            if old == new or (fmt == "csv" and any(old[name] == new[name] for name in old)):
                sys.exit(f"{fmt}: the two maps export to the same bytes; the test would be blind")
        print(f"setup: two maps of {entities} entities, exports timed "
              + ", ".join(f"{f} {t:.2f} s (write {w:.2f} s)" for f, (t, w) in durations.items())
              + f"; {time.monotonic() - t0:.0f} s", flush=True)

        counts = {}
        plan = []  # (signal, format, whole_run)
        for signal_number in (signal.SIGTERM, signal.SIGINT, signal.SIGKILL):
            for index in range(per_signal):
                plan.append((signal_number, list(FORMATS)[index % len(FORMATS)],
                             (index // len(FORMATS)) % 3 == 0))
        plan.sort(key=lambda item: item[0] == signal.SIGKILL)  # leftovers come last
        state = {}
        for fmt in FORMATS:
            work = os.path.join(scratch, "kill-" + fmt)
            os.mkdir(work)
            export(powermap, snapshots[0], fmt, work)
            state[fmt] = 0  # which version the target holds
        for signal_number, fmt, whole_run in plan:
            work = os.path.join(scratch, "kill-" + fmt)
            target = FORMATS[fmt][1]
            old = state[fmt]
            landed, code = kill_run(powermap, snapshots[1 - old], fmt, work, signal_number,
                                    whole_run, durations)
            name = signal.Signals(signal_number).name
            key = (name, fmt, landed)
            counts[key] = counts.get(key, 0) + 1
            if code not in (0, -signal_number):
                fail(f"{name} {fmt} ({landed}): exit status {code}, expected 0 or "
                     f"death by {name}")
            found = digest(os.path.join(work, target))
            if found == versions[fmt][old]:
                pass
            elif found == versions[fmt][1 - old]:
                state[fmt] = 1 - old
            elif fmt == "csv":
                old_files = [n for n in CSV_FILES if found.get(n) == versions[fmt][old].get(n)]
                fail(f"{name} {fmt} ({landed}): a mixed set, old files {old_files}, "
                     f"names {sorted(found)}")
                shutil.rmtree(os.path.join(work, target))
                export(powermap, snapshots[old], fmt, work)
            else:
                fail(f"{name} {fmt} ({landed}): the target is neither the old nor the new file")
                export(powermap, snapshots[old], fmt, work)
            if code == 0 and state[fmt] == old:
                fail(f"{name} {fmt}: the run finished but the target is still old")
            left = hidden_leftovers(work, target)
            if signal_number != signal.SIGKILL and left:
                fail(f"{name} {fmt} ({landed}): left {left}")
        # After SIGKILL: a normal run beside the leftovers writes the right bytes and leaves
        # them as they were.
        kill_left = 0
        for fmt in FORMATS:
            work = os.path.join(scratch, "kill-" + fmt)
            target = FORMATS[fmt][1]
            left = hidden_leftovers(work, target)
            kill_left += len(left)
            left_digests = {name: digest(os.path.join(work, name)) for name in left}
            new = 1 - state[fmt]
            export(powermap, snapshots[new], fmt, work)
            if digest(os.path.join(work, target)) != versions[fmt][new]:
                fail(f"{fmt}: a run beside SIGKILL leftovers {left} wrote wrong bytes")
            if {name: digest(os.path.join(work, name)) for name in
                    hidden_leftovers(work, target)} != left_digests:
                fail(f"{fmt}: a later run touched the SIGKILL leftovers {left}")
            if any(not name.startswith("." + target + ".") for name in left):
                fail(f"{fmt}: a leftover that is not a hidden temp of the target: {left}")
        for name in ("SIGTERM", "SIGINT", "SIGKILL"):
            runs = sum(n for (s, _, _), n in counts.items() if s == name)
            detail = ", ".join(f"{fmt} {landed} {n}" for (s, fmt, landed), n in sorted(counts.items())
                               if s == name)
            print(f"{name}: {runs} runs ({detail})")
        print(f"SIGKILL leftovers: {kill_left} hidden temp(s), ignored by the later run; "
              f"{time.monotonic() - t0:.0f} s in all")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def disk_full(powermap, root):
    scratch = tempfile.mkdtemp(prefix="powermap-full-")
    disk = os.path.join(scratch, "disk")
    os.mkdir(disk)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        shutil.rmtree(scratch, ignore_errors=True)
        print("skipped: cannot mount a small tmpfs: " + (mounted.stderr.strip() or "refused"))
        return 77
    try:
        small = os.path.join(root, "samples", "ice-tech.json")
        big = make_maps(powermap, root, scratch, 20000, count=1)[0]
        cases = 0
        cases_by_format = dict(FORMATS)
        cases_by_format["neo4j"] = (["--to", "neo4j"], "neo4j")
        cases_by_format["csv with a prefix"] = (["--to", "csv"], "prefixed")
        os.mkdir(os.path.join(disk, "prefixed"))
        for fmt, (args, target) in cases_by_format.items():
            out = os.path.join(disk, target) + ("/" if fmt in ("csv", "neo4j") else "")
            if fmt == "csv with a prefix":
                out = os.path.join(disk, target, "map-")
            first = subprocess.run([powermap, "--graph", small, "export", *args, "-o", out],
                                   capture_output=True, text=True)
            if first.returncode != 0:
                fail(f"{fmt}: the small export failed: {first.stderr}")
                continue
            old = digest(os.path.join(disk, target))
            result = subprocess.run([powermap, "--graph", big, "export", *args, "-o", out],
                                    capture_output=True, text=True)
            cases += 1
            if result.returncode != 2 or "No space left on device" not in result.stderr:
                fail(f"{fmt}: exit {result.returncode}, stderr {result.stderr!r}; expected exit 2 "
                     "and 'No space left on device'")
            else:
                print(f"{fmt}: exit 2: {result.stderr.strip()}")
            if digest(os.path.join(disk, target)) != old:
                fail(f"{fmt}: the old output changed on a full disk")
            left = [name for name in os.listdir(disk) if name.startswith(".")]
            left += [name for name in os.listdir(os.path.join(disk, "prefixed"))
                     if name.startswith(".")]
            if left:
                fail(f"{fmt}: left {left} on the full disk")
        with open(os.path.join(disk, "stdout.json"), "wb") as sink:
            result = subprocess.run([powermap, "--graph", big, "export", "-o", "-"],
                                    stdout=sink, stderr=subprocess.PIPE, text=True)
        cases += 1
        if result.returncode != 2 or "cannot write to standard output: No space left on device" \
                not in result.stderr:
            fail(f"stdout: exit {result.returncode}, stderr {result.stderr!r}")
        else:
            print(f"stdout: exit 2: {result.stderr.strip()}")
        print(f"disk full: {cases} cases on a 1 MiB tmpfs")
    finally:
        subprocess.run(["umount", disk], capture_output=True)
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("powermap")
    parser.add_argument("root")
    parser.add_argument("--per-signal", type=int, default=21)
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--disk-full", action="store_true")
    parser.add_argument("--seed", type=int, default=20261201)
    options = parser.parse_args()
    random.seed(options.seed)  # fixed: a failure can be replayed with the same moments
    if options.disk_full:
        code = disk_full(options.powermap, options.root)
    else:
        kill_tests(options.powermap, options.root, options.per_signal, options.entities)
        code = 0
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
