#!/usr/bin/python3
"""Median wall time of a command over N runs (after one warm-up run), for commands too
short for bench/run.sh: time_command.py [-n N] -- COMMAND ARGS..."""
import argparse
import statistics
import subprocess
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=31)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command after --")
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    times = []
    for _ in range(args.n):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - started)
    times.sort()
    print(f"median {statistics.median(times) * 1000:.1f} ms, min {times[0] * 1000:.1f} ms, "
          f"max {times[-1] * 1000:.1f} ms over {args.n} runs: {' '.join(command)}")


if __name__ == "__main__":
    sys.exit(main())
