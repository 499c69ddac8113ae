#!/usr/bin/env python3
"""bench/peer-configparser.py [DIR]: the rf-score peer of make bench.

Parses every *.ini note in DIR (default: the current directory) with Python's
configparser, as a small script that ranked programs by hand would, and prints
one line per note (its name and how many answers are not "unknown"), so the
parse cannot be skipped.
"""
import configparser
import glob
import os
import sys

d = sys.argv[1] if len(sys.argv) > 1 else "."
for path in sorted(glob.glob(os.path.join(d, "*.ini"))):
    cp = configparser.ConfigParser(interpolation=None, strict=False,
                                   inline_comment_prefixes=(";", "#"))
    cp.read(path, encoding="utf-8")
    known = sum(1 for s in cp.sections() for v in cp[s].values() if v and v != "unknown")
    print("%s\t%s\t%d" % (os.path.basename(path), cp.get("program", "name", fallback=""), known))
