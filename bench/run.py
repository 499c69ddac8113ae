#!/usr/bin/env python3
"""bench/run.py: time rf against its peers on generated notes repositories.

usage: bench/run.py [--bin DIR] [--presets "season xl"] [--variants "packed loose"]
                    [--runs N] [--rows REGEX] [--list]

For each preset and variant it generates (or reuses, see bench/gen-repo.py) the
repository, then runs every row of ROWS: the rf command and its peers once
untimed, then N rounds that alternate rf and each peer, and prints the median
wall time, the peak RSS of the process tree and the ratio rf/peer.  It never
fails on a slow figure: a command that errors is shown as such and the run goes
on.  bench/README.md says what each row measures.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
sys.path.insert(0, HERE)
gen = __import__("gen-repo")


# ---------------------------------------------------------------------------
# Rows.  A Row is one rf command and the peers it is compared with; every
# command is a function of the context c (c.hot, c.rare, c.note, c.slugs,
# c.meta, c.value, c.work) returning its argv.  Commands run in the
# repository named by `repo`:
#   "notes"   the cached repository itself: read-only commands only
#   "cg"      a hard-linked bare clone of it with commit-graph + Bloom filters
#   "scratch" a clone for writers, reset to the cached HEAD before every run
#   "empty"   a fresh empty directory before every run
# index="cold" deletes rf's caches (.git/rf/: the history index and the
# score cache) before every run of the rf command; by default ("warm") the untimed first run leaves it in place.
# needs: the rf commands that must exist in the build (default: the first
# word of the label), else the row is skipped with a note.  presets: the
# presets the row runs on (default all).  setup: a function of c run before
# the row.  count: compare the line counts of rf and its first peer.
# To add a row, append a Row here and describe it in bench/README.md.
# ---------------------------------------------------------------------------
class Cmd:
    def __init__(self, label, argv, repo="notes", ok=(0,)):
        self.label, self.argv, self.repo, self.ok = label, argv, repo, ok


class Row:
    def __init__(self, name, label, rf, peers, repo="notes", index="warm", needs=None, presets=None,
                 count=False, setup=None):
        self.name, self.label, self.index, self.presets = name, label, index, presets
        self.rf = Cmd(label, rf, repo)
        self.peers = peers
        self.needs = needs or (label.split()[0],)
        self.count = count      # rf and its first peer print one line per commit: compare
        self.setup = setup      # run before the row when it is not skipped


def sh(script):
    return ["sh", "-c", script]


def git_path_log(slug_attr):
    return [Cmd("git log --format=%H -- NOTE.ini",
                lambda c: ["git", "log", "--format=%H", "--", getattr(c, slug_attr) + ".ini"]),
            Cmd("  same, commit-graph + Bloom filters",
                lambda c: ["git", "log", "--format=%H", "--", getattr(c, slug_attr) + ".ini"], repo="cg")]


def setup_import(c):
    """rf-import's input: one CSV line per note of the preset."""
    c.csv = os.path.join(c.work, "programs.csv")
    with open(c.csv, "w") as f:
        f.write("name,track,city,state\n")
        for i, slug in enumerate(c.slugs):
            f.write("Program %s,ir-integrated,City %d,TX\n" % (slug, i % 97))


ROWS = [
    Row("log-hot", "rf-log HOT", lambda c: ["rf-log", c.hot], git_path_log("hot"), count=True),
    Row("log-hot-cold", "rf-log HOT, cold index", lambda c: ["rf-log", c.hot], git_path_log("hot")[:1],
        index="cold"),
    Row("log-rare", "rf-log RARE", lambda c: ["rf-log", c.rare], git_path_log("rare"), count=True),
    Row("log-rare-cold", "rf-log RARE, cold index", lambda c: ["rf-log", c.rare], git_path_log("rare")[:1],
        index="cold"),
    Row("log-n20", "rf-log -n 20", lambda c: ["rf-log", "-n", "20"],
        [Cmd("git log --raw -n 20", lambda c: ["git", "log", "--raw", "-n", "20"])]),
    Row("log-n20-cold", "rf-log -n 20, cold index", lambda c: ["rf-log", "-n", "20"],
        [Cmd("git log --raw -n 20", lambda c: ["git", "log", "--raw", "-n", "20"])], index="cold"),
    Row("score", "rf-score", lambda c: ["rf-score"],
        [Cmd("cat *.ini >/dev/null", lambda c: sh("cat *.ini >/dev/null")),
         Cmd("python3 configparser, every note",
             lambda c: [sys.executable, os.path.join(HERE, "peer-configparser.py")])]),
    Row("score-cold", "rf-score, cold cache", lambda c: ["rf-score"],
        [Cmd("python3 configparser, every note",
             lambda c: [sys.executable, os.path.join(HERE, "peer-configparser.py")])], index="cold",
        needs=("rf-score",)),
    Row("score-at", "rf-score --at HEAD~100", lambda c: ["rf-score", "--at", "HEAD~100"],
        [Cmd("git archive HEAD~100 >/dev/null", lambda c: ["git", "archive", "HEAD~100"])]),
    # rf fsyncs what it writes (the note, objects, refs, reflogs and their
    # directories); git by default fsyncs none of a commit's loose objects,
    # its index or its refs: the second peer is git asked to fsync them all.
    Row("set", "rf-set NOTE key=value", lambda c: ["rf-set", c.note, "visa.h1b=" + c.value],
        [Cmd("sed -i + git add + git commit",
             lambda c: sh("sed -i 's/^h1b = .*/h1b = %s/' %s.ini && git add %s.ini && "
                          "git commit -q -m 'set %s: visa.h1b → %s'" % (c.value, c.note, c.note, c.note, c.value)),
             repo="scratch"),
         Cmd("the same, git -c core.fsync=all",
             lambda c: sh("sed -i 's/^h1b = .*/h1b = %s/' %s.ini && git -c core.fsync=all add %s.ini && "
                          "git -c core.fsync=all commit -q -m 'set %s: visa.h1b → %s'"
                          % (c.value, c.note, c.note, c.note, c.value)),
             repo="scratch")], repo="scratch"),
    Row("version", "rf-score --version", lambda c: ["rf-score", "--version"],
        [Cmd("git --version", lambda c: ["git", "--version"])]),

    # rf-import makes a notes directory that does not exist but refuses an
    # empty one that is not a git repository (as rf-new does): -C a new one
    # inside the fresh directory.
    Row("import", "rf-import 2,000 programs (CSV)", lambda c: ["rf-import", "-C", "notes", c.csv],
        [Cmd("awk CSV -> notes + git add + git commit",
             lambda c: sh("git init -q . && awk -F, 'NR > 1 { f = sprintf(\"p%%04d.ini\", NR); "
                          "print \"[program]\\nname = \" $1 \"\\ntrack = \" $2 > f; close(f) }' %s && "
                          "git add -A && git commit -q -m import" % c.csv), repo="empty")],
        repo="empty", presets=("xl",), setup=setup_import),

    # The page as an applicant makes it (-o: written atomically outside the
    # notes directory), for 60 of season's 80 notes and for all of them.
    Row("report", "rf-report -o FILE 60 programs",
        lambda c: ["rf-report", "-o", os.path.join(c.work, "season.html")] + c.slugs[:60],
        [Cmd("git log -p --no-textconv -- 60 notes",
             lambda c: ["git", "log", "-p", "--no-textconv", "--"] + [s + ".ini" for s in c.slugs[:60]])],
        presets=("season",)),
    Row("report-all", "rf-report -o FILE (every note)",
        lambda c: ["rf-report", "-o", os.path.join(c.work, "season.html")],
        [Cmd("git log -p --no-textconv", lambda c: ["git", "log", "-p", "--no-textconv"])],
        presets=("season",)),
    Row("report-text", "rf-report --format text", lambda c: ["rf-report", "--format", "text"],
        [Cmd("git log --raw", lambda c: ["git", "log", "--raw"])], presets=("season",)),
]


# ---------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------
def rusage_tool(root):
    """bench/rusage.c, compiled into the cache on first use."""
    src = os.path.join(HERE, "rusage.c")
    with open(src, "rb") as f:
        tag = hashlib.sha256(f.read()).hexdigest()[:10]
    exe = os.path.join(root, "rusage-" + tag)
    if not os.access(exe, os.X_OK):
        cc = os.environ.get("CC") or "cc"
        subprocess.run([cc, "-O2", "-std=c11", "-Wall", "-Wextra", "-o", exe + ".tmp", src], check=True)
        os.rename(exe + ".tmp", exe)
    return exe


def run_once(rusage, argv, cwd, env, errpath, outpath=os.devnull):
    """Wall time (s), peak RSS (KB, the largest process of the tree) and exit
    status of one run in cwd, stdout to outpath, stderr to errpath."""
    rupath = errpath + ".rusage"
    fa = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
          (os.POSIX_SPAWN_OPEN, 1, outpath, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
          (os.POSIX_SPAWN_OPEN, 2, errpath, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)]
    old = os.getcwd()
    os.chdir(cwd)
    try:
        pid = os.posix_spawn(rusage, [rusage, rupath] + argv, env, file_actions=fa)
        _, status = os.waitpid(pid, 0)
    finally:
        os.chdir(old)
    rc = os.waitstatus_to_exitcode(status)
    try:
        with open(rupath) as f:
            ns, kb = f.read().split()
        os.unlink(rupath)
    except (OSError, ValueError):
        return None, None, rc if rc else 125
    return int(ns) / 1e9, int(kb), rc


class Result:
    def __init__(self):
        self.times, self.rss, self.error = [], [], None

    def median(self):
        return statistics.median(self.times) if self.times else None

    def spread(self):
        m = self.median()
        return (max(self.times) - min(self.times)) / 2 / m if self.times and m else 0


def fmt_time(t):
    if t is None:
        return "-"
    if t >= 10:
        return "%.1f s" % t
    if t >= 1:
        return "%.2f s" % t
    if t >= 0.01:
        return "%.0f ms" % (t * 1000)
    return "%.1f ms" % (t * 1000)


def fmt_rss(kb):
    return "-" if not kb else ("%.1f MB" % (kb / 1024) if kb < 10240 else "%.0f MB" % (kb / 1024))


def fmt_ratio(a, b):
    if a is None or b is None or b <= 0:
        return "-"
    r = a / b
    return "%.0f" % r if r >= 100 else "%.1f" % r if r >= 1 else "%.2f" % r


# ---------------------------------------------------------------------------
# One preset and variant
# ---------------------------------------------------------------------------
class Bench:
    def __init__(self, args, root, preset, variant):
        self.a, self.root, self.preset, self.variant = args, root, preset, variant
        self.dir = None
        self.rusage = rusage_tool(root)
        self.repos = {}
        self.work = tempfile.mkdtemp(prefix="work-", dir=root)
        home = os.path.join(self.work, "home")
        os.mkdir(home)
        # The same isolated environment for rf and its peers: no ~/.gitconfig
        # (libgit2 reads $HOME's), no system config, no pager, no colour.
        self.env = {
            "PATH": args.bin + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": home, "TZ": "UTC", "LC_ALL": "C.UTF-8", "GIT_CONFIG_NOSYSTEM": "1",
            "RF_SHARE": os.path.join(TOP, "templates"), "RF_PAGER": "", "GIT_PAGER": "cat",
            "NO_COLOR": "1", "TERM": "dumb",
            "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
            "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org",
        }

    def log(self, msg):
        print("bench: " + msg, file=sys.stderr, flush=True)

    def prepare(self):
        name = gen.cache_name(self.preset, self.variant, os.path.join(TOP, "templates"))
        self.cached = os.path.exists(os.path.join(self.root, name, "meta.json"))
        out = subprocess.run(["nice", "-n", "10", sys.executable, os.path.join(HERE, "gen-repo.py"),
                              "--dir", self.root, self.preset, self.variant],
                             check=True, stdout=subprocess.PIPE, text=True).stdout
        self.dir = out.strip().splitlines()[-1]
        with open(os.path.join(self.dir, "meta.json")) as f:
            self.meta = json.load(f)
        self.repos["notes"] = os.path.join(self.dir, "notes")
        # Start from a cold history index: a previous build's may be stale.
        shutil.rmtree(os.path.join(self.repos["notes"], ".git", "rf"), ignore_errors=True)

    def repo(self, kind):
        """The directory a command of kind runs in, made on first use."""
        if kind in self.repos:
            return self.repos[kind]
        notes = self.repos["notes"]
        if kind == "cg":
            cg = os.path.join(self.dir, "commit-graph.git")
            if not os.path.exists(os.path.join(cg, "objects", "info", "commit-graph")):
                t0 = time.monotonic()
                shutil.rmtree(cg, ignore_errors=True)
                tmp = cg + ".tmp"
                shutil.rmtree(tmp, ignore_errors=True)
                self.git(".", "clone", "-q", "--local", "--bare", notes, tmp)
                self.git(tmp, "commit-graph", "write", "--reachable", "--changed-paths", nice=True)
                os.rename(tmp, cg)
                self.log("commit-graph copy with changed-path Bloom filters in %.0f s" % (time.monotonic() - t0))
            path = cg
        elif kind == "scratch":
            path = os.path.join(self.work, "scratch")
            self.git(".", "clone", "-q", "--local", notes, path)
            # git commit must not start gc --auto (rf never packs either).
            self.git(path, "config", "gc.auto", "0")
            self.git(path, "config", "maintenance.auto", "false")
        elif kind == "empty":
            path = os.path.join(self.work, "empty")
        else:
            raise KeyError(kind)
        self.repos[kind] = path
        return path

    def git(self, cwd, *args, nice=False):
        pre = ["nice", "-n", "10"] if nice else []
        subprocess.run(pre + ["git", "-C", cwd] + list(args), check=True, env=self.env)

    def prep(self, row, cmd, is_rf):
        """Untimed, before every run of cmd."""
        path = self.repo(cmd.repo)
        if cmd.repo == "scratch":
            self.git(path, "reset", "-q", "--hard", self.meta["head"])
        elif cmd.repo == "empty":
            shutil.rmtree(path, ignore_errors=True)
            os.mkdir(path)
        if is_rf and row.index == "cold":
            shutil.rmtree(os.path.join(path, ".git", "rf"), ignore_errors=True)
        return path

    def context(self):
        c = argparse.Namespace(hot=self.meta["hot"], rare=self.meta["rare"], note=self.meta["first_note"],
                               slugs=self.meta["slugs"], meta=self.meta, work=self.work)
        with open(os.path.join(self.repos["notes"], c.note + ".ini")) as f:
            h1b = re.search(r"^h1b = (.*)$", f.read(), re.M).group(1)
        c.value = "no" if h1b == "yes" else "yes"
        return c

    def argv(self, cmd, c, is_rf):
        argv = cmd.argv(c)
        if is_rf:
            argv = [os.path.join(self.a.bin, argv[0])] + argv[1:]
        return argv

    def snapshot(self):
        """Every path of the cached repository but rf's index (.git/rf/), with its
        size and mtime; objects by size only (git freshens the mtime of an object
        it would write again, through the scratch clone's hard links)."""
        snap, top = {}, self.repos["notes"]
        for d, dirs, files in os.walk(top):
            if d == os.path.join(top, ".git"):
                dirs[:] = [x for x in dirs if x != "rf"]
            objects = d.startswith(os.path.join(top, ".git", "objects"))
            for x in files:
                p = os.path.join(d, x)
                st = os.lstat(p)
                snap[os.path.relpath(p, top)] = st.st_size if objects else (st.st_size, st.st_mtime_ns)
        return snap

    def run_row(self, row, c):
        cmds = [(row.rf, True)] + [(p, False) for p in row.peers]
        results = [Result() for _ in cmds]
        errfile = os.path.join(self.work, "stderr")
        argvs = [self.argv(cmd, c, is_rf) for cmd, is_rf in cmds]
        lines = []
        for rnd in range(self.a.runs + 1):          # round 0 is the untimed warm-up
            for i, ((cmd, is_rf), argv, res) in enumerate(zip(cmds, argvs, results)):
                if res.error:
                    continue
                cwd = self.prep(row, cmd, is_rf)
                env = dict(self.env, RF_DIR=cwd)
                # The warm-up's output is kept when rf and its first peer must list as much.
                out = os.path.join(self.work, "stdout") if rnd == 0 and row.count and i < 2 else os.devnull
                t, rss, rc = run_once(self.rusage, argv, cwd, env, errfile, out)
                if rc not in cmd.ok:
                    with open(errfile, errors="replace") as f:
                        first = (f.read().strip().splitlines() or [""])[0]
                    res.error = "exit %d: %s" % (rc, first[:100])
                elif rnd > 0:
                    res.times.append(t)
                    res.rss.append(rss)
                if out != os.devnull:
                    with open(out, "rb") as f:
                        lines.append(f.read().count(b"\n"))
        note = None
        if len(lines) == 2 and lines[0] != lines[1]:
            note = "rf printed %d lines, %s %d: not the same commits?" % (lines[0], row.peers[0].label, lines[1])
        return results, note

    def run(self, rows, table):
        self.prepare()
        m = self.meta
        title = "%s %s: {:,} notes, {:,} commits (HOT %s: {:,}, RARE %s: {:,}), %.1f KB notes, HEAD %s".format(
            m["notes"], m["commits"], m["hot_commits"], m["rare_commits"]) % (
            self.preset, self.variant, m["hot"], m["rare"], m["note_bytes_median"] / 1024, m["head"][:12])
        table.section(title)
        c = self.context()
        before = self.snapshot()
        for row in rows:
            if row.presets and self.preset not in row.presets:
                continue
            missing = [n for n in row.needs if not os.access(os.path.join(self.a.bin, n), os.X_OK)]
            if missing:
                table.skip(row, "skipped: no %s in %s" % (" ".join(missing), self.a.bin))
                continue
            if row.setup:
                row.setup(c)
            self.log("%s %s: %s" % (self.preset, self.variant, row.label))
            results, note = self.run_row(row, c)
            table.row(self.preset + " " + self.variant, row, results, note)
        after = self.snapshot()
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        if changed:
            table.note("read-only rows changed the cached repository: %s%s" % (
                ", ".join(changed[:5]), " ..." if len(changed) > 5 else ""))

    def close(self):
        shutil.rmtree(self.work, ignore_errors=True)


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------
class Table:
    W = (30, 18, 36, 18, 8)

    def __init__(self, runs):
        self.runs = runs
        self.summary = {}       # (row label, peer label) -> {column: text}
        self.order, self.columns = [], []

    def out(self, line=""):
        print(line, flush=True)

    def section(self, title):
        self.out()
        self.out("== " + title)
        w = self.W
        self.out("%-*s %*s %*s %-*s %*s %*s %*s" % (w[0], "row", w[1], "rf median ±", 9, "peak",
                                                     w[2], "peer", w[3], "peer median ±", 9, "peak", w[4], "rf/peer"))

    def skip(self, row, why):
        self.out("%-*s %s" % (self.W[0], row.label, why))

    def note(self, text):
        self.out("  note: " + text)

    @staticmethod
    def cell(res):
        if res.error:
            return res.error, ""
        return "%s ±%.0f%%" % (fmt_time(res.median()), 100 * res.spread()), fmt_rss(max(res.rss))

    def row(self, column, row, results, note):
        w = self.W
        rf = results[0]
        rt, rm = self.cell(rf)
        if column not in self.columns:
            self.columns.append(column)
        for i, (peer, res) in enumerate(zip(row.peers, results[1:])):
            pt, pm = self.cell(res)
            ratio = "-" if rf.error or res.error else fmt_ratio(rf.median(), res.median())
            left = ("%-*s %*s %*s" % (w[0], row.label, w[1], rt, 9, rm)) if i == 0 else " " * (w[0] + w[1] + 11)
            self.out("%s %-*s %*s %*s %*s" % (left, w[2], peer.label, w[3], pt, 9, pm, w[4], ratio))
            key = (row.label, peer.label)
            if key not in self.summary:
                self.summary[key] = {}
                self.order.append(key)
            self.summary[key][column] = "-" if ratio == "-" else "%s / %s = %s" % (
                fmt_time(rf.median()), fmt_time(res.median()), ratio)
        if rf.error and not row.peers:
            self.out("%-*s %s" % (w[0], row.label, rt))
        if note:
            self.note(note)

    def final(self):
        if not self.order:
            return
        self.out()
        self.out("== summary: rf median / peer median = rf/peer (median of %d runs)" % self.runs)
        lw = max(len("%s vs %s" % k) for k in self.order)
        cw = max([len(c) for c in self.columns] + [len(v) for s in self.summary.values() for v in s.values()])
        self.out("%-*s  %s" % (lw, "row vs peer", "  ".join("%-*s" % (cw, c) for c in self.columns)))
        for k in self.order:
            label = ("%s vs %s" % k) if not k[1].startswith("  ") else "%*s%s" % (len(k[0]) + 4, "", k[1].strip())
            self.out("%-*s  %s" % (lw, label, "  ".join("%-*s" % (cw, self.summary[k].get(c, "")) for c in self.columns)))


def version(argv, env=None):
    try:
        return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                              env=env).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(TOP, "build", "plain", "bin"), help="rf binaries (default build/plain/bin)")
    ap.add_argument("--presets", default="season xl", help='space-separated: %s' % " ".join(gen.PRESETS))
    ap.add_argument("--variants", default="packed", help="space-separated: packed loose")
    ap.add_argument("--runs", type=int, default=3, help="timed runs of each command (median)")
    ap.add_argument("--rows", default="", help="only rows whose name or label matches this regex")
    ap.add_argument("--list", action="store_true", help="list the rows and exit")
    a = ap.parse_args()
    a.bin = os.path.abspath(a.bin)
    rows = [r for r in ROWS if not a.rows or re.search(a.rows, r.name) or re.search(a.rows, r.label)]
    if a.list:
        for r in rows:
            print("%-14s %-32s vs %s" % (r.name, r.label, "; ".join(p.label.strip() for p in r.peers)))
        return 0
    presets, variants = a.presets.split(), a.variants.split()
    for p in presets:
        if p not in gen.PRESETS:
            ap.error("unknown preset %s (%s)" % (p, " ".join(gen.PRESETS)))
    for v in variants:
        if v not in gen.VARIANTS:
            ap.error("unknown variant %s (%s)" % (v, " ".join(gen.VARIANTS)))
    if a.runs < 1:
        ap.error("--runs must be at least 1")
    if not os.access(os.path.join(a.bin, "rf-log"), os.X_OK):
        ap.error("no rf-log in %s (make first)" % a.bin)
    root = os.path.abspath(gen.default_root())
    os.makedirs(root, exist_ok=True)

    t0 = time.monotonic()
    print("rf bench: %s, %s, %s; %d cores, load %s" % (
        version([os.path.join(a.bin, "rf-score"), "--version"]), version(["git", "--version"]),
        "libgit2 " + version(["pkg-config", "--modversion", "libgit2"]), os.cpu_count(),
        " ".join("%.2f" % x for x in os.getloadavg())))
    print("median of %d runs after one untimed run, rf and peers alternating; peak RSS of the process "
          "tree; ± is half the range; binaries %s; cache %s" % (a.runs, a.bin, root))
    table = Table(a.runs)
    gens = []
    for p in presets:
        for v in variants:
            b = Bench(a, root, p, v)
            try:
                b.run(rows, table)
                m = b.meta
                m = b.meta
                gens.append("%s %s %s in %.0f s" % (p, v, "cached, generated" if b.cached else "generated",
                                                   m["seconds_write"] + m["seconds_pack"]))
            finally:
                b.close()
    table.final()
    print()
    print("repositories: %s; whole run %.0f s; load %s" % (
        ", ".join(gens), time.monotonic() - t0, " ".join("%.2f" % x for x in os.getloadavg())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
