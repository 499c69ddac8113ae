#!/usr/bin/env python3
"""tests/tools/report-dom.py: read an rf-report page (or Chromium's
--dump-dom of it) with Python's HTML parser, so tests assert on what a
browser sees rather than on rf's own bytes.

usage: report-dom.py cells FILE    heat map cells: SLUG<TAB>COLUMN<TAB>VALUE
       report-dom.py points FILE   charts: SLUG<TAB>CIRCLES<TAB>DATA-POINTS
       report-dom.py names FILE    heat map rows: SLUG<TAB>the program's name as shown
       report-dom.py ranks FILE    rank list rows: LIST<TAB>RANK<TAB>SLUG<TAB>the rules
                                   of the findings beside it (comma list), then the
                                   findings about a list as a whole: LIST<TAB><TAB><TAB>RULES
       report-dom.py urls FILE     every src, href, action, xlink:href, srcset,
                                   poster or data attribute and every url( in CSS
       report-dom.py scripts FILE  elements that could run code: script, iframe,
                                   object, embed, on* attributes (one a line)
"""
import html.parser
import re
import sys

URL_ATTRS = {"src", "href", "action", "formaction", "xlink:href", "srcset", "poster", "data", "background"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cells, self.points, self.names, self.urls, self.scripts = [], [], [], [], []
        self.row = None         # the heat map row's slug
        self.in_th = False
        self.name = None        # text of the row header's link
        self.in_link = False
        self.figure = None      # [slug, circles, data-points]
        self.cell = None        # [slug, column, text]
        self.in_style = False
        self.ranks = []         # [list, rank, slug, [rules]]
        self.rank_list = None   # the list of the rank table being read
        self.rank_row = None
        self.in_findings = None # the list whose findings (below its table) are read

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k, v in attrs:
            if k in URL_ATTRS:
                self.urls.append("%s=%s" % (k, v))
            if k.startswith("on"):
                self.scripts.append("%s %s" % (tag, k))
            if k == "style" and v and "url(" in v:
                self.urls.append("style=%s" % v)
        if tag in ("script", "iframe", "object", "embed", "frame", "base", "link", "img") or \
                (tag == "meta" and a.get("http-equiv", "").lower() == "refresh"):
            self.scripts.append(tag)
        if tag == "style":
            self.in_style = True
        if tag == "tr" and "data-slug" in a:
            self.rank_row = [a.get("data-list", ""), a.get("data-rank", ""), a["data-slug"], []]
            self.rank_list = a.get("data-list", "")
        if tag == "li" and "data-rule" in a:
            if self.rank_row:
                self.rank_row[3].append(a["data-rule"])
            elif self.rank_list is not None:
                if not self.ranks or self.ranks[-1][1] != "":
                    self.ranks.append([self.rank_list, "", "", []])
                self.ranks[-1][3].append(a["data-rule"])
        if tag == "table" and "ranks" in a.get("class", "").split():
            self.rank_list = None
        if tag == "tr" and "data-program" in a:
            self.row = a["data-program"]
        if tag == "th" and self.row is not None:
            self.in_th, self.name = True, ""
        if tag == "a" and self.in_th:
            self.in_link = True
        if tag == "td" and self.row is not None and "data-domain" in a:
            self.cell = [self.row, a["data-domain"], ""]
        if tag == "figure" and "data-program" in a:
            self.figure = [a["data-program"], 0, a.get("data-points", "")]
        if tag == "circle" and self.figure:
            self.figure[1] += 1

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False
        if tag == "a":
            self.in_link = False
        if tag == "th" and self.in_th:
            self.in_th = False
            self.names.append((self.row, self.name))
        if tag == "td" and self.cell:
            self.cells.append(self.cell)
            self.cell = None
        if tag == "tr":
            self.row = None
            if self.rank_row:
                self.ranks.append(self.rank_row)
                self.rank_row = None
        if tag == "section":
            self.rank_list = None
        if tag == "figure" and self.figure:
            self.points.append(self.figure)
            self.figure = None

    def handle_data(self, data):
        if self.in_style:
            self.urls += ["css=" + m for m in re.findall(r"url\([^)]*\)", data)]
        if self.in_link:
            self.name += data
        if self.cell:
            self.cell[2] += data


def main():
    mode, path = sys.argv[1], sys.argv[2]
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    if mode == "cells":
        for slug, col, text in p.cells:
            print("%s\t%s\t%s" % (slug, col, text.strip()))
    elif mode == "points":
        for slug, circles, data in p.points:
            print("%s\t%d\t%s" % (slug, circles, data))
    elif mode == "names":
        for slug, name in p.names:
            print("%s\t%s" % (slug, name))
    elif mode == "ranks":
        for lst, rank, slug, rules in p.ranks:
            print("%s\t%s\t%s\t%s" % (lst, rank, slug, ",".join(rules)))
    elif mode == "urls":
        for u in p.urls:
            print(u)
    elif mode == "scripts":
        for s in p.scripts:
            print(s)
    else:
        sys.exit("report-dom.py: unknown mode " + mode)


if __name__ == "__main__":
    main()
