#!/usr/bin/env python3
"""bench/gen-repo.py: build a deterministic rf notes repository for make bench.

usage: bench/gen-repo.py [--dir ROOT] [--templates DIR] PRESET VARIANT

PRESET is one of PRESETS below, VARIANT is "packed" (one pack, as after git gc)
or "loose" (every object loose, as rf itself writes them: libgit2 never packs).
The repository is cached under ROOT ($RF_BENCH_DIR, else bench/cache) in a
directory named after the preset, the variant, GEN_VERSION and a hash of the
templates, so a rerun reuses it; the path of the directory is printed on stdout
(the repository is DIR/notes, its description DIR/meta.json).

The history is what a season of rf use leaves: an "init" commit with
profile.ini (as rf-init makes it), one "new" commit per note (as rf-new makes
it, program.name and program.created filled), then commits that each change one
answer of one note, with rf's messages.  A quarter of those commits touch the
"hot" note, the "rare" note is changed 14 times in all, the rest are spread at
random (fixed seed) over the other notes.  Dates are fixed and increasing, so
two runs give the same objects and the same HEAD id.
"""
import argparse
import bisect
import calendar
import collections
import concurrent.futures
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
import zlib

# Bump when the generated history changes (the cache key includes it).
GEN_VERSION = 2

PRESETS = {
    # name: (notes, commits in all, including the init and "new" commits)
    "season": (80, 3000),
    "xl": (2000, 50000),
}
VARIANTS = ("packed", "loose")

# Where the hot and rare notes sort among the others: git's path-limited log
# scans a root tree's entries in order up to the path, so a note sorting first
# or last would be git's best or worst case; these are ordinary positions.
HOT_AT, RARE_AT = 0.35, 0.65
RARE_CHANGES = 14          # commits touching the rare note, its "new" one included
HOT_SHARE = 0.25           # share of the answer-changing commits that touch the hot note
FREE_SECTIONS = {"quotes", "red_flags", "green_flags", "notes"}
START = calendar.timegm((2026, 6, 1, 8, 0, 0))   # first commit, UTC
SPAN = 180 * 86400         # the whole history spans about half a year
AUTHOR = b"Bench Applicant <applicant@example.org>"
WORDS = ("Boston", "Chicago", "Houston", "Phoenix", "q4 home call", "q5 in-house", "residents",
         "fellows", "PD said", "APD said", "two attendings", "one IR fellow", "busy", "quiet",
         "new suite", "old suite", "see email", "ask again", "from forum", "chief resident")


def log(msg):
    print("gen-repo: " + msg, file=sys.stderr, flush=True)


def templates_hash(tdir):
    h = hashlib.sha256()
    for name in ("program.ini", "profile.ini"):
        with open(os.path.join(tdir, name), "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:10]


def cache_name(preset, variant, tdir):
    return "%s-%s-g%d-%s" % (preset, variant, GEN_VERSION, templates_hash(tdir))


class Template:
    """templates/program.ini cut to about 4 KB: every section and key, each
    question comment reduced to its vocabulary bracket, the free-key sections'
    example comments kept."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            src = f.read().splitlines()
        self.lines, self.keys = [], []   # keys: (line index, section, key, vocabulary)
        section, vocab, header = None, None, True
        for line in src:
            if line.startswith("["):
                header = False
                section = line.strip("[] ")
                self.lines.append(line)
            elif line.startswith(";"):
                if header and self.lines:
                    continue          # keep the first line of the file's header only
                m = re.search(r"\[([^\]]*)\]\s*$", line)
                vocab = m.group(1) if m else None
                if section in FREE_SECTIONS or not m:
                    self.lines.append(line)
                else:
                    self.lines.append("; [%s]" % vocab)
            elif "=" in line:
                key = line.split("=", 1)[0].strip()
                if section not in FREE_SECTIONS:
                    self.keys.append((len(self.lines), section, key, vocab))
                self.lines.append(line)
            else:
                self.lines.append(line)
        self.index = {(s, k): i for i, s, k, _ in self.keys}
        # Answers the history changes: all but the two rf-new fills.
        self.changeable = [k for k in self.keys if (k[1], k[2]) not in
                           (("program", "name"), ("program", "created"))]

    def note(self, name, created):
        lines = list(self.lines)
        lines[self.index[("program", "name")]] = "name = " + name
        lines[self.index[("program", "created")]] = "created = " + created
        return lines


def value(rng, vocab, old):
    for _ in range(20):
        if vocab == "number":
            v = str(rng.randint(0, 120))
        elif vocab == "date":
            v = time.strftime("%Y-%m-%d", time.gmtime(START + rng.randrange(SPAN)))
        elif vocab == "text" or not vocab:
            v = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3)))
        else:
            v = rng.choice(vocab.split("|"))
        if v != old:
            return v
    return v + " again"


class FastImport:
    """Commits as a git fast-import stream (the packed variant: git packs them)."""

    def __init__(self, out):
        self.out = out

    def commit(self, msg, t, path, data):
        w = self.out.write
        w(b"commit refs/heads/main\n")
        w(b"author %s %d +0000\ncommitter %s %d +0000\n" % (AUTHOR, t, AUTHOR, t))
        w(b"data %d\n%s\n" % (len(msg), msg))
        w(b"M 100644 inline %s\ndata %d\n%s\n\n" % (path, len(data), data))

    def done(self):
        self.out.write(b"done\n")


class Loose:
    """The same commits written as loose objects, zlib level 1 as git and libgit2
    write them (the loose variant; exploding a fast-import pack with git
    unpack-objects takes three times longer).  Two threads compress and write."""

    def __init__(self, gitdir):
        self.gitdir, self.seen, self.parent = gitdir, set(), None
        self.names, self.entries = [], []     # the root tree, sorted
        self.pool = concurrent.futures.ThreadPoolExecutor(2)
        self.pending = collections.deque()

    def _write(self, path, raw):
        d = os.path.dirname(path)
        if not os.path.isdir(d):
            os.makedirs(d, exist_ok=True)
        with open(path, "wb") as f:
            f.write(zlib.compress(raw, 1))

    def put(self, kind, data):
        raw = b"%s %d\0%s" % (kind, len(data), data)
        oid = hashlib.sha1(raw).digest()
        if oid not in self.seen:
            self.seen.add(oid)
            hx = oid.hex()
            self.pending.append(self.pool.submit(self._write, os.path.join(self.gitdir, "objects", hx[:2], hx[2:]), raw))
            while len(self.pending) > 64:
                self.pending.popleft().result()
        return oid

    def commit(self, msg, t, path, data):
        entry = b"100644 %s\0%s" % (path, self.put(b"blob", data))
        i = bisect.bisect_left(self.names, path)
        if i < len(self.names) and self.names[i] == path:
            self.entries[i] = entry
        else:
            self.names.insert(i, path)
            self.entries.insert(i, entry)
        tree = self.put(b"tree", b"".join(self.entries))
        body = b"tree %s\n" % tree.hex().encode()
        if self.parent:
            body += b"parent %s\n" % self.parent.hex().encode()
        body += b"author %s %d +0000\ncommitter %s %d +0000\n\n%s" % (AUTHOR, t, AUTHOR, t, msg)
        self.parent = self.put(b"commit", body)

    def done(self):
        for f in self.pending:
            f.result()
        self.pool.shutdown()
        with open(os.path.join(self.gitdir, "refs", "heads", "main"), "w") as f:
            f.write(self.parent.hex() + "\n")


def history(sink, preset, tdir):
    """Make PRESET's commits through SINK; return the description of the history
    (slugs, counts) for meta.json."""
    notes, commits = PRESETS[preset]
    rng = random.Random("rf-bench-%s-%d-%d" % (preset, notes, commits))
    tmpl = Template(os.path.join(tdir, "program.ini"))
    with open(os.path.join(tdir, "profile.ini"), "rb") as f:
        profile = f.read()
    step = max(1, SPAN // commits)
    n = 0

    def commit(msg, path, data):
        nonlocal n
        # rf's messages end with a newline.
        sink.commit((msg + "\n").encode(), START + n * step, path.encode(), data)
        n += 1

    # Slugs in creation order: the hot note first, the rare one in the middle.
    others = ["program-%04d" % i for i in range(notes - 2)]
    hot, rare = "%s-hot" % others[int(len(others) * HOT_AT)], "%s-rare" % others[int(len(others) * RARE_AT)]
    slugs = [hot] + others[:len(others) // 2] + [rare] + others[len(others) // 2:]
    names = {hot: "Program %s (hot)" % hot[8:12], rare: "Program %s (rare)" % rare[8:12]}
    texts = {}
    commit("init profile: created", "profile.ini", profile)
    for slug in slugs:
        name = names.get(slug, "Program %s" % slug[8:12])
        texts[slug] = tmpl.note(name, time.strftime("%Y-%m-%d", time.gmtime(START + n * step)))
        commit("new %s: %s" % (slug, name), slug + ".ini", ("\n".join(texts[slug]) + "\n").encode())

    sets = commits - n
    if sets < 4 * RARE_CHANGES:
        raise SystemExit("gen-repo: preset %s has too few commits" % preset)
    rare_at = {int((k + 0.5) * sets / (RARE_CHANGES - 1)) for k in range(RARE_CHANGES - 1)}
    hot_at = set(rng.sample([i for i in range(sets) if i not in rare_at], round(sets * HOT_SHARE)))
    touched = {s: 1 for s in slugs}
    for i in range(sets):
        slug = rare if i in rare_at else hot if i in hot_at else rng.choice(others)
        idx, section, key, vocab = rng.choice(tmpl.changeable)
        lines = texts[slug]
        old = lines[idx].split("=", 1)[1].strip()
        new = value(rng, vocab, old)
        lines[idx] = "%s = %s" % (key, new)
        commit("set %s: %s.%s %s → %s" % (slug, section, key, old or '""', new), slug + ".ini",
               ("\n".join(lines) + "\n").encode())
        touched[slug] += 1
    sink.done()
    sizes = sorted(len("\n".join(t)) + 1 for t in texts.values())
    return {
        "preset": preset, "notes": notes, "commits": n, "hot": hot, "rare": rare,
        "hot_commits": touched[hot], "rare_commits": touched[rare],
        "note_bytes_median": sizes[len(sizes) // 2], "first_note": others[0],
        "slugs": sorted(slugs),
    }


def git(repo, *args, **kw):
    return subprocess.run(["git", "-C", repo] + list(args), check=True, **kw)


def generate(preset, variant, root, tdir):
    final = os.path.join(root, cache_name(preset, variant, tdir))
    if os.path.exists(os.path.join(final, "meta.json")):
        return final, False
    os.makedirs(root, exist_ok=True)
    tmp = "%s.tmp-%d" % (final, os.getpid())
    shutil.rmtree(tmp, ignore_errors=True)
    repo = os.path.join(tmp, "notes")
    t0 = time.monotonic()
    log("%s/%s: %d notes, %d commits ..." % ((preset, variant) + PRESETS[preset]))
    git(".", "init", "-q", "-b", "main", repo)
    # What rf-init sets up besides profile.ini: plain git log -p shows per-key changes.
    git(repo, "config", "diff.rf.textconv", "rf-diff --textconv")
    os.makedirs(os.path.join(repo, ".git", "info"), exist_ok=True)
    with open(os.path.join(repo, ".git", "info", "attributes"), "w") as f:
        f.write("*.ini diff=rf\n")
    if variant == "loose":
        meta = history(Loose(os.path.join(repo, ".git")), preset, tdir)
    else:
        fi = subprocess.Popen(["git", "-C", repo, "fast-import", "--quiet", "--done"], stdin=subprocess.PIPE)
        meta = history(FastImport(fi.stdin), preset, tdir)
        fi.stdin.close()
        if fi.wait() != 0:
            raise SystemExit("gen-repo: git fast-import failed")
    t1 = time.monotonic()
    if variant == "packed":
        # What git gc does to loose objects (a fresh delta search with gc's window
        # and depth), without the commit-graph gc also writes: plain git must not
        # get one.  One thread: the pack is then the same byte for byte.
        git(repo, "-c", "pack.threads=1", "repack", "-a", "-d", "-f", "-q", "--window=10", "--depth=50")
        git(repo, "pack-refs", "--all")
    git(repo, "reset", "-q", "--hard", "main")
    t2 = time.monotonic()
    head = git(repo, "rev-parse", "HEAD", capture_output=True, text=True).stdout.strip()
    count = git(repo, "count-objects", "-v", capture_output=True, text=True).stdout
    meta.update({
        "variant": variant, "gen_version": GEN_VERSION, "head": head,
        "objects": dict(l.split(": ", 1) for l in count.splitlines()),
        "seconds_write": round(t1 - t0, 1), "seconds_pack": round(t2 - t1, 1),
        "git": subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip(),
    })
    with open(os.path.join(tmp, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1)
    shutil.rmtree(final, ignore_errors=True)
    os.rename(tmp, final)
    log("%s/%s: HEAD %s in %.0f s (%s %.0f s, %scheckout %.0f s)" % (
        preset, variant, head[:12], t2 - t0, "fast-import" if variant == "packed" else "objects", t1 - t0,
        "repack and " if variant == "packed" else "", t2 - t1))
    return final, True


def default_root():
    return os.environ.get("RF_BENCH_DIR") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "cache")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", default=default_root(), help="cache root (default $RF_BENCH_DIR, else bench/cache)")
    ap.add_argument("--templates", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "templates"))
    ap.add_argument("preset", choices=sorted(PRESETS))
    ap.add_argument("variant", choices=VARIANTS)
    a = ap.parse_args()
    # A user's ~/.gitconfig or /etc/gitconfig must not change the objects or packs.
    os.environ.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null", LC_ALL="C")
    path, _ = generate(a.preset, a.variant, os.path.abspath(a.dir), os.path.abspath(a.templates))
    print(path)


if __name__ == "__main__":
    main()
