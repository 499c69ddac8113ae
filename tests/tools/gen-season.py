#!/usr/bin/env python3
"""tests/tools/gen-season.py: a notes repository with N programs and a
history of fixed dates, made in one `git fast-import` (rf would take a
process per commit).

usage: tests/tools/gen-season.py TEMPLATES DIR N

DIR is created as a git repository holding profile.ini (from TEMPLATES) and
program-01.ini ... program-N.ini (from TEMPLATES/program.ini), each created
by its own commit, then about three commits per program that change one to
three answers, add a quote holding a warning phrase, add a red flag or only
change the status (no risk change).  Besides: one commit changes two notes,
program-07 is renamed to program-07-renamed (same content, as `git mv`), and
a side branch changing program-03 is merged.  Answers come from each key's
vocabulary bracket; a fixed seed and dates from 2026-11-01 00:00 UTC, one
hour apart, make every run give the same objects.
"""
import os
import random
import re
import subprocess
import sys

PHRASES = ("We try, but service comes first", "You learn by being thrown into the deep end",
           "We can look into it after you match", "We're like a family here",
           "Visa stuff is complicated")


class Note:
    def __init__(self, template, name):
        self.lines = template.splitlines()
        self.set("program", "name", name)
        self.set("program", "created", "2026-11-01")

    def keys(self):
        """(section, key, vocabulary) of every templated key."""
        out, section, vocab = [], None, None
        for line in self.lines:
            m = re.match(r"^\[(\w+)\]$", line)
            if m:
                section = m.group(1)
                continue
            if line.startswith(";"):
                b = re.findall(r"\[([^\]]*)\]", line)
                vocab = b[-1] if b else None
                continue
            m = re.match(r"^(\w+) =", line)
            if m and section and vocab:
                out.append((section, m.group(1), vocab))
        return out

    def set(self, section, key, value):
        cur, at = None, None
        for i, line in enumerate(self.lines):
            m = re.match(r"^\[(\w+)\]$", line)
            if m:
                if cur == section and at is None:
                    self.lines.insert(i, "%s = %s" % (key, value))
                    return
                cur = m.group(1)
                continue
            if cur == section and re.match(r"^%s =" % re.escape(key), line):
                self.lines[i] = "%s = %s" % (key, value)
                return
        if cur == section:
            self.lines.append("%s = %s" % (key, value))
        else:
            self.lines += ["", "[%s]" % section, "%s = %s" % (key, value)]

    def text(self):
        return ("\n".join(self.lines) + "\n").encode()


def answer(rng, vocab):
    if vocab == "number":
        return str(rng.choice((0, 1, 2, 3, 5, 8, 40, 75, 90, 100, 2500)))
    if vocab in ("text", "date"):
        return None
    return rng.choice(vocab.split("|"))


def main():
    templates, top, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = random.Random(14)
    with open(os.path.join(templates, "program.ini")) as f:
        template = f.read()
    with open(os.path.join(templates, "profile.ini"), "rb") as f:
        profile = f.read()
    subprocess.run(["git", "init", "-q", top], check=True)
    head = subprocess.run(["git", "-C", top, "symbolic-ref", "HEAD"], check=True, stdout=subprocess.PIPE,
                          text=True).stdout.strip()
    out = []
    when = [1793491200]     # 2026-11-01T00:00:00Z
    mark = [0]

    def commit(ref, msg, files, frm=None, merge=None, delete=()):
        mark[0] += 1
        stamp = "%d +0000" % when[0]
        when[0] += 3600
        body = msg.encode()
        out.append(b"commit %s\nmark :%d\n" % (ref.encode(), mark[0]))
        out.append(b"author Test Applicant <applicant@example.org> %s\n" % stamp.encode())
        out.append(b"committer Test Applicant <applicant@example.org> %s\n" % stamp.encode())
        out.append(b"data %d\n%s\n" % (len(body), body))
        if frm:
            out.append(b"from :%d\n" % frm)
        if merge:
            out.append(b"merge :%d\n" % merge)
        for path in delete:
            out.append(b"D %s\n" % path.encode())
        for path, data in files:
            out.append(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))
        return mark[0]

    commit(head, "init profile: created", [("profile.ini", profile)])
    notes, files = {}, {}
    for i in range(1, n + 1):
        slug = "program-%02d" % i
        name = "Program %02d – %s" % (i, rng.choice(("IR (Integrated)", "DR-ESIR", "DR", "IR (Independent)")))
        if i == 5:
            name = "Program 05 <b>&amp \"Saint\" & O'Neil's </td>"
        notes[slug] = Note(template, name)
        files[slug] = slug + ".ini"
        last = commit(head, "new %s: %s" % (slug, name), [(files[slug], notes[slug].text())])
    slugs = sorted(notes)
    for step in range(3 * n):
        slug = rng.choice(slugs)
        note = notes[slug]
        kind = rng.random()
        if kind < 0.1:
            note.set("program", "status", rng.choice(("applied", "invited", "interviewed")))
            msg = "set %s: program.status" % slug
        elif kind < 0.2:
            note.set("quotes", "2026-12-%02d pd" % (step % 28 + 1), rng.choice(PHRASES))
            msg = "quote %s" % slug
        elif kind < 0.25:
            note.set("red_flags", "flag_%d" % step, rng.choice(("low", "medium", "high", "7")))
            msg = "set %s: red flag" % slug
        else:
            changed = []
            for section, key, vocab in rng.sample(note.keys(), 3)[:rng.randint(1, 3)]:
                value = answer(rng, vocab)
                if value is not None:
                    note.set(section, key, value)
                    changed.append("%s.%s" % (section, key))
            msg = "set %s: %s" % (slug, ", ".join(changed) or "nothing")
        last = commit(head, msg, [(files[slug], note.text())])
        if step == n:
            # Two notes in one commit.
            a, b = notes["program-01"], notes["program-02"]
            a.set("visa", "h1b", "no")
            b.set("visa", "h1b", "yes")
            last = commit(head, "set program-01, program-02: visa.h1b",
                          [(files["program-01"], a.text()), (files["program-02"], b.text())])
        if step == n + 5 and "program-07" in notes:
            # git mv: the same blob under a new name.
            files["program-07"] = "program-07-renamed.ini"
            last = commit(head, "rename program-07", [(files["program-07"], notes["program-07"].text())],
                          delete=("program-07.ini",))
        if step == 2 * n:
            # A side branch (the other laptop) changes program-03; merged.
            c = notes["program-03"]
            c.set("culture", "abusive_teaching", "yes")
            side = commit("refs/heads/side", "set program-03: culture.abusive_teaching",
                          [(files["program-03"], c.text())], frm=last)
            notes["program-04"].set("workload", "hours_per_week", "90")
            main_tip = commit(head, "set program-04: workload.hours_per_week",
                              [(files["program-04"], notes["program-04"].text())])
            last = commit(head, "Merge branch 'side'", [(files["program-03"], c.text())], frm=main_tip,
                          merge=side)
    subprocess.run(["git", "-C", top, "fast-import", "--quiet"], input=b"".join(out), check=True)
    subprocess.run(["git", "-C", top, "branch", "-q", "-D", "side"], check=True)
    subprocess.run(["git", "-C", top, "reset", "-q", "--hard"], check=True)


if __name__ == "__main__":
    main()
